import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { AccountsResponse, LinkedAccount } from '@okra-balance/core';
import { accountsQueryOptions } from './accountsQueryOptions.ts';
import { useBalanceContext } from './BalanceContext.ts';

const selectAccounts = (reply: AccountsResponse): LinkedAccount[] => reply.accounts;

/**
 * The signed-in user's linked accounts, each with its latest balance. `<ConnectBalance />` refreshes it after
 * a link.
 *
 * @example
 * const { data: accounts = [], isPending } = useLinkedAccounts();
 */
export function useLinkedAccounts(): UseQueryResult<LinkedAccount[]> {
  const { config, client } = useBalanceContext('useLinkedAccounts');
  return useQuery({ ...accountsQueryOptions(config), select: selectAccounts }, client);
}
