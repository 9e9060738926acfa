import { normalizeBank, type Bank, type ProviderAccount, type ProviderBalance } from '@okra-balance/core';
import { balanceTime, textOrNull } from '../provider/payloads.ts';
import { cleanJson, cleanText } from '../cleanText.ts';
import type { NewAccount } from '../store/Store.ts';

/**
 * Our account from the provider's (populated) account object. Returns null when it has no id: there is
 * nothing to refresh without one.
 *
 * @example
 * accountFromProvider({ _id: 'a1', name: 'Ada', nuban: '0123456789', bank: { _id: 'b1', name: 'GTBank' } }, null);
 */
export function accountFromProvider(
  account: ProviderAccount,
  customerHint: string | null,
): Omit<NewAccount, 'firstBalance'> | null {
  const id = textOrNull(account._id) ?? textOrNull(account.id);
  if (id === null) return null;
  const bank = normalizeBank(account.bank) ?? { id: 'unknown', name: 'Unknown bank' };
  const currency = (textOrNull(account.currency) ?? 'NGN').toUpperCase();
  // Provider text is stored and shown: cleaned of what a database refuses, and bounded.
  return {
    providerAccountId: cleanText(id, 200),
    customerId: nullable(idOf(account.customer) ?? customerHint, 200),
    name: cleanText(textOrNull(account.name) ?? 'Account', 120),
    nuban: cleanText(textOrNull(account.nuban) ?? '', 32),
    bank: cleanJson(bank) as Bank,
    currency: /^[A-Z]{3}$/.test(currency) ? currency : 'NGN',
    raw: cleanJson(account),
  };
}

/** The balances' accounts, each with its newest balance, when `account` is populated (as byOptions sends it). */
export function accountsFromBalances(
  balances: readonly ProviderBalance[],
): { account: ProviderAccount; balance: ProviderBalance }[] {
  const byAccount = new Map<string, { account: ProviderAccount; balance: ProviderBalance }>();
  for (const balance of balances) {
    if (typeof balance.account !== 'object' || balance.account === null) continue;
    const id = textOrNull(balance.account._id) ?? textOrNull(balance.account.id);
    if (id === null) continue;
    const seen = byAccount.get(id);
    if (seen !== undefined && balanceTime(seen.balance) >= balanceTime(balance)) continue;
    byAccount.set(id, { account: balance.account, balance });
  }
  return [...byAccount.values()];
}

export function idOf(value: unknown): string | null {
  if (typeof value === 'string') return textOrNull(value);
  if (typeof value !== 'object' || value === null) return null;
  const object = value as { _id?: unknown; id?: unknown };
  return textOrNull(object._id) ?? textOrNull(object.id);
}

function nullable(value: string | null, maxLength: number): string | null {
  return value === null ? null : cleanText(value, maxLength);
}
