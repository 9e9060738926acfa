import type { ReauthReason, RefreshFailureReason } from '@okra-balance/core';
import type { ProviderErrorKind } from '../provider/ProviderError.ts';
import { RATE_LIMIT_WAIT_MS } from '../provider/readEnvelope.ts';
import type { JobStep, StoredJob } from '../store/Store.ts';
import type { ReadBalance } from '../provider/readBalance.ts';

/**
 * The refresh job engine's state machine: one pure function, `transition(job, event, rules)`, and the table it
 * reads. The runner (`runJob.ts`) feeds it events and carries out what it returns; nothing here does I/O.
 *
 * A step runs like this: the runner leases a due job and sends `run`. The answer names a provider call to
 * make (an effect); the call's result comes back as the next event, and so on until an answer makes no call.
 * Every answer says what to write: nothing yet, the job while keeping the lease (always before a billed
 * call, so a crash leaves the intent behind), or the job with the lease released.
 */

/** The provider calls a step makes. `start_*` are billed: each may start a bank session. */
export type JobCall = 'start_check' | 'start_refresh' | 'poll' | 'read' | 'probe';

/** What a provider failure looked like, as far as the rules care. */
export interface CallFailure {
  kind: ProviderErrorKind;
  message: string;
  /** Null when the provider named no wait. */
  retryAfterMs: number | null;
  /** False only when the request certainly never left this machine. */
  requestSent: boolean;
  /** The provider's own error type in its envelope (e.g. `BANK_ERROR`), or null. */
  type: string | null;
}

export type JobEvent =
  /** The runner holds the lease: what now? */
  | { type: 'run' }
  /** A billed call answered: the provider started a record. */
  | { type: 'started'; recordId: string | null; callbackUrl: string }
  /** The callback says the bank has not answered yet. */
  | { type: 'not_ready' }
  /** A check's callback answered. */
  | { type: 'checked'; changed: boolean; checkedAt: string }
  /** A refresh's callback says the new balance is there. */
  | { type: 'ready' }
  /** A read (or a probe) found the balance. */
  | { type: 'balance'; read: ReadBalance }
  /** A read found no balance figures for the account. */
  | { type: 'no_balance' }
  /** A probe found no balance newer than the lost call's intent. */
  | { type: 'nothing_new' }
  | { type: 'provider_error'; call: JobCall; error: CallFailure }
  /** The provider said the link needs its user (a refused sign-in, a code to type): asking again won't help. */
  | { type: 'needs_user'; reason: ReauthReason; message: string }
  /** The database or our own code failed mid-step. */
  | { type: 'step_error' };

export type JobEffect =
  | { type: 'call'; call: JobCall }
  /** Store the balance as the job's one snapshot (in the same transaction as the job). */
  | { type: 'store_balance'; read: ReadBalance }
  | { type: 'mark_checked'; at: string }
  /** Mark every account on this provider account as needing its user, from `since` (same transaction). */
  | { type: 'mark_reauth'; reason: ReauthReason; message: string; since: string };

export interface Transition {
  next: StoredJob;
  save: 'none' | 'keep' | 'release';
  effects: JobEffect[];
}

/** The timings and the clock the rules read. */
export interface JobRules {
  now: number;
  /** First wait before polling a callback; doubles per poll up to `maxPollIntervalMs`. */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /**
   * After a billed refresh whose answer was lost, how long to look for its balance before asking again. Inside
   * this window a lost call is never repeated, so a crash costs no second bank session.
   */
  lostAnswerWindowMs: number;
}

/** A lost answer is asked again at most this many times per job; one more loss fails the job. */
export const MAX_LOST_CALLS = 1;

type EventOf<T extends JobEvent['type']> = Extract<JobEvent, { type: T }>;
type Rule<T extends JobEvent['type']> = (job: StoredJob, event: EventOf<T>, rules: JobRules) => Transition;
type Row = { [T in JobEvent['type']]?: Rule<T> };

/**
 * Every step and the events it accepts, top to bottom in the order a job moves. A pair that is not listed
 * changes nothing (a settled job takes no events). Before any row: an unsettled job run past its deadline fails.
 */
export const TABLE: Record<JobStep, Row> = {
  check: {
    run: (job, _, r) => billed(job, r, 'checking', 'start_check'),
    step_error: later,
  },
  checking: {
    // Run again with the answer lost (a crash or a timeout mid-call): a check cannot be looked up, so it is
    // asked again, once.
    run: (job, _, r) =>
      job.lostCalls >= MAX_LOST_CALLS
        ? fail(job, r, 'provider_error', 'The provider never answered a balance check')
        : billed({ ...job, lostCalls: job.lostCalls + 1 }, r, 'checking', 'start_check'),
    started: (job, event, r) => awaitRecord(job, event, r, 'check_waiting'),
    provider_error: onProviderError,
    needs_user: needsUser,
    step_error: later,
  },
  check_waiting: {
    run: (job) => call(job, 'poll'),
    not_ready: (job, _, r) => retry(job, r, backoffMs(r, job.attempt), null),
    checked: (job, event, r) =>
      event.changed
        ? billed(
            { ...job, balanceChanged: true, recordId: null, callbackUrl: null, attempt: 0 },
            r,
            'refreshing',
            'start_refresh',
          )
        : settle({ ...job, balanceChanged: false }, r, 'unchanged', [
            { type: 'mark_checked', at: event.checkedAt },
          ]),
    provider_error: onProviderError,
    needs_user: needsUser,
    step_error: later,
  },
  refresh: {
    run: (job, _, r) => billed(job, r, 'refreshing', 'start_refresh'),
    step_error: later,
  },
  refreshing: {
    // Run again with the answer lost: the call may have started a bank session. Look for its balance first.
    run: (job) => call(job, 'probe'),
    started: (job, event, r) => awaitRecord(job, event, r, 'refresh_waiting'),
    balance: succeed,
    nothing_new: (job, _, r) => {
      const since = Date.parse(job.intentAt ?? job.updatedAt);
      if (r.now < since + r.lostAnswerWindowMs) return retry(job, r, backoffMs(r, job.attempt), null);
      if (job.lostCalls >= MAX_LOST_CALLS) {
        return fail(job, r, 'provider_error', 'The provider never answered a refresh, twice');
      }
      return billed({ ...job, lostCalls: job.lostCalls + 1 }, r, 'refreshing', 'start_refresh');
    },
    provider_error: onProviderError,
    needs_user: needsUser,
    step_error: later,
  },
  refresh_waiting: {
    run: (job) => call(job, 'poll'),
    not_ready: (job, _, r) => retry(job, r, backoffMs(r, job.attempt), null),
    ready: (job) => call({ ...job, step: 'reading' }, 'read'),
    provider_error: onProviderError,
    needs_user: needsUser,
    step_error: later,
  },
  reading: {
    run: (job) => call(job, 'read'),
    balance: succeed,
    no_balance: (job, _, r) =>
      fail(job, r, 'account_unavailable', 'The provider returned no balance figures for this account'),
    provider_error: onProviderError,
    needs_user: needsUser,
    step_error: later,
  },
  succeeded: {},
  unchanged: {},
  failed: {},
};

/**
 * The next job, what to write and what to do, for an event. Pure: the same input gives the same answer.
 *
 * @example
 * const { next, save, effects } = transition(job, { type: 'run' }, rules);
 */
export function transition(job: StoredJob, event: JobEvent, rules: JobRules): Transition {
  if (job.settledAt !== null) return { next: job, save: 'none', effects: [] };
  if (event.type === 'run' && rules.now >= Date.parse(job.deadlineAt)) {
    const { reason, message } = deadlineFailure(job);
    return fail(job, rules, reason, message);
  }
  const rule = TABLE[job.step][event.type] as Rule<typeof event.type> | undefined;
  return rule === undefined ? { next: job, save: 'none', effects: [] } : rule(job, event, rules);
}

/**
 * What a provider failure does: wait and try again where that is safe and fits before the deadline, look for
 * the result of a billed call whose answer was lost, or fail with a typed reason.
 */
function onProviderError(job: StoredJob, { call, error }: EventOf<'provider_error'>, r: JobRules) {
  const isBilled = call === 'start_check' || call === 'start_refresh';
  // Before a billed call's step: the call certainly started nothing, so asking again is safe.
  const unsent = isBilled ? { ...job, step: beforeCall(job.step), intentAt: null } : job;
  switch (error.kind) {
    case 'unsafe_url':
      return fail(job, r, 'unsafe_callback_url', error.message);
    case 'bad_data':
      return fail(job, r, 'provider_error', error.message);
    case 'unauthorized':
    case 'rejected':
      return fail(job, r, 'provider_rejected', error.message);
    case 'not_found':
      return fail(job, r, call === 'poll' ? 'provider_rejected' : 'account_unavailable', error.message);
    case 'rate_limited': {
      // The 60 s rule: never sooner. If the wait runs past the deadline, say so now rather than wait to fail.
      const wait = Math.max(error.retryAfterMs ?? RATE_LIMIT_WAIT_MS, r.pollIntervalMs);
      if (r.now + wait >= Date.parse(job.deadlineAt)) {
        return fail(job, r, 'rate_limited', `${error.message} (the wait runs past the job's deadline)`);
      }
      return retry(unsent, r, wait, error.kind);
    }
    case 'unavailable':
      // 503: the bank took too long and the provider says to ask again shortly.
      return retry(unsent, r, backoffMs(r, job.attempt), error.kind);
    case 'network':
    case 'timeout':
    case 'malformed':
    case 'server_error':
      if (isBilled) {
        if (error.kind === 'network' && !error.requestSent) {
          return retry(unsent, r, backoffMs(r, job.attempt), error.kind);
        }
        // The provider may have started a bank session: the answer is lost, not the call. The step stays,
        // intent kept, and its next run looks for the result before anything is asked again.
        return retry(job, r, backoffMs(r, job.attempt), error.kind);
      }
      // The provider's own envelope (say BANK_ERROR on a callback) means the record failed: asking again won't help.
      if (call === 'poll' && error.kind === 'server_error' && error.type !== null) {
        return fail(job, r, 'bank_unavailable', error.message);
      }
      return retry(job, r, backoffMs(r, job.attempt), error.kind);
  }
}

function beforeCall(step: JobStep): JobStep {
  return step === 'checking' ? 'check' : step === 'refreshing' ? 'refresh' : step;
}

// Save the intent (and keep the lease) before the billed call goes out.
function billed(job: StoredJob, r: JobRules, step: JobStep, billedCall: JobCall): Transition {
  const at = new Date(r.now).toISOString();
  return {
    next: { ...job, step, intentAt: at, updatedAt: at },
    save: 'keep',
    effects: [{ type: 'call', call: billedCall }],
  };
}

function call(job: StoredJob, next: JobCall): Transition {
  return { next: job, save: 'none', effects: [{ type: 'call', call: next }] };
}

function awaitRecord(job: StoredJob, event: EventOf<'started'>, r: JobRules, step: JobStep): Transition {
  const at = new Date(r.now).toISOString();
  const firstPoll = Math.min(r.now + r.pollIntervalMs, Date.parse(job.deadlineAt));
  return {
    next: {
      ...job,
      step,
      recordId: event.recordId,
      callbackUrl: event.callbackUrl,
      attempt: 0,
      lastErrorKind: null,
      nextRunAt: new Date(firstPoll).toISOString(),
      updatedAt: at,
    },
    save: 'release',
    effects: [],
  };
}

function succeed(job: StoredJob, event: EventOf<'balance'>, r: JobRules): Transition {
  const at = new Date(r.now).toISOString();
  return settle(job, r, 'succeeded', [
    { type: 'store_balance', read: event.read },
    { type: 'mark_checked', at },
  ]);
}

function settle(
  job: StoredJob,
  r: JobRules,
  step: 'succeeded' | 'unchanged' | 'failed',
  effects: JobEffect[],
): Transition {
  const at = new Date(r.now).toISOString();
  return { next: { ...job, step, settledAt: at, updatedAt: at }, save: 'release', effects };
}

// The link needs its user: the job fails, and the account is marked so nothing asks the bank until they return.
function needsUser(job: StoredJob, event: EventOf<'needs_user'>, r: JobRules): Transition {
  const since = new Date(r.now).toISOString();
  const failed = fail(job, r, 'needs_reauth', event.message);
  return {
    ...failed,
    effects: [{ type: 'mark_reauth', reason: event.reason, message: event.message, since }],
  };
}

/** Ends the job as failed. The account's stored balances are not touched: the last good one stays. */
function fail(job: StoredJob, r: JobRules, reason: RefreshFailureReason, message: string): Transition {
  return settle({ ...job, failure: { reason, message } }, r, 'failed', []);
}

/** Runs the step again later, never past the deadline (where the job then fails, named after `errorKind`). */
function retry(
  job: StoredJob,
  r: JobRules,
  delayMs: number,
  errorKind: ProviderErrorKind | null,
): Transition {
  const nextRunAt = Math.min(r.now + delayMs, Date.parse(job.deadlineAt));
  return {
    next: {
      ...job,
      attempt: job.attempt + 1,
      lastErrorKind: errorKind,
      nextRunAt: new Date(nextRunAt).toISOString(),
      updatedAt: new Date(r.now).toISOString(),
    },
    save: 'release',
    effects: [],
  };
}

// A database or programming error: keep the job as it was, try again after a backoff.
function later(job: StoredJob, _: EventOf<'step_error'>, r: JobRules): Transition {
  return retry(job, r, backoffMs(r, job.attempt), job.lastErrorKind);
}

/** The poll backoff: the interval doubled per attempt, capped. */
export function backoffMs(r: Pick<JobRules, 'pollIntervalMs' | 'maxPollIntervalMs'>, attempt: number) {
  return Math.min(r.maxPollIntervalMs, r.pollIntervalMs * 2 ** Math.min(attempt, 20));
}

/** Why a job that reached its deadline failed: the last error's reason where it names one. */
function deadlineFailure(job: StoredJob): { reason: RefreshFailureReason; message: string } {
  if (job.step === 'checking' || job.step === 'refreshing') {
    return {
      reason: 'provider_error',
      message:
        'The provider never answered the balance request, and no new balance appeared before the deadline',
    };
  }
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
