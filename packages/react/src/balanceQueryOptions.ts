import { queryOptions } from '@tanstack/react-query';
import { isSettled, type BalanceResponse } from '@okra-balance/core';
import type { BalanceApiError } from './BalanceApiError.ts';
import { accountsKey, balanceKey, historyKey } from './balanceKeys.ts';
import { defaultTiming, retryFor, type BalanceTiming } from './BalanceTiming.ts';
import { pollInterval } from './pollInterval.ts';
import { requestJson, type BalanceClientConfig } from './requestJson.ts';

/**
 * The query behind `useBalance`: `GET /accounts/:id/balance`, polled while a refresh job runs. A 4xx is not
 * retried. Use it to prefetch or server-render with the same key the hook reads.
 *
 * @example
 * await queryClient.prefetchQuery(balanceQueryOptions({ baseUrl: 'https://example.com/api/balance' }, accountId));
 */
export function balanceQueryOptions(
  config: BalanceClientConfig,
  accountId: string,
  timing: BalanceTiming = defaultTiming,
) {
  const queryKey = balanceKey(config.baseUrl, accountId);
  return queryOptions<BalanceResponse, BalanceApiError, BalanceResponse, typeof queryKey>({
    queryKey,
    queryFn: async ({ signal, client }) => {
      const before = client.getQueryData<BalanceResponse>(queryKey)?.job;
      const path = `/accounts/${encodeURIComponent(accountId)}/balance`;
      const reply = await requestJson<BalanceResponse>(config, { path, expect: 'balance', signal });
      // The job that was running just settled: the accounts list shows its balance too, and the history
      // has a new snapshot, in every range read of it (their keys sit under the history's).
      if (before && !isSettled(before) && reply.job && isSettled(reply.job)) {
        void client.invalidateQueries({ queryKey: accountsKey(config.baseUrl), exact: true });
        void client.invalidateQueries({ queryKey: historyKey(config.baseUrl, accountId) });
      }
      return reply;
    },
    refetchInterval: (query) => pollInterval(query, timing),
    retry: retryFor(timing),
  });
}
