import {
  isSettled,
  maskNuban,
  type Balance,
  type BalanceSnapshot,
  type LinkedAccount,
} from '@okra-balance/core';
import { toRefreshJob } from '../jobs/toRefreshJob.ts';
import type { StoredAccount } from '../store/Store.ts';
import type { RouteDeps } from './RouteDeps.ts';

/** A stored account as the browser sees it: masked number, latest balance, and its refresh if one is running. */
export async function accountView(
  deps: Pick<RouteDeps, 'store'>,
  account: StoredAccount,
): Promise<LinkedAccount> {
  const [snapshot, job] = await Promise.all([
    deps.store.latestSnapshot(account.upstreamKey),
    deps.store.latestJob(account.upstreamKey),
  ]);
  return {
    id: account.id,
    name: account.name,
    maskedNuban: maskNuban(account.nuban),
    bank: account.bank,
    currency: account.currency,
    linkedAt: account.linkedAt,
    balance: toBalance(snapshot, account),
    refresh: job === null || isSettled(job) ? null : toRefreshJob(job, account.id),
  };
}

/** The snapshot as a {@link Balance}, with the latest check time known for the account (a check may be newer). */
export function toBalance(snapshot: BalanceSnapshot | null, account: StoredAccount): Balance | null {
  if (snapshot === null) return null;
  const checks = [snapshot.lastCheckedAt, account.lastCheckedAt].filter(
    (time): time is string => time !== null,
  );
  return {
    available: snapshot.available,
    derived: snapshot.derived,
    ledger: snapshot.ledger,
    currency: snapshot.currency,
    asOf: snapshot.asOf,
    lastCheckedAt: checks.length === 0 ? null : checks.reduce((a, b) => (a > b ? a : b)),
  };
}
