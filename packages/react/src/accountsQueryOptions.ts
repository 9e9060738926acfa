import { queryOptions } from '@tanstack/react-query';
import type { AccountsResponse } from '@okra-balance/core';
import { balanceKeys } from './balanceKeys.ts';
import { requestJson, type BalanceClientConfig } from './requestJson.ts';

/**
 * The query behind `useLinkedAccounts`: `GET /accounts`, for prefetching and server rendering.
 *
 * @example
 * await queryClient.prefetchQuery(accountsQueryOptions({ baseUrl: 'https://example.com/api/balance' }));
 */
export function accountsQueryOptions(config: BalanceClientConfig) {
  return queryOptions({
    queryKey: balanceKeys.accounts(config.baseUrl),
    queryFn: ({ signal }) =>
      requestJson<AccountsResponse>(config, '/accounts', 'accounts', 'GET', undefined, signal),
  });
}
