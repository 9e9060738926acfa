import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { BalanceSnapshot, HistoryResponse } from '@okra-balance/core';
import { useBalanceContext } from './BalanceContext.ts';
import { historyQueryOptions } from './historyQueryOptions.ts';

const selectSnapshots = (reply: HistoryResponse): BalanceSnapshot[] => reply.snapshots;

/**
 * The stored balances of one account, newest first.
 *
 * @example
 * const { data: snapshots = [] } = useBalanceHistory(accountId);
 */
export function useBalanceHistory(accountId: string): UseQueryResult<BalanceSnapshot[]> {
  const { config, client } = useBalanceContext('useBalanceHistory');
  return useQuery({ ...historyQueryOptions(config, accountId), select: selectSnapshots }, client);
}
