import { clearNeedsReauth } from './healthQueries.ts';
import { emitEvent } from './eventQueries.ts';
import { newId } from './ids.ts';
import { onlyRow, toAccount, toLinkToken } from './rows.ts';
import type { SqlClient } from './SqlClient.ts';
import type { SaveLinkInput, SaveLinkResult, StoredAccount, StoredLinkToken } from './Store.ts';
import { insertSnapshot } from './snapshotQueries.ts';
import type { StoreEvent } from './StoreEvent.ts';

export async function createLinkToken(sql: SqlClient, token: StoredLinkToken): Promise<void> {
  await sql.query(
    `INSERT INTO okra_link_tokens (token_hash, user_id, created_at, expires_at, used_at, hook_hash,
       reauth_account_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      token.tokenHash,
      token.userId,
      token.createdAt,
      token.expiresAt,
      token.usedAt,
      token.hookHash,
      token.reauthAccountId ?? null,
    ],
  );
}

export async function countLinkAttempt(sql: SqlClient, tokenHash: string): Promise<number> {
  const rows = await sql.query<{ attempts: unknown }>(
    `UPDATE okra_link_tokens SET attempts = attempts + 1 WHERE token_hash = $1 RETURNING attempts`,
    [tokenHash],
  );
  return rows[0] === undefined ? 0 : Number(rows[0].attempts);
}

export async function findHook(sql: SqlClient, hookHash: string): Promise<string[] | null> {
  const links = await sql.query<{ upstream_key: string | null }>(
    `SELECT a.upstream_key FROM okra_links l LEFT JOIN okra_accounts a ON a.link_id = l.id
     WHERE l.hook_hash = $1`,
    [hookHash],
  );
  if (links.length > 0) return links.flatMap((row) => (row.upstream_key === null ? [] : [row.upstream_key]));
  const tokens = await sql.query(`SELECT 1 FROM okra_link_tokens WHERE hook_hash = $1 AND used_at IS NULL`, [
    hookHash,
  ]);
  return tokens.length > 0 ? [] : null;
}

export async function findLinkToken(sql: SqlClient, tokenHash: string): Promise<StoredLinkToken | null> {
  const rows = await sql.query(`SELECT * FROM okra_link_tokens WHERE token_hash = $1`, [tokenHash]);
  return rows[0] === undefined ? null : toLinkToken(rows[0]);
}

/** Consumes the token and stores the link, its accounts and their first balances in one transaction. */
export function saveLink(
  sql: SqlClient,
  input: SaveLinkInput,
  emitted: StoreEvent[],
): Promise<SaveLinkResult> {
  return sql.transaction(async (tx) => {
    const used = await tx.query<{ hook_hash: string | null }>(
      `UPDATE okra_link_tokens SET used_at = $3
       WHERE token_hash = $1 AND user_id = $2 AND used_at IS NULL AND expires_at > $3
       RETURNING hook_hash`,
      [input.tokenHash, input.userId, input.now],
    );
    if (used.length === 0) {
      const token = await findLinkToken(tx, input.tokenHash);
      return {
        refused:
          token !== null && token.userId === input.userId && token.usedAt !== null ? 'used' : 'invalid',
      };
    }
    const linkId = newId('link');
    await tx.query(
      `INSERT INTO okra_links (id, user_id, provider, customer_id, record_id, token_hash, created_at, hook_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        linkId,
        input.userId,
        input.provider,
        input.customerId,
        input.recordId,
        input.tokenHash,
        input.now,
        used[0]?.hook_hash ?? null,
      ],
    );
    // The provider just confirmed these accounts: whatever needed their user is done (before the rows are
    // read back, so they come back healthy).
    await clearNeedsReauth(
      tx,
      input.accounts.map((account) => `${input.provider}:${account.providerAccountId}`),
      input.now,
      emitted,
    );
    const accounts: StoredAccount[] = [];
    for (const account of input.accounts) {
      const upstreamKey = `${input.provider}:${account.providerAccountId}`;
      // Linking an account again keeps its id (so the browser's references stay valid) and refreshes its details.
      const rows = await tx.query(
        `INSERT INTO okra_accounts (id, user_id, link_id, provider, provider_account_id, upstream_key, customer_id,
           name, nuban, bank, currency, raw, linked_at, scheduled_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12::jsonb, $13, $13)
         ON CONFLICT (user_id, upstream_key) DO UPDATE SET link_id = excluded.link_id,
           customer_id = excluded.customer_id, name = excluded.name, nuban = excluded.nuban,
           bank = excluded.bank, currency = excluded.currency, raw = excluded.raw
         RETURNING *`,
        [
          newId('acct'),
          input.userId,
          linkId,
          input.provider,
          account.providerAccountId,
          upstreamKey,
          account.customerId,
          account.name,
          account.nuban,
          JSON.stringify(account.bank),
          account.currency,
          JSON.stringify(account.raw ?? null),
          input.now,
        ],
      );
      if (account.firstBalance !== null) {
        await insertSnapshot(
          tx,
          upstreamKey,
          account.firstBalance.balance,
          account.firstBalance.raw,
          input.now,
          null,
        );
      }
      accounts.push(toAccount(onlyRow(rows, 'INSERT INTO okra_accounts')));
      // Other users holding this provider account see its new balance too.
      if (account.firstBalance !== null) await emitEvent(tx, emitted, 'account', upstreamKey, input.now);
    }
    await emitEvent(tx, emitted, 'accounts', input.userId, input.now);
    return { accounts };
  });
}
