import type { AmountUnit, ProviderAccount, ProviderBalance } from '@okra-balance/core';
import { cleanText } from '../cleanText.ts';
import { LinkError } from './LinkError.ts';
import { sha256Hex } from '../secrets.ts';
import { readBalance, toReadBalance } from '../provider/readBalance.ts';
import type { ProviderClient } from '../provider/createProviderClient.ts';
import { isProviderError } from '../provider/ProviderError.ts';
import type { NewAccount, Store, StoredAccount, StoredLinkToken } from '../store/Store.ts';
import { accountFromProvider, accountsFromBalances, idOf } from './accountFromProvider.ts';

/** How to find a link's accounts when the provider has no `/balance/byOptions`. */
export type LinkFallback = 'accounts-by-customer' | 'none';

export interface ConfirmLinkInput {
  store: Store;
  client: ProviderClient;
  providerId: string;
  unit: AmountUnit;
  fallback: LinkFallback;
  userId: string;
  linkToken: string;
  /** Only for the fallback: the customer the widget reported, checked against the token's time. */
  customerId: string | null;
  now: Date;
}

// The fallback accepts only accounts the provider created after the token (less this much clock skew).
const FALLBACK_SKEW_MS = 60_000;

/** A confirmed link: its accounts, and whether it reconnected one the user had (a re-authentication). */
export interface ConfirmedLink {
  accounts: StoredAccount[];
  reconnected: boolean;
}

/**
 * Confirms a link with the provider, never with the browser's word: checks the link token (this user's,
 * unused, unexpired), asks the provider which accounts were linked under it, and stores them with their first
 * balance while marking the token used, atomically. A token whose accounts the provider does not know yet
 * stays usable (`link_not_found`), since the provider may still be writing the record. A re-authentication
 * token keeps only the account it names, which the provider must have confirmed.
 */
export async function confirmLink(input: ConfirmLinkInput): Promise<ConfirmedLink> {
  const tokenHash = await sha256Hex(input.linkToken);
  const token = await input.store.findLinkToken(tokenHash);
  checkToken(token, input.userId, input.now);
  const reconnecting = await accountToReconnect(input, token);

  const now = input.now.toISOString();
  const all = await linkedAccounts(input, token);
  if (all.length === 0) {
    throw new LinkError(
      'link_not_found',
      'The provider has no accounts for this link yet: try again in a moment',
    );
  }
  const found =
    reconnecting === null
      ? all
      : all.filter(({ account }) => idOf(account) === reconnecting.providerAccountId);
  if (reconnecting !== null && found.length === 0) {
    throw new LinkError(
      'invalid_request',
      `The bank sign-in did not reconnect ${reconnecting.name}: reconnect it again and sign in to the bank that holds it`,
    );
  }
  const accounts: NewAccount[] = [];
  for (const { account, balance } of found) {
    const base = accountFromProvider(account, idOf(balance?.customer) ?? input.customerId);
    if (base === null) continue;
    const first =
      balance === null
        ? await readBalance(input.client, base.providerAccountId, input.unit, now).catch(() => null)
        : await toReadBalance(input.client, base.providerAccountId, balance, input.unit, now);
    accounts.push({ ...base, firstBalance: first });
  }
  const saved = await input.store.saveLink({
    tokenHash,
    userId: input.userId,
    provider: input.providerId,
    customerId: accounts[0]?.customerId ?? null,
    recordId: recordOf(found),
    accounts,
    now,
  });
  if ('refused' in saved) {
    throw saved.refused === 'used'
      ? new LinkError('link_token_used', 'This link token was used already: start a new link')
      : new LinkError('link_token_invalid', 'This link token is not valid: start a new link');
  }
  return { accounts: saved.accounts, reconnected: reconnecting !== null };
}

// The account a re-authentication token names, still the user's; a token for a new link names none.
async function accountToReconnect(input: ConfirmLinkInput, token: StoredLinkToken) {
  const id = token.reauthAccountId ?? null;
  if (id === null) return null;
  const account = await input.store.getAccount(input.userId, id);
  if (account === null) {
    throw new LinkError(
      'link_token_invalid',
      'The account to reconnect is no longer linked: start a new link',
    );
  }
  return account;
}

function checkToken(
  token: StoredLinkToken | null,
  userId: string,
  now: Date,
): asserts token is StoredLinkToken {
  // Another user's token is answered exactly like an unknown one.
  if (token === null || token.userId !== userId) {
    throw new LinkError('link_token_invalid', 'This link token is not valid: start a new link');
  }
  if (token.usedAt !== null)
    throw new LinkError('link_token_used', 'This link token was used already: start a new link');
  if (Date.parse(token.expiresAt) <= now.getTime()) {
    throw new LinkError('link_token_expired', 'This link token has expired: start a new link');
  }
}

type Found = { account: ProviderAccount; balance: ProviderBalance | null };

async function linkedAccounts(input: ConfirmLinkInput, token: StoredLinkToken): Promise<Found[]> {
  let balances: ProviderBalance[];
  try {
    balances = await input.client.balancesByOptions({ linkToken: input.linkToken });
  } catch (error) {
    if (!isProviderError(error, 'not_found')) throw error;
    if (input.fallback === 'accounts-by-customer') return byCustomer(input, token);
    return [];
  }
  const found: Found[] = accountsFromBalances(balances);
  // Balances whose `account` is only an id: look the accounts up through their customer.
  const known = new Set(found.map((entry) => idOf(entry.account)));
  const bare = balances.filter(
    (balance) => typeof balance.account === 'string' && !known.has(balance.account),
  );
  for (const customer of new Set(bare.map((balance) => idOf(balance.customer)).filter((id) => id !== null))) {
    for (const account of await input.client.accountsByCustomer(customer)) {
      const balance = bare.find((candidate) => candidate.account === idOf(account)) ?? null;
      if (balance !== null && !known.has(idOf(account))) {
        known.add(idOf(account));
        found.push({ account, balance });
      }
    }
  }
  return found;
}

async function byCustomer(input: ConfirmLinkInput, token: StoredLinkToken): Promise<Found[]> {
  if (input.customerId === null) {
    throw new LinkError(
      'invalid_request',
      'This provider cannot find a link by its token: send the customerId too',
    );
  }
  const since = Date.parse(token.createdAt) - FALLBACK_SKEW_MS;
  const accounts = await input.client.accountsByCustomer(input.customerId);
  return accounts
    .filter((account) => Date.parse(String(account.created_at ?? '')) >= since)
    .map((account) => ({ account, balance: null }));
}

function recordOf(found: Found[]): string | null {
  const record = found.map((entry) => entry.balance?.record).find((value) => typeof value === 'string');
  return record === undefined ? null : cleanText(record, 200);
}
