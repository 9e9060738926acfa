import type { SqlClient } from './SqlClient.ts';
import type { ChangeKind, StoreEvent } from './StoreEvent.ts';

/** The Postgres channel the store's change events are announced on. */
export const EVENT_CHANNEL = 'okra_balance_events';

/**
 * Records a change and announces it, inside the caller's transaction: NOTIFY is delivered on commit and
 * dropped on rollback, so listeners never hear of a change that did not happen. Pushes it to `emitted`, which
 * the store publishes in this process once the transaction has committed.
 */
export async function emitEvent(
  tx: SqlClient,
  emitted: StoreEvent[],
  kind: ChangeKind,
  key: string,
  now: string,
): Promise<void> {
  const rows = await tx.query<{ seq: unknown }>(
    `WITH event AS (INSERT INTO okra_events (kind, key, at) VALUES ($1, $2, $3) RETURNING seq)
     SELECT seq, pg_notify('${EVENT_CHANNEL}', seq::text || ' ' || $1 || ' ' || $2) FROM event`,
    [kind, key, now],
  );
  emitted.push({ seq: Number(rows[0]?.seq), kind, key });
}

/** The events after `afterSeq`, oldest first, at most `limit` (a listener that reconnects catches up with them). */
export async function eventsAfter(sql: SqlClient, afterSeq: number, limit: number): Promise<StoreEvent[]> {
  const rows = await sql.query<{ seq: unknown; kind: ChangeKind; key: string }>(
    `SELECT seq, kind, key FROM okra_events WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows.map((row) => ({ seq: Number(row.seq), kind: row.kind, key: row.key }));
}

/**
 * The keys among `keys` with an event after `afterSeq`, with the oldest and newest seq in the log: a stream
 * resuming from an id older than the oldest retained event cannot know all it missed.
 */
export async function changedSince(
  sql: SqlClient,
  keys: readonly string[],
  afterSeq: number,
): Promise<{ keys: string[]; oldest: number | null; newest: number }> {
  const rows = await sql.query<{ oldest: unknown; newest: unknown; keys: string[] }>(
    `SELECT min(seq) AS oldest, coalesce(max(seq), 0) AS newest,
       ARRAY(SELECT DISTINCT key FROM okra_events WHERE seq > $1 AND key = ANY($2::text[])) AS keys
     FROM okra_events`,
    [afterSeq, [...keys]],
  );
  const row = rows[0];
  return {
    keys: row?.keys ?? [],
    oldest: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest),
    newest: Number(row?.newest ?? 0),
  };
}
