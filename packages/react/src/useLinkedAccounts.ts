import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { AccountsResponse, LinkedAccount } from '@okra-balance/core';
import { accountsQueryOptions } from './accountsQueryOptions.ts';
import type { BalanceApiError } from './BalanceApiError.ts';
import { useBalanceContext } from './BalanceContext.ts';

/** What {@link useLinkedAccounts} returns: TanStack's query result. */
export type UseLinkedAccountsResult = UseQueryResult<LinkedAccount[], BalanceApiError>;

const selectAccounts = (reply: AccountsResponse): LinkedAccount[] => reply.accounts;

/**
 * The signed-in user's linked accounts, each with its latest balance. `<ConnectBalance />` refreshes it after
 * a link.
 *
 * @example
 * const { data: accounts = [], isPending } = useLinkedAccounts();
 */
export function useLinkedAccounts(): UseLinkedAccountsResult {
  const { config, client, timing } = useBalanceContext('useLinkedAccounts');
  return useQuery({ ...accountsQueryOptions(config, timing), select: selectAccounts }, client);
}
