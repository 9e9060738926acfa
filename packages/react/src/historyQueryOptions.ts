import { queryOptions } from '@tanstack/react-query';
import type { HistoryResponse } from '@okra-balance/core';
import { balanceKeys } from './balanceKeys.ts';
import { requestJson, type BalanceClientConfig } from './requestJson.ts';

/**
 * The query behind `useBalanceHistory`: `GET /accounts/:id/history`, newest first.
 *
 * @example
 * await queryClient.prefetchQuery(historyQueryOptions({ baseUrl: '/api/balance' }, accountId));
 */
export function historyQueryOptions(config: BalanceClientConfig, accountId: string) {
  return queryOptions({
    queryKey: balanceKeys.history(config.baseUrl, accountId),
    queryFn: ({ signal }) =>
      requestJson<HistoryResponse>(
        config,
        `/accounts/${encodeURIComponent(accountId)}/history`,
        'snapshots',
        'GET',
        undefined,
        signal,
      ),
  });
}
