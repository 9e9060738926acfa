import { queryOptions } from '@tanstack/react-query';
import type { HistoryResponse } from '@okra-balance/core';
import type { BalanceApiError } from './BalanceApiError.ts';
import { historyKey } from './balanceKeys.ts';
import { defaultTiming, retryFor, type BalanceTiming } from './BalanceTiming.ts';
import { requestJson, type BalanceClientConfig } from './requestJson.ts';

/** Which part of an account's history to read. Leave both out for the route's default: its 30 newest. */
export interface HistoryRange {
  /**
   * Only the snapshots recorded in the last `withinMs` milliseconds, counted when the query runs (sent as
   * `?since=`), so a "last week" chart stays a week wide as time passes without a new key.
   */
  withinMs?: number;
  /** The most snapshots to read, newest first: 1 to 1000 (the route's limit). */
  limit?: number;
}

/**
 * The query behind `useBalanceHistory`: `GET /accounts/:id/history`, newest first, with the times the link
 * was broken (`outages`). A 4xx is not retried. A range gets a key of its own under `balanceKeys.history`,
 * so invalidating that key reaches every range.
 *
 * @example
 * await queryClient.prefetchQuery(historyQueryOptions({ baseUrl: '/api/balance' }, accountId));
 * // The last week, up to 1000 points, for a chart:
 * historyQueryOptions({ baseUrl: '/api/balance' }, accountId, undefined, { withinMs: 7 * 86_400_000, limit: 1000 });
 */
export function historyQueryOptions(
  config: BalanceClientConfig,
  accountId: string,
  timing: BalanceTiming = defaultTiming,
  range: HistoryRange = {},
) {
  const { withinMs, limit } = range;
  const base = historyKey(config.baseUrl, accountId);
  // The unranged key stays the bare one, so caches and invalidations written before ranges still match it.
  const queryKey: HistoryQueryKey =
    withinMs === undefined && limit === undefined
      ? base
      : [...base, { withinMs: withinMs ?? null, limit: limit ?? null }];
  return queryOptions<HistoryResponse, BalanceApiError, HistoryResponse, HistoryQueryKey>({
    queryKey,
    queryFn: ({ signal }) => {
      const query = new URLSearchParams();
      if (withinMs !== undefined) query.set('since', new Date(Date.now() - withinMs).toISOString());
      if (limit !== undefined) query.set('limit', String(limit));
      const search = query.toString() === '' ? '' : `?${query.toString()}`;
      return requestJson(config, {
        path: `/accounts/${encodeURIComponent(accountId)}/history${search}`,
        expect: 'snapshots',
        signal,
      });
    },
    retry: retryFor(timing),
  });
}

type HistoryQueryKey =
  | ReturnType<typeof historyKey>
  | readonly [...ReturnType<typeof historyKey>, { withinMs: number | null; limit: number | null }];
