import {
  maskNuban,
  type Balance,
  type BalanceResponse,
  type BalanceSnapshot,
  type LinkedAccount,
} from '@okra-balance/core';
import { toRefreshJob } from '../jobs/toRefreshJob.ts';
import type { StoredAccount } from '../store/Store.ts';
import type { RouteDeps } from './RouteDeps.ts';
import { scheduleView } from './scheduleView.ts';

/**
 * The user's stored accounts as the browser sees them: masked number, latest balance, and the refresh if one
 * is running. Two queries for the balances and jobs of all of them, however many there are.
 */
export async function accountViews(
  deps: Pick<RouteDeps, 'store' | 'schedule'>,
  accounts: readonly StoredAccount[],
): Promise<LinkedAccount[]> {
  const keys = [...new Set(accounts.map((account) => account.upstreamKey))];
  const [snapshots, jobs] = await Promise.all([
    deps.store.latestSnapshots(keys),
    deps.store.latestJobs(keys),
  ]);
  return accounts.map((account) => {
    const job = jobs.get(account.upstreamKey) ?? null;
    return {
      id: account.id,
      name: account.name,
      maskedNuban: maskNuban(account.nuban),
      bank: account.bank,
      currency: account.currency,
      linkedAt: account.linkedAt,
      balance: toBalance(snapshots.get(account.upstreamKey) ?? null, account),
      refresh: job === null || job.settledAt !== null ? null : toRefreshJob(job, account.id),
      job: job === null ? null : toRefreshJob(job, account.id),
      health: account.health,
      schedule: scheduleView(account, deps.schedule),
    };
  });
}

/** What `GET /accounts/:id/balance` answers: the newest balance and job, two cached reads. */
export async function balanceView(
  deps: Pick<RouteDeps, 'store'>,
  account: StoredAccount,
): Promise<BalanceResponse> {
  const keys = [account.upstreamKey];
  const [snapshots, jobs] = await Promise.all([
    deps.store.latestSnapshots(keys),
    deps.store.latestJobs(keys),
  ]);
  const job = jobs.get(account.upstreamKey);
  return {
    accountId: account.id,
    balance: toBalance(snapshots.get(account.upstreamKey) ?? null, account),
    job: job === undefined ? null : toRefreshJob(job, account.id),
    health: account.health,
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
