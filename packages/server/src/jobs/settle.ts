import type { RefreshFailureReason } from '@okra-balance/core';
import type { StoredJob } from '../store/Store.ts';
import type { JobContext } from './JobContext.ts';

/** Saves the job and ends this worker's lease on it. */
export async function release(ctx: JobContext, job: StoredJob): Promise<void> {
  const saved = await ctx.store.saveJob(job, ctx.owner, { release: true, now: ctx.now().toISOString() });
  if (!saved) ctx.logger.warn('refresh job was taken over or deleted during a step', { jobId: job.id });
}

/** Thrown when a worker no longer holds the job it is advancing: the step must stop, calling nothing more. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

/** Saves progress while keeping the lease (the step goes on); throws {@link LeaseLostError} if it was lost. */
export async function keep(ctx: JobContext, job: StoredJob): Promise<void> {
  const saved = await ctx.store.saveJob(job, ctx.owner, { release: false, now: ctx.now().toISOString() });
  if (!saved) throw new LeaseLostError(`Refresh job ${job.id} was taken over or deleted`);
}

/** Ends the job as failed. The account's stored balances are not touched: the last good one stays. */
export function fail(
  ctx: JobContext,
  job: StoredJob,
  reason: RefreshFailureReason,
  message: string,
): Promise<void> {
  const now = ctx.now().toISOString();
  ctx.logger.info('refresh job failed', { jobId: job.id, reason });
  return release(ctx, {
    ...job,
    state: 'failed',
    failure: { reason, message: ctx.scrub(message) },
    settledAt: now,
    updatedAt: now,
  });
}

/** Asks again later, never past the deadline (where the job then fails, named after `errorKind`). */
export function retryLater(
  ctx: JobContext,
  job: StoredJob,
  delayMs: number,
  errorKind: string | null,
): Promise<void> {
  const now = ctx.now().getTime();
  const nextRunAt = Math.min(now + delayMs, Date.parse(job.deadlineAt));
  return release(ctx, {
    ...job,
    attempt: job.attempt + 1,
    lastErrorKind: errorKind,
    nextRunAt: new Date(nextRunAt).toISOString(),
    updatedAt: new Date(now).toISOString(),
  });
}

/** The poll backoff: the interval doubled per attempt, capped. */
export function backoffMs(ctx: JobContext, attempt: number): number {
  const { pollIntervalMs, maxPollIntervalMs } = ctx.timings;
  return Math.min(maxPollIntervalMs, pollIntervalMs * 2 ** Math.min(attempt, 20));
}

/** Why a job that reached its deadline failed: the last error's reason where it names one. */
export function deadlineFailure(job: StoredJob): { reason: RefreshFailureReason; message: string } {
  if (job.lastErrorKind === 'rate_limited') {
    return {
      reason: 'rate_limited',
      message: 'The provider kept answering "too many requests" until the deadline',
    };
  }
  if (job.lastErrorKind === 'unavailable') {
    return { reason: 'bank_unavailable', message: 'The bank did not answer before the deadline' };
  }
  return { reason: 'deadline_exceeded', message: 'The refresh did not finish before its deadline' };
}
