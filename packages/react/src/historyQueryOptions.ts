import { queryOptions } from '@tanstack/react-query';
import type { HistoryResponse } from '@okra-balance/core';
import type { BalanceApiError } from './BalanceApiError.ts';
import { historyKey } from './balanceKeys.ts';
import { defaultTiming, retryFor, type BalanceTiming } from './BalanceTiming.ts';
import { requestJson, type BalanceClientConfig } from './requestJson.ts';

/**
 * The query behind `useBalanceHistory`: `GET /accounts/:id/history`, newest first. A 4xx is not retried.
 *
 * @example
 * await queryClient.prefetchQuery(historyQueryOptions({ baseUrl: '/api/balance' }, accountId));
 */
export function historyQueryOptions(
  config: BalanceClientConfig,
  accountId: string,
  timing: BalanceTiming = defaultTiming,
) {
  return queryOptions<HistoryResponse, BalanceApiError, HistoryResponse, ReturnType<typeof historyKey>>({
    queryKey: historyKey(config.baseUrl, accountId),
    queryFn: ({ signal }) =>
      requestJson(config, {
        path: `/accounts/${encodeURIComponent(accountId)}/history`,
        expect: 'snapshots',
        signal,
      }),
    retry: retryFor(timing),
  });
}
