import {
  normalizeBalance,
  pendingTransactions,
  type AmountUnit,
  type Balance,
  type ProviderBalance,
} from '@okra-balance/core';
import type { ProviderClient } from '../provider/createProviderClient.ts';

/** A balance in our model, with the provider's object it came from (unknown fields kept). */
export interface ReadBalance {
  balance: Balance;
  raw: ProviderBalance;
}

/**
 * The account's newest balance from the provider, or null when it has none, the newest has no ledger figure,
 * or (with `since`) the newest is older than that time.
 *
 * @example
 * const read = await readBalance(client, 'acc_1', 'major', new Date().toISOString());
 */
export async function readBalance(
  client: ProviderClient,
  accountId: string,
  unit: AmountUnit,
  now: string,
  since: string | null = null,
): Promise<ReadBalance | null> {
  const [newest] = [...(await client.balancesByAccount(accountId))].sort((a, b) => timeOf(b) - timeOf(a));
  // Only the newest counts: an older record's figures passed off as fresh would be worse than none.
  if (newest === undefined) return null;
  if (since !== null && timeOf(newest) < Date.parse(since)) return null;
  return toReadBalance(client, accountId, newest, unit, now);
}

/**
 * Our balance from a provider balance. When the bank gave no available balance, it is derived from the
 * account's pending transactions (and marked derived); if those cannot be read, it stays null.
 */
export async function toReadBalance(
  client: ProviderClient,
  accountId: string,
  raw: ProviderBalance,
  unit: AmountUnit,
  now: string,
): Promise<ReadBalance | null> {
  const reported = typeof raw.available_balance === 'number' && Number.isFinite(raw.available_balance);
  const base = { unit, now, lastCheckedAt: now };
  if (reported) {
    const balance = normalizeBalance(raw, base);
    return balance === null ? null : { balance, raw };
  }
  const plain = normalizeBalance(raw, base);
  if (plain === null) return null;
  try {
    const transactions = await client.transactionsByAccount(accountId);
    const pending = pendingTransactions(transactions, unit, plain.currency);
    const balance = normalizeBalance(raw, { ...base, pending });
    return balance === null ? null : { balance, raw };
  } catch {
    // Without the transactions nothing can be derived: an honest null beats a guess.
    return { balance: plain, raw };
  }
}

function timeOf(balance: ProviderBalance): number {
  for (const value of [balance.last_updated, balance.created_at]) {
    const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(time)) return time;
  }
  return 0;
}
