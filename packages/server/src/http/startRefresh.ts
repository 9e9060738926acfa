import { newId } from '../store/ids.ts';
import type { StoredAccount, StoredJob } from '../store/Store.ts';
import type { RouteDeps } from './RouteDeps.ts';

/**
 * Asks for a refresh of the account with the route's strategy, debounce and deadline (joining one running or
 * just settled), then moves the jobs on: without a worker the first step runs here. Returns the job as it
 * stands after that.
 *
 * @example
 * const { job, joined } = await startRefresh(deps, account);
 */
export async function startRefresh(
  deps: RouteDeps,
  account: StoredAccount,
): Promise<{ job: StoredJob; joined: boolean }> {
  const now = deps.now();
  const { job, joined } = await deps.store.requestRefresh({
    jobId: newId('job'),
    upstreamKey: account.upstreamKey,
    providerAccountId: account.providerAccountId,
    strategy: deps.refresh.strategy,
    now: now.toISOString(),
    deadlineAt: new Date(now.getTime() + deps.refresh.deadlineMs).toISOString(),
    debounceMs: deps.refresh.debounceMs,
  });
  // Without a background worker the first step runs now: answer with where it got to.
  const ranHere = await deps.driveJobs([account.upstreamKey], 'change');
  const latest = ranHere ? ((await deps.store.getJob(account.upstreamKey, job.id)) ?? job) : job;
  return { job: latest, joined };
}
