import type { LinkOutage, ReauthReason } from '@okra-balance/core';
import { emitEvent } from './eventQueries.ts';
import { newId } from './ids.ts';
import { iso, isoOrNull } from './rows.ts';
import type { SqlClient } from './SqlClient.ts';
import type { ReauthMark } from './Store.ts';
import type { StoreEvent } from './StoreEvent.ts';

/**
 * Marks every row of these provider accounts (all users') as needing its user and opens one outage each. A
 * mark already there is kept: the outage began with the first word of it.
 */
export async function markNeedsReauth(
  sql: SqlClient,
  upstreamKeys: readonly string[],
  mark: ReauthMark,
  emitted: StoreEvent[],
): Promise<string[]> {
  if (upstreamKeys.length === 0) return [];
  const rows = await sql.query<{ upstream_key: string }>(
    `UPDATE okra_accounts SET reauth_reason = $2, reauth_message = $3, reauth_since = $4
     WHERE upstream_key = ANY($1::text[]) AND reauth_since IS NULL
     RETURNING upstream_key`,
    [upstreamKeys, mark.reason, mark.message, mark.since],
  );
  const marked = [...new Set(rows.map((row) => row.upstream_key))];
  for (const key of marked) {
    await sql.query(
      `INSERT INTO okra_link_outages (id, upstream_key, reason, from_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (upstream_key) WHERE to_at IS NULL DO NOTHING`,
      [newId('out'), key, mark.reason, mark.since],
    );
    await emitEvent(sql, emitted, 'account', key, mark.since);
  }
  return marked;
}

/** Sets these provider accounts' health back to ok and closes their open outages at `now`. */
export async function clearNeedsReauth(
  sql: SqlClient,
  upstreamKeys: readonly string[],
  now: string,
  emitted: StoreEvent[],
): Promise<void> {
  if (upstreamKeys.length === 0) return;
  const cleared = await sql.query<{ upstream_key: string }>(
    `UPDATE okra_accounts SET reauth_reason = NULL, reauth_message = NULL, reauth_since = NULL
     WHERE upstream_key = ANY($1::text[]) AND reauth_since IS NOT NULL
     RETURNING upstream_key`,
    [upstreamKeys],
  );
  // Every holder of the account sees it healthy again.
  for (const key of new Set(cleared.map((row) => row.upstream_key))) {
    await emitEvent(sql, emitted, 'account', key, now);
  }
  await sql.query(
    `UPDATE okra_link_outages SET to_at = GREATEST($2::timestamptz, from_at)
     WHERE upstream_key = ANY($1::text[]) AND to_at IS NULL`,
    [upstreamKeys, now],
  );
}

export async function listOutages(
  sql: SqlClient,
  upstreamKey: string,
  since: string,
  limit: number,
): Promise<LinkOutage[]> {
  const rows = await sql.query(
    `SELECT * FROM okra_link_outages WHERE upstream_key = $1 AND (to_at IS NULL OR to_at >= $2)
     ORDER BY from_at DESC, id DESC LIMIT $3`,
    [upstreamKey, since, limit],
  );
  return rows.map((row) => ({
    from: iso(row.from_at),
    to: isoOrNull(row.to_at),
    reason: String(row.reason) as ReauthReason,
  }));
}
