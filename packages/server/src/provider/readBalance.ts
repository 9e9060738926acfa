import { type AmountUnit, type Balance, type ProviderBalance } from '@okra-balance/core';
import { cleanJson } from '../cleanText.ts';
import type { ProviderClient } from './createProviderClient.ts';
import { normalizeBalance } from './normalizeBalance.ts';
import { balanceTime } from './payloads.ts';
import { pendingTransactions } from './pendingTransactions.ts';
import { ProviderError } from './ProviderError.ts';

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
  const [newest] = [...(await client.balancesByAccount(accountId))].sort(
    (a, b) => balanceTime(b) - balanceTime(a),
  );
  // Only the newest counts: an older record's figures passed off as fresh would be worse than none.
  if (newest === undefined) return null;
  if (since !== null && balanceTime(newest) < Date.parse(since)) return null;
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
  const plain = checked(() => normalizeBalance(raw, base));
  if (plain === null) return null;
  if (reported) return { balance: plain, raw: cleanJson(raw) as ProviderBalance };
  try {
    const transactions = await client.transactionsByAccount(accountId);
    const pending = pendingTransactions(transactions, unit, plain.currency);
    const balance = normalizeBalance(raw, { ...base, pending });
    return balance === null ? null : { balance, raw: cleanJson(raw) as ProviderBalance };
  } catch {
    // Without the transactions nothing can be derived: an honest null beats a guess.
    return { balance: plain, raw: cleanJson(raw) as ProviderBalance };
  }
}

// Figures we refuse to store are the provider's fault, typed so a job fails at once instead of retrying.
function checked(read: () => Balance | null): Balance | null {
  let balance: Balance | null;
  try {
    balance = read();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ProviderError('bad_data', `The provider sent a balance we refuse: ${error.message}`);
  }
  if (balance !== null && !/^[A-Z]{3}$/.test(balance.currency)) {
    throw new ProviderError(
      'bad_data',
      'The provider sent a balance with a currency that is not an ISO code',
    );
  }
  return balance;
}
