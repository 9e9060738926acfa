import type { StoredJob } from '../store/Store.ts';
import type { JobContext } from './JobContext.ts';
import { runJob } from './runJob.ts';
import { startScheduledRefreshes } from './startScheduledRefreshes.ts';

/** Options of {@link runDueJobs}. */
export interface RunDueJobsOptions {
  /** The most job steps to run. Default 25. */
  limit?: number;
  /** No new step starts after this long; steps under way finish (each is bounded by the provider timeouts). Default 10 s. */
  timeMs?: number;
  /** Only the jobs of these accounts (internal: a request advances the jobs it reads). */
  upstreamKeys?: readonly string[];
}

/** What one {@link runDueJobs} pass did. */
export interface RunDueJobsResult {
  /** Job steps run. */
  ran: number;
  /** Jobs that settled (succeeded, unchanged or failed) in those steps. */
  settled: number;
  /** Scheduled refreshes that were due and started a job (one joining a running refresh is not counted). */
  scheduled: number;
  /** When the next unsettled job is due (ISO), or null when none is left. */
  nextDueAt: string | null;
}

// Jobs leased at a time: steps of one batch run together, so one slow bank holds up only its own job.
const BATCH = 10;

/**
 * Starts the scheduled refreshes that are due (unless `upstreamKeys` narrows the pass to a request's own
 * accounts), then leases the jobs that are due now and runs one step of each, batch after batch, until none is
 * due or the count or time runs out. What a serverless host calls from a cron or a request in place of a
 * background worker.
 *
 * @example
 * const { ran, nextDueAt } = await runDueJobs(ctx, { limit: 50, timeMs: 8_000 });
 */
export async function runDueJobs(
  ctx: JobContext,
  options: RunDueJobsOptions = {},
): Promise<RunDueJobsResult> {
  const limit = options.limit ?? 25;
  const stopAt = ctx.now().getTime() + (options.timeMs ?? 10_000);
  const scheduled = options.upstreamKeys === undefined ? await startScheduledRefreshes(ctx) : 0;
  let ran = 0;
  let settled = 0;
  while (ran < limit && ctx.now().getTime() < stopAt) {
    const jobs = await claimDueJobs(ctx, Math.min(BATCH, limit - ran), options.upstreamKeys);
    if (jobs.length === 0) break;
    const results = await Promise.all(jobs.map((job) => runJob(job, ctx)));
    ran += jobs.length;
    settled += results.filter((job) => job !== null && job.settledAt !== null).length;
  }
  return { ran, settled, scheduled, nextDueAt: await ctx.store.nextDueAt() };
}

/**
 * Leases up to `limit` due jobs to this worker. Each claim gets its own lease token (the worker's name and a
 * random part), which fences every write the step makes.
 */
export function claimDueJobs(
  ctx: JobContext,
  limit: number,
  upstreamKeys?: readonly string[],
): Promise<StoredJob[]> {
  const now = ctx.now().getTime();
  return ctx.store.claimJobs(
    `${ctx.owner}:${crypto.randomUUID().slice(0, 8)}`,
    new Date(now).toISOString(),
    new Date(now + ctx.timings.leaseMs).toISOString(),
    limit,
    upstreamKeys,
  );
}
