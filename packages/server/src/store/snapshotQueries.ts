import type { Balance, BalanceSnapshot } from '@okra-balance/core';
import { newId } from './ids.ts';
import { onlyRow, toSnapshot } from './rows.ts';
import type { SqlClient } from './SqlClient.ts';

export async function insertSnapshot(
  sql: SqlClient,
  upstreamKey: string,
  balance: Balance,
  raw: unknown,
  now: string,
  jobId: string | null,
): Promise<BalanceSnapshot> {
  const rows = await sql.query(
    `INSERT INTO okra_balance_snapshots (id, upstream_key, available, derived, ledger, currency, as_of,
       last_checked_at, recorded_at, job_id, raw)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
     RETURNING *`,
    [
      newId('snap'),
      upstreamKey,
      balance.available,
      balance.derived,
      balance.ledger,
      balance.currency,
      balance.asOf,
      balance.lastCheckedAt,
      now,
      jobId,
      JSON.stringify(raw ?? null),
    ],
  );
  return toSnapshot(onlyRow(rows, 'INSERT INTO okra_balance_snapshots'));
}

/**
 * Stores earlier balances a record carried (`periodic`), each at its own time, and only those whose time no
 * stored snapshot of the account has: the same point read twice, or one a job stored already, is kept once.
 */
export async function insertPeriodic(
  sql: SqlClient,
  upstreamKey: string,
  balances: readonly Balance[],
): Promise<void> {
  for (const balance of balances) {
    await sql.query(
      `INSERT INTO okra_balance_snapshots (id, upstream_key, available, derived, ledger, currency, as_of,
         last_checked_at, recorded_at, raw)
       SELECT $1, $2, $3, $4, $5, $6, $7, NULL, $7, '{"periodic":true}'::jsonb
       WHERE NOT EXISTS (SELECT 1 FROM okra_balance_snapshots WHERE upstream_key = $2 AND as_of = $7)`,
      [
        newId('snap'),
        upstreamKey,
        balance.available,
        balance.derived,
        balance.ledger,
        balance.currency,
        balance.asOf,
      ],
    );
  }
}

/** The newest snapshot of each account, in one query; accounts with none are absent from the map. */
export async function latestSnapshots(
  sql: SqlClient,
  upstreamKeys: readonly string[],
): Promise<Map<string, BalanceSnapshot>> {
  if (upstreamKeys.length === 0) return new Map();
  const rows = await sql.query(
    `SELECT DISTINCT ON (upstream_key) * FROM okra_balance_snapshots WHERE upstream_key = ANY($1::text[])
     ORDER BY upstream_key, recorded_at DESC, id DESC`,
    [upstreamKeys],
  );
  return new Map(rows.map((row) => [String(row.upstream_key), toSnapshot(row)]));
}

export async function listSnapshots(
  sql: SqlClient,
  upstreamKey: string,
  since: string,
  limit: number,
): Promise<BalanceSnapshot[]> {
  const rows = await sql.query(
    `SELECT * FROM okra_balance_snapshots WHERE upstream_key = $1 AND recorded_at >= $2
     ORDER BY recorded_at DESC, id DESC LIMIT $3`,
    [upstreamKey, since, limit],
  );
  return rows.map(toSnapshot);
}
