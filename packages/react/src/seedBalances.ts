import type { QueryClient } from '@tanstack/react-query';
import type { AccountsResponse, BalanceResponse } from '@okra-balance/core';
import { balanceKey } from './balanceKeys.ts';

// The balances that came from the list and have not been replaced since, by identity: an answer of its own
// is a new object (or, equal to this one, keeps it, and is then just as fresh).
const fromList = new WeakSet<BalanceResponse>();

/**
 * Puts each listed account's balance, job and health into its balance query, as `GET /accounts/:id/balance`
 * would answer them, so the cards under a list need no request of their own. A balance that arrived after
 * `askedAt` (when the list was asked for) is newer than the list's copy and stays.
 */
export function seedBalances(client: QueryClient, baseUrl: string, reply: AccountsResponse, askedAt: number) {
  for (const { id, balance, job, health } of reply.accounts) {
    const key = balanceKey(baseUrl, id);
    if ((client.getQueryState(key)?.dataUpdatedAt ?? 0) > askedAt) continue;
    const data = client.setQueryData<BalanceResponse>(key, { accountId: id, balance, job, health });
    if (data) fromList.add(data);
  }
}

/** True for a balance that is the list's copy: it is as fresh as the list, so a card mounting asks nothing. */
export const isFromList = (data: BalanceResponse | undefined): boolean => !!data && fromList.has(data);
