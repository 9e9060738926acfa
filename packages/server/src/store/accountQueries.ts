import { emitEvent } from './eventQueries.ts';
import { toAccount } from './rows.ts';
import type { SqlClient } from './SqlClient.ts';
import type { StoredAccount } from './Store.ts';
import type { StoreEvent } from './StoreEvent.ts';

export async function listAccounts(sql: SqlClient, userId: string): Promise<StoredAccount[]> {
  const rows = await sql.query(`SELECT * FROM okra_accounts WHERE user_id = $1 ORDER BY linked_at, id`, [
    userId,
  ]);
  return rows.map(toAccount);
}

export async function getAccount(
  sql: SqlClient,
  userId: string,
  accountId: string,
): Promise<StoredAccount | null> {
  const rows = await sql.query(`SELECT * FROM okra_accounts WHERE id = $1 AND user_id = $2`, [
    accountId,
    userId,
  ]);
  return rows[0] === undefined ? null : toAccount(rows[0]);
}

/** Deletes the user's account; its balances and jobs go too once no user holds the provider account. */
export function deleteAccount(
  sql: SqlClient,
  userId: string,
  accountId: string,
  now: string,
  emitted: StoreEvent[],
): Promise<boolean> {
  return sql.transaction(async (tx) => {
    const deleted = await tx.query<{ upstream_key: string }>(
      `DELETE FROM okra_accounts WHERE id = $1 AND user_id = $2 RETURNING upstream_key`,
      [accountId, userId],
    );
    const upstreamKey = deleted[0]?.upstream_key;
    if (upstreamKey === undefined) return false;
    const others = await tx.query(`SELECT 1 FROM okra_accounts WHERE upstream_key = $1 LIMIT 1`, [
      upstreamKey,
    ]);
    if (others.length === 0) {
      await tx.query(`DELETE FROM okra_balance_snapshots WHERE upstream_key = $1`, [upstreamKey]);
      await tx.query(`DELETE FROM okra_refresh_jobs WHERE upstream_key = $1`, [upstreamKey]);
      await emitEvent(tx, emitted, 'account', upstreamKey, now);
    }
    await emitEvent(tx, emitted, 'accounts', userId, now);
    return true;
  });
}

export async function setLastChecked(sql: SqlClient, upstreamKey: string, at: string): Promise<void> {
  await sql.query(
    `UPDATE okra_accounts SET last_checked_at = $2
     WHERE upstream_key = $1 AND (last_checked_at IS NULL OR last_checked_at < $2)`,
    [upstreamKey, at],
  );
}
