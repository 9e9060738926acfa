import { isProviderError } from '../provider/ProviderError.ts';
import type { StepCommit, StoredJob } from '../store/Store.ts';
import type { JobContext } from './JobContext.ts';
import { periodicBalances } from '../provider/periodicBalances.ts';
import { readBalance, type ReadBalance } from '../provider/readBalance.ts';
import { transition, type JobCall, type JobEvent, type Transition } from './transition.ts';

/** Thrown when a worker no longer holds the job it runs: the step stops, writing and calling nothing more. */
class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

// More than any step needs (a billed call, a poll, a read): a bound against a rule that loops.
const MAX_EVENTS_PER_STEP = 8;

/**
 * Runs one step of a job this worker has leased: feeds events to {@link transition} and carries out what it
 * answers (provider calls, fenced writes) until an answer calls nothing more. A heartbeat renews the lease
 * while the step runs. Never throws: resolves to the job as last saved, or null when the lease was lost.
 *
 * @example
 * for (const job of await store.claimJobs(owner, now, leasedUntil, 10)) await runJob(job, ctx);
 */
export async function runJob(claimed: StoredJob, ctx: JobContext): Promise<StoredJob | null> {
  const owner = claimed.leaseOwner;
  if (owner === null) {
    ctx.logger.error('refresh job run without a lease', { jobId: claimed.id });
    return null;
  }
  const lease = holdLease(claimed.id, owner, ctx);
  let job = claimed;
  try {
    let event: JobEvent = { type: 'run' };
    for (let n = 0; n < MAX_EVENTS_PER_STEP; n++) {
      const answer = transition(job, event, rulesOf(ctx));
      await commit(ctx, owner, answer);
      job = answer.next;
      const next = answer.effects.find((effect) => effect.type === 'call');
      if (next === undefined) return job;
      lease.check();
      event = await perform(ctx, job, next.call);
    }
    throw new Error(`Refresh job ${job.id} took more than ${MAX_EVENTS_PER_STEP} events in one step`);
  } catch (error) {
    if (error instanceof LeaseLostError) {
      ctx.logger.warn(error.message, { jobId: job.id });
      return null;
    }
    ctx.logger.error('refresh job step failed', { jobId: job.id, error });
    try {
      // Data the database refuses will be refused again: the job fails now instead of retrying to its deadline.
      const event: JobEvent = isDataError(error)
        ? { type: 'provider_error', call: 'read', error: refusedData }
        : { type: 'step_error' };
      const answer = transition(job, event, rulesOf(ctx));
      await commit(ctx, owner, answer);
      return answer.next;
    } catch (saveError) {
      ctx.logger.error('could not save refresh job after a failed step', { jobId: job.id, error: saveError });
      return null;
    }
  } finally {
    lease.stop();
  }
}

const refusedData = {
  kind: 'bad_data' as const,
  message: 'The provider sent data the database refused to store',
  retryAfterMs: null,
  requestSent: true,
  type: null,
};

// Postgres's class 22, data exceptions (PGlite and pg both carry the SQLSTATE as `code`).
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

function rulesOf(ctx: JobContext) {
  return { now: ctx.now().getTime(), ...ctx.timings };
}

async function commit(ctx: JobContext, owner: string, { next, save, effects }: Transition) {
  if (save === 'none') return;
  let balance: StepCommit['balance'];
  let lastCheckedAt: string | undefined;
  let reauth: StepCommit['reauth'];
  for (const effect of effects) {
    if (effect.type === 'store_balance') balance = withPeriodic(ctx, effect.read);
    if (effect.type === 'mark_checked') lastCheckedAt = effect.at;
    if (effect.type === 'mark_reauth') {
      reauth = { reason: effect.reason, message: ctx.scrub(effect.message), since: effect.since };
    }
  }
  const job =
    next.failure === null
      ? next
      : { ...next, failure: { ...next.failure, message: ctx.scrub(next.failure.message) } };
  const saved = await ctx.store.commitStep({
    job,
    owner,
    release: save === 'release',
    now: ctx.now().toISOString(),
    ...(balance === undefined ? {} : { balance }),
    ...(lastCheckedAt === undefined ? {} : { lastCheckedAt }),
    ...(reauth === undefined ? {} : { reauth }),
  });
  if (!saved) throw new LeaseLostError(`Refresh job ${next.id} was taken over or deleted during a step`);
}

function withPeriodic(ctx: JobContext, read: ReadBalance): NonNullable<StepCommit['balance']> {
  if (!ctx.includePeriodic) return read;
  const now = ctx.now().toISOString();
  return { ...read, periodic: periodicBalances(read.raw, ctx.unit, read.balance.asOf, now) };
}

/** Makes one provider call and tells what came of it, as an event. Errors other than the provider's throw. */
async function perform(ctx: JobContext, job: StoredJob, call: JobCall): Promise<JobEvent> {
  const now = ctx.now().toISOString();
  try {
    switch (call) {
      case 'start_check':
      case 'start_refresh': {
        const started =
          call === 'start_check'
            ? await ctx.client.startCheck(job.providerAccountId)
            : await ctx.client.startRefresh(job.providerAccountId);
        return { type: 'started', recordId: started.record, callbackUrl: started.callbackUrl };
      }
      case 'poll': {
        if (job.callbackUrl === null) throw new Error(`Refresh job ${job.id} has no callback URL to poll`);
        const check = job.step === 'check_waiting';
        const method = check ? 'CHECK_BALANCE' : 'BALANCE';
        const answer = await ctx.client.pollCallback(job.callbackUrl, method, job.recordId);
        const problem = ctx.linkHealth.fromCallback(answer.data);
        if (problem !== null) return { type: 'needs_user', ...problem };
        if (!answer.ready) return { type: 'not_ready' };
        if (!check) return { type: 'ready' };
        return {
          type: 'checked',
          changed: answer.check?.balance_changed === true,
          checkedAt: checkedAt(answer.check?.last_checked, now),
        };
      }
      case 'read':
      case 'probe': {
        const since = call === 'probe' ? (job.intentAt ?? job.updatedAt) : null;
        const read = await readBalance(ctx.client, job.providerAccountId, ctx.unit, now, since);
        const problem = read === null ? null : ctx.linkHealth.fromBalance(read.raw);
        if (problem !== null) return { type: 'needs_user', ...problem };
        if (read !== null) return { type: 'balance', read };
        return call === 'probe' ? { type: 'nothing_new' } : { type: 'no_balance' };
      }
    }
  } catch (error) {
    if (!isProviderError(error)) throw error;
    const problem = ctx.linkHealth.fromError(error);
    if (problem !== null) return { type: 'needs_user', ...problem };
    return {
      type: 'provider_error',
      call,
      error: {
        kind: error.kind,
        message: ctx.scrub(error.message),
        retryAfterMs: error.retryAfterMs,
        requestSent: error.requestSent,
        type: error.type,
      },
    };
  }
}

// The provider's own check time when it is a sane one, else ours.
function checkedAt(value: unknown, now: string): string {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) || time > Date.parse(now) ? now : new Date(time).toISOString();
}

/**
 * Renews the lease every third of its length while a step runs. A renewal refused (another worker took the job
 * after this one stalled past its lease) marks the lease lost: the step stops before its next call, and its
 * writes are refused anyway by the fence in `commitStep`.
 */
function holdLease(jobId: string, owner: string, ctx: JobContext) {
  let lost = false;
  const renew = async () => {
    const until = new Date(ctx.now().getTime() + ctx.timings.leaseMs).toISOString();
    try {
      if (!(await ctx.store.renewLease(jobId, owner, until))) lost = true;
    } catch (error) {
      // A failed renewal is not a lost lease: the next one may pass, and the fence still guards every write.
      ctx.logger.warn('could not renew a refresh job lease', { jobId, error });
    }
  };
  const timer = setInterval(() => void renew(), Math.max(10, Math.floor(ctx.timings.leaseMs / 3)));
  timer.unref?.();
  return {
    check() {
      if (lost) throw new LeaseLostError(`Refresh job ${jobId}: another worker took it over`);
    },
    stop: () => clearInterval(timer),
  };
}
