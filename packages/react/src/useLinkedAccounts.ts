import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { AccountsResponse, LinkedAccount } from '@okra-balance/core';
import { accountsQueryOptions } from './accountsQueryOptions.ts';
import type { BalanceApiError } from './BalanceApiError.ts';
import { useBalanceContext } from './BalanceContext.ts';
import { useBalanceStream } from './useBalanceStream.ts';

/** What {@link useLinkedAccounts} returns: TanStack's query result. */
export type UseLinkedAccountsResult = UseQueryResult<LinkedAccount[], BalanceApiError>;

const selectAccounts = (reply: AccountsResponse): LinkedAccount[] => reply.accounts;

/**
 * The signed-in user's linked accounts, each with its latest balance, kept live by the route's event stream.
 * `<ConnectBalance />` refreshes it after a link. Each answer fills the accounts' balance queries too, so the
 * `<AccountBalance>` cards under it make no request of their own.
 *
 * @example
 * const { data: accounts = [], isPending } = useLinkedAccounts();
 */
export function useLinkedAccounts(): UseLinkedAccountsResult {
  const route = useBalanceContext('useLinkedAccounts');
  const { config, client, timing } = route;
  useBalanceStream(route);
  return useQuery({ ...accountsQueryOptions(config, timing), select: selectAccounts }, client);
}
