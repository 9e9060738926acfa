import { isProviderError } from '../provider/ProviderError.ts';
import type { StoredJob } from '../store/Store.ts';
import type { JobContext } from './JobContext.ts';
import { onProviderError, type JobStage } from './onProviderError.ts';
import { readBalance } from './readBalance.ts';
import { backoffMs, deadlineFailure, fail, keep, LeaseLostError, release, retryLater } from './settle.ts';

/**
 * Moves a leased job one step: asks the provider to start (refresh or check), polls the callback, or reads
 * the new balance, then saves it and releases the lease. Never throws: every failure ends in a saved state.
 */
export async function advanceJob(job: StoredJob, ctx: JobContext): Promise<void> {
  let current = job;
  const track = (next: StoredJob): StoredJob => (current = next);
  try {
    if (ctx.now().getTime() >= Date.parse(job.deadlineAt)) {
      const { reason, message } = deadlineFailure(job);
      return await fail(ctx, job, reason, message);
    }
    if (job.state === 'queued' || job.state === 'requesting') return await request(job, ctx, track);
    if (job.state === 'waiting') return await poll(job, ctx, track);
    if (job.state === 'reading') return await read(job, ctx);
  } catch (error) {
    if (error instanceof LeaseLostError) return ctx.logger.warn(error.message, { jobId: job.id });
    if (isProviderError(error)) return await onProviderError(ctx, current, error, stageOf(current));
    // A database or programming error: keep the job, try again after a backoff.
    ctx.logger.error('refresh job step failed', { jobId: job.id, error });
    await retryLater(ctx, current, backoffMs(ctx, current.attempt), current.lastErrorKind).catch(
      (saveError: unknown) =>
        ctx.logger.error('could not save refresh job after a failed step', {
          jobId: job.id,
          error: saveError,
        }),
    );
  }
}

function stageOf(job: StoredJob): JobStage {
  if (job.state === 'waiting') return 'poll';
  if (job.state === 'reading') return 'read';
  return 'request';
}

async function request(job: StoredJob, ctx: JobContext, track: (job: StoredJob) => StoredJob): Promise<void> {
  const requesting = track({ ...job, state: 'requesting', updatedAt: ctx.now().toISOString() });
  await keep(ctx, requesting);
  const started =
    job.phase === 'check'
      ? await ctx.client.startCheck(job.providerAccountId)
      : await ctx.client.startRefresh(job.providerAccountId);
  const now = ctx.now().getTime();
  await release(ctx, {
    ...requesting,
    state: 'waiting',
    recordId: started.record,
    callbackUrl: started.callbackUrl,
    attempt: 0,
    lastErrorKind: null,
    nextRunAt: new Date(Math.min(now + ctx.timings.pollIntervalMs, Date.parse(job.deadlineAt))).toISOString(),
    updatedAt: new Date(now).toISOString(),
  });
}

async function poll(job: StoredJob, ctx: JobContext, track: (job: StoredJob) => StoredJob): Promise<void> {
  if (job.callbackUrl === null) return request(job, ctx, track);
  const answer = await ctx.client.pollCallback(
    job.callbackUrl,
    job.phase === 'check' ? 'CHECK_BALANCE' : 'BALANCE',
  );
  if (!answer.ready) return retryLater(ctx, job, backoffMs(ctx, job.attempt), null);
  const now = ctx.now().toISOString();
  if (job.phase === 'check') {
    if (answer.check?.balance_changed !== true) {
      await ctx.store.setLastChecked(job.upstreamKey, checkedAt(answer.check?.last_checked, now));
      return release(ctx, {
        ...job,
        state: 'unchanged',
        balanceChanged: false,
        settledAt: now,
        updatedAt: now,
      });
    }
    // Changed: the same job goes on to a refresh, under the same deadline.
    const refreshing: StoredJob = {
      ...job,
      phase: 'refresh',
      balanceChanged: true,
      recordId: null,
      callbackUrl: null,
    };
    return request(refreshing, ctx, track);
  }
  const reading = track({ ...job, state: 'reading', updatedAt: now });
  await keep(ctx, reading);
  return read(reading, ctx);
}

async function read(job: StoredJob, ctx: JobContext): Promise<void> {
  const now = ctx.now().toISOString();
  const fresh = await readBalance(ctx.client, job.providerAccountId, ctx.unit, now);
  if (fresh === null) {
    return fail(ctx, job, 'account_unavailable', 'The provider returned no balance figures for this account');
  }
  await ctx.store.addSnapshot(job.upstreamKey, fresh.balance, fresh.raw, now, job.id);
  await ctx.store.setLastChecked(job.upstreamKey, now);
  await release(ctx, { ...job, state: 'succeeded', settledAt: now, updatedAt: now });
}

// The provider's own check time when it is a sane one, else ours.
function checkedAt(value: unknown, now: string): string {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) || time > Date.parse(now) ? now : new Date(time).toISOString();
}
