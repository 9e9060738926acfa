import type { QueryClient } from '@tanstack/react-query';
import { isSettled, type AccountsResponse, type BalanceResponse } from '@okra-balance/core';
import { accountsKey, balanceKey, historyKey } from './balanceKeys.ts';

/**
 * Writes an account's new balance, job and health (a stream's `account` event) into its balance query and into
 * the list, without a request. Equal data keeps its old reference, so nothing re-renders for it. A job that
 * just succeeded stored a snapshot, and a change of health starts or ends an outage: the history (every range
 * of it) is asked again.
 */
export function applyAccountUpdate(client: QueryClient, baseUrl: string, reply: BalanceResponse): void {
  const { accountId, balance, job, health } = reply;
  const key = balanceKey(baseUrl, accountId);
  const previous = client.getQueryData<BalanceResponse>(key);
  const before = previous?.job;
  client.setQueryData(key, reply);
  client.setQueryData<AccountsResponse>(accountsKey(baseUrl), (list) =>
    list
      ? {
          accounts: list.accounts.map((account) =>
            account.id === accountId
              ? { ...account, balance, job, health, refresh: job && !isSettled(job) ? job : null }
              : account,
          ),
        }
      : list,
  );
  const stored = job?.state === 'succeeded' && (before?.id !== job.id || before.state !== 'succeeded');
  // A link that broke or came back starts or ends an outage, which the history answers too.
  const healthChanged = previous !== undefined && previous.health.state !== health.state;
  // Not exact: a history read over a range has a key of its own under this one.
  if (stored || healthChanged) void client.invalidateQueries({ queryKey: historyKey(baseUrl, accountId) });
}
