import { normalizeBank, type Bank, type ProviderAccount, type ProviderBalance } from '@okra-balance/core';
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
  const id = text(account._id) ?? text(account.id);
  if (id === null) return null;
  const bank = normalizeBank(account.bank) ?? { id: 'unknown', name: 'Unknown bank' };
  const currency = (text(account.currency) ?? 'NGN').toUpperCase();
  // Provider text is stored and shown: cleaned of what a database refuses, and bounded.
  return {
    providerAccountId: cleanText(id, 200),
    customerId: nullable(idOf(account.customer) ?? customerHint, 200),
    name: cleanText(text(account.name) ?? 'Account', 120),
    nuban: cleanText(text(account.nuban) ?? '', 32),
    bank: cleanJson(bank) as Bank,
    currency: /^[A-Z]{3}$/.test(currency) ? currency : 'NGN',
    raw: cleanJson(account),
  };
}

/** The balances' accounts, each with its newest balance, when `account` is populated (as byOptions sends it). */
export function accountsFromBalances(
  balances: readonly ProviderBalance[],
): { account: ProviderAccount; balance: ProviderBalance; customerId: string | null }[] {
  const byAccount = new Map<
    string,
    { account: ProviderAccount; balance: ProviderBalance; customerId: string | null }
  >();
  for (const balance of balances) {
    if (typeof balance.account !== 'object' || balance.account === null) continue;
    const id = text(balance.account._id) ?? text(balance.account.id);
    if (id === null) continue;
    const seen = byAccount.get(id);
    if (seen !== undefined && timeOf(seen.balance) >= timeOf(balance)) continue;
    byAccount.set(id, { account: balance.account, balance, customerId: idOf(balance.customer) });
  }
  return [...byAccount.values()];
}

/** The account ids of balances whose `account` is only an id (not populated). */
export function unpopulatedAccountIds(balances: readonly ProviderBalance[]): string[] {
  return balances.flatMap((balance) =>
    typeof balance.account === 'string' && balance.account !== '' ? [balance.account] : [],
  );
}

export function idOf(value: unknown): string | null {
  if (typeof value === 'string') return text(value);
  if (typeof value !== 'object' || value === null) return null;
  const object = value as { _id?: unknown; id?: unknown };
  return text(object._id) ?? text(object.id);
}

function nullable(value: string | null, maxLength: number): string | null {
  return value === null ? null : cleanText(value, maxLength);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function timeOf(balance: ProviderBalance): number {
  const time = Date.parse(String(balance.last_updated ?? balance.created_at ?? ''));
  return Number.isNaN(time) ? 0 : time;
}
