import type { JobContext } from './JobContext.ts';
import { claimDueJobs } from './runDueJobs.ts';
import { runJob } from './runJob.ts';
import { startScheduledRefreshes } from './startScheduledRefreshes.ts';

/** A running job worker. */
export interface JobWorker {
  /** Look for due jobs now (a job was created or a webhook arrived), instead of at the next scheduled look. */
  kick(): void;
  /** Stops looking and waits for the steps in flight; their leases are released as they finish. */
  stop(): Promise<void>;
}

/** Options of {@link startJobWorker}. */
export interface JobWorkerOptions {
  /** The longest sleep between looks, so jobs made by other processes are picked up. Default 1 s. */
  idleMs?: number;
  /** Jobs leased per look. Default 10. */
  batch?: number;
}

/**
 * Advances due refresh jobs in a loop of timers (unref'd: the worker never keeps a process alive). Sleeps until
 * the next job is due, at most `idleMs`. Any number of workers, in any number of processes, may share one
 * database: each leases the jobs it advances.
 *
 * @example
 * const worker = startJobWorker(context); worker.kick(); await worker.stop();
 */
export function startJobWorker(ctx: JobContext, options: JobWorkerOptions = {}): JobWorker {
  const idleMs = options.idleMs ?? 1000;
  const batch = options.batch ?? 10;
  const inFlight = new Set<Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let looking: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let schedulesLookedAt = Number.NEGATIVE_INFINITY;
  const lookEveryMs = ctx.schedule.lookEveryMs;

  const schedule = (ms: number): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(look, Math.max(0, ms));
    timer.unref?.();
  };

  const look = (): void => {
    if (stopped) return;
    if (looking !== null) {
      again = true;
      return;
    }
    looking = claimAndStart().finally(() => {
      looking = null;
      if (again) {
        again = false;
        schedule(0);
      }
    });
  };

  // Steps run on their own: a slow provider call holds up only its job, not the next look.
  const claimAndStart = async (): Promise<void> => {
    try {
      // Due schedules become jobs first, so this same look can claim them.
      if (ctx.now().getTime() - schedulesLookedAt >= lookEveryMs) {
        schedulesLookedAt = ctx.now().getTime();
        await startScheduledRefreshes(ctx);
      }
      const room = batch - inFlight.size;
      const jobs = room <= 0 ? [] : await claimDueJobs(ctx, room);
      for (const job of jobs) {
        const step: Promise<void> = runJob(job, ctx).then(() => {
          inFlight.delete(step);
          look();
        });
        inFlight.add(step);
      }
      if (jobs.length > 0 && jobs.length === room) return schedule(0);
      const due = await ctx.store.nextDueAt();
      const sleep = Math.min(idleMs, lookEveryMs);
      schedule(due === null ? sleep : Math.min(sleep, Date.parse(due) - ctx.now().getTime()));
    } catch (error) {
      if (stopped) return;
      ctx.logger.error('refresh job worker could not look for jobs', { error });
      schedule(idleMs);
    }
  };

  schedule(0);
  return {
    kick: () => (looking === null ? schedule(0) : void (again = true)),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await looking;
      await Promise.all(inFlight);
    },
  };
}
