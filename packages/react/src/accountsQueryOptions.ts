import { queryOptions } from '@tanstack/react-query';
import type { AccountsResponse } from '@okra-balance/core';
import type { BalanceApiError } from './BalanceApiError.ts';
import { accountsKey } from './balanceKeys.ts';
import { defaultTiming, retryFor, type BalanceTiming } from './BalanceTiming.ts';
import { requestJson, type BalanceClientConfig } from './requestJson.ts';
import { seedBalances } from './seedBalances.ts';

/**
 * The query behind `useLinkedAccounts`: `GET /accounts`, for prefetching and server rendering. A 4xx is not
 * retried. Each answer also fills every listed account's balance query (`balanceQueryOptions`), so a page of
 * N cards makes one request, and a prefetch serves the cards too.
 *
 * @example
 * await queryClient.prefetchQuery(accountsQueryOptions({ baseUrl: 'https://example.com/api/balance' }));
 */
export function accountsQueryOptions(config: BalanceClientConfig, timing: BalanceTiming = defaultTiming) {
  return queryOptions<AccountsResponse, BalanceApiError, AccountsResponse, ReturnType<typeof accountsKey>>({
    queryKey: accountsKey(config.baseUrl),
    queryFn: async ({ signal, client }) => {
      const askedAt = Date.now();
      const reply = await requestJson<AccountsResponse>(config, {
        path: '/accounts',
        expect: 'accounts',
        signal,
      });
      seedBalances(client, config.baseUrl, reply, askedAt);
      return reply;
    },
    retry: retryFor(timing),
  });
}
