import { queryOptions } from '@tanstack/react-query';
import type { AccountsResponse } from '@okra-balance/core';
import type { BalanceApiError } from './BalanceApiError.ts';
import { accountsKey } from './balanceKeys.ts';
import { defaultTiming, retryFor, type BalanceTiming } from './BalanceTiming.ts';
import { requestJson, type BalanceClientConfig } from './requestJson.ts';

/**
 * The query behind `useLinkedAccounts`: `GET /accounts`, for prefetching and server rendering. A 4xx is not
 * retried.
 *
 * @example
 * await queryClient.prefetchQuery(accountsQueryOptions({ baseUrl: 'https://example.com/api/balance' }));
 */
export function accountsQueryOptions(config: BalanceClientConfig, timing: BalanceTiming = defaultTiming) {
  return queryOptions<AccountsResponse, BalanceApiError, AccountsResponse, ReturnType<typeof accountsKey>>({
    queryKey: accountsKey(config.baseUrl),
    queryFn: ({ signal }) => requestJson(config, { path: '/accounts', expect: 'accounts', signal }),
    retry: retryFor(timing),
  });
}
