import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { BalanceSnapshot, HistoryResponse } from '@okra-balance/core';
import type { BalanceApiError } from './BalanceApiError.ts';
import { useBalanceContext } from './BalanceContext.ts';
import { historyQueryOptions, type HistoryRange } from './historyQueryOptions.ts';

/** What {@link useBalanceHistory} returns: TanStack's query result, by default the snapshots, newest first. */
export type UseBalanceHistoryResult<TData = BalanceSnapshot[]> = UseQueryResult<TData, BalanceApiError>;

/** A range of the history, and what to take from the answer. */
export interface UseBalanceHistoryOptions<TData = BalanceSnapshot[]> extends HistoryRange {
  /**
   * Picks what the hook returns from the whole answer (`{ snapshots, outages }`); default: the snapshots.
   * Keep it stable (defined outside the component) so it runs only when the answer changes.
   */
  select?: (reply: HistoryResponse) => TData;
}

const selectSnapshots = (reply: HistoryResponse): BalanceSnapshot[] => reply.snapshots;

/**
 * The stored balances of one account, newest first. With a range, the snapshots of the last `withinMs`
 * (up to `limit`); with `select`, anything from the answer, such as the `outages`: the times the link was
 * broken, newest first.
 *
 * @example
 * const { data: snapshots = [] } = useBalanceHistory(accountId);
 * // A week for a chart, with the gaps where the link was broken:
 * const whole = (reply: HistoryResponse) => reply;
 * const { data } = useBalanceHistory(accountId, { withinMs: 7 * 86_400_000, limit: 1000, select: whole });
 * data?.outages; // [{ from, to, reason }]
 */
export function useBalanceHistory<TData = BalanceSnapshot[]>(
  accountId: string,
  options: UseBalanceHistoryOptions<TData> = {},
): UseBalanceHistoryResult<TData> {
  const { config, client, timing } = useBalanceContext('useBalanceHistory');
  const { select, ...range } = options;
  // Without `select`, TData is its default (the snapshots): the two branches are the same type then.
  const pick = (select ?? selectSnapshots) as (reply: HistoryResponse) => TData;
  return useQuery({ ...historyQueryOptions(config, accountId, timing, range), select: pick }, client);
}
