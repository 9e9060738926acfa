import { newId } from '../store/ids.ts';
import type { JobContext } from './JobContext.ts';

/**
 * Starts the refreshes whose schedule is due: takes the due accounts (each goes to one process, and its next
 * refresh moves on at once), then asks for each through `requestRefresh`, so one inside the debounce window
 * of another refresh joins it and costs no billed call. Returns how many new jobs it made.
 *
 * @example
 * await startScheduledRefreshes(ctx); // then claim and run the due jobs
 */
export async function startScheduledRefreshes(ctx: JobContext, limit = 100): Promise<number> {
  const now = ctx.now();
  const due = await ctx.store.claimScheduledRefreshes(now.toISOString(), ctx.schedule, limit);
  let started = 0;
  // Two users holding one provider account are due together: one request for it is enough.
  const seen = new Set<string>();
  for (const account of due) {
    if (seen.has(account.upstreamKey)) continue;
    seen.add(account.upstreamKey);
    try {
      const { joined } = await ctx.store.requestRefresh({
        jobId: newId('job'),
        upstreamKey: account.upstreamKey,
        providerAccountId: account.providerAccountId,
        strategy: ctx.schedule.strategy,
        now: now.toISOString(),
        deadlineAt: new Date(now.getTime() + ctx.schedule.deadlineMs).toISOString(),
        debounceMs: ctx.schedule.debounceMs,
      });
      if (!joined) started++;
    } catch (error) {
      // This one waits for its next turn; the others still start.
      ctx.logger.error('could not start a scheduled refresh', { accountId: account.id, error });
    }
  }
  return started;
}
