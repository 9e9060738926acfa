import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { BalanceSnapshot, HistoryResponse } from '@okra-balance/core';
import type { BalanceApiError } from './BalanceApiError.ts';
import { useBalanceContext } from './BalanceContext.ts';
import { historyQueryOptions } from './historyQueryOptions.ts';

/** What {@link useBalanceHistory} returns: TanStack's query result, newest snapshot first. */
export type UseBalanceHistoryResult = UseQueryResult<BalanceSnapshot[], BalanceApiError>;

const selectSnapshots = (reply: HistoryResponse): BalanceSnapshot[] => reply.snapshots;

/**
 * The stored balances of one account, newest first.
 *
 * @example
 * const { data: snapshots = [] } = useBalanceHistory(accountId);
 */
export function useBalanceHistory(accountId: string): UseBalanceHistoryResult {
  const { config, client, timing } = useBalanceContext('useBalanceHistory');
  return useQuery({ ...historyQueryOptions(config, accountId, timing), select: selectSnapshots }, client);
}
