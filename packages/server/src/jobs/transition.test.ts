import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobStep, StoredJob } from '../store/Store.ts';
import {
  MAX_LOST_CALLS,
  TABLE,
  transition,
  type CallFailure,
  type JobEvent,
  type JobRules,
} from './transition.ts';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const rules = (now: number): JobRules => ({
  now: T0 + now,
  pollIntervalMs: 2_000,
  maxPollIntervalMs: 30_000,
  lostAnswerWindowMs: 60_000,
});

const STEPS = Object.keys(TABLE) as JobStep[];
const SETTLED: JobStep[] = ['succeeded', 'unchanged', 'failed'];

function job(step: JobStep, extra: Partial<StoredJob> = {}): StoredJob {
  return {
    id: 'job_1',
    upstreamKey: 'sandbox:acc_1',
    providerAccountId: 'acc_1',
    strategy: 'check-first',
    step,
    balanceChanged: null,
    failure: null,
    recordId: step.endsWith('_waiting') ? 'rec_1' : null,
    callbackUrl: step.endsWith('_waiting') ? 'https://api.example/v2/callback?record=rec_1' : null,
    attempt: 0,
    lastErrorKind: null,
    intentAt: step === 'checking' || step === 'refreshing' ? at(0) : null,
    lostCalls: 0,
    leaseOwner: null,
    createdAt: at(0),
    updatedAt: at(0),
    deadlineAt: at(300_000),
    settledAt: SETTLED.includes(step) ? at(0) : null,
    nextRunAt: at(0),
    ...extra,
  };
}

const read = {
  balance: {
    available: 100,
    derived: false,
    ledger: 120,
    currency: 'NGN',
    asOf: at(1),
    lastCheckedAt: at(1),
  },
  raw: {},
};
const failure = (kind: CallFailure['kind'], extra: Partial<CallFailure> = {}): CallFailure => ({
  kind,
  message: `a ${kind}`,
  retryAfterMs: null,
  requestSent: true,
  type: null,
  ...extra,
});

// One sample of every event type (the provider error comes in every kind, from every call, below).
const EVENTS: JobEvent[] = [
  { type: 'run' },
  { type: 'started', recordId: 'rec_2', callbackUrl: 'https://api.example/v2/callback?record=rec_2' },
  { type: 'not_ready' },
  { type: 'checked', changed: true, checkedAt: at(5) },
  { type: 'checked', changed: false, checkedAt: at(5) },
  { type: 'ready' },
  { type: 'balance', read },
  { type: 'no_balance' },
  { type: 'nothing_new' },
  { type: 'provider_error', call: 'start_refresh', error: failure('timeout') },
  { type: 'needs_user', reason: 'token_required', message: 'Enter the code your bank sent' },
  { type: 'step_error' },
];

/**
 * What may follow each step, written out apart from the table: the table must never take a job anywhere
 * else. (The answer to "what can follow `refresh_waiting`?" is its line here.)
 */
const MAY_FOLLOW: Record<JobStep, JobStep[]> = {
  check: ['checking', 'check', 'failed'],
  checking: ['checking', 'check', 'check_waiting', 'failed'],
  check_waiting: ['check_waiting', 'refreshing', 'unchanged', 'failed'],
  refresh: ['refreshing', 'refresh', 'failed'],
  refreshing: ['refreshing', 'refresh', 'refresh_waiting', 'succeeded', 'failed'],
  refresh_waiting: ['refresh_waiting', 'reading', 'failed'],
  reading: ['reading', 'succeeded', 'failed'],
  succeeded: ['succeeded'],
  unchanged: ['unchanged'],
  failed: ['failed'],
};

describe('the refresh job transition table', () => {
  it('takes every step, on every event, only where the step may go, and keeps its invariants', () => {
    let listed = 0;
    for (const step of STEPS) {
      for (const event of EVENTS) {
        const before = job(step);
        const { next, save, effects } = transition(before, event, rules(1_000));
        const calls = effects.flatMap((effect) => (effect.type === 'call' ? [effect.call] : []));
        const where = `${step} + ${event.type}`;
        expect(MAY_FOLLOW[step], where).toContain(next.step);
        if (TABLE[step][event.type] === undefined) {
          // Not in the table: nothing at all happens.
          expect({ next, save, effects }, where).toEqual({ next: before, save: 'none', effects: [] });
          continue;
        }
        listed++;
        expect(calls.length, where).toBeLessThanOrEqual(1);
        // A billed call is always preceded by a write of its intent, with the lease kept.
        if (calls.some((call) => call === 'start_check' || call === 'start_refresh')) {
          expect([save, next.intentAt], where).toEqual(['keep', at(1_000)]);
        }
        if (SETTLED.includes(next.step)) {
          expect([save, next.settledAt, calls], where).toEqual(['release', at(1_000), []]);
        }
        expect(next.failure !== null, where).toBe(next.step === 'failed');
        if (calls.length === 0) expect(save, where).toBe('release');
        expect(Date.parse(next.nextRunAt), where).toBeLessThanOrEqual(Date.parse(next.deadlineAt));
        // A call is made only from the step it belongs to.
        const from: Record<string, JobStep[]> = {
          start_check: ['checking'],
          start_refresh: ['refreshing'],
          poll: ['check_waiting', 'refresh_waiting'],
          read: ['reading'],
          probe: ['refreshing'],
        };
        for (const call of calls) expect(from[call], where).toContain(next.step);
      }
    }
    expect(listed).toBeGreaterThan(25);
  });

  it('fails a job whose link needs its user, marks the account, and calls nothing more', () => {
    const needsUser: JobEvent = {
      type: 'needs_user',
      reason: 'invalid_credentials',
      message: 'Wrong password',
    };
    const from: JobStep[] = ['checking', 'check_waiting', 'refreshing', 'refresh_waiting', 'reading'];
    for (const step of from) {
      const out = transition(job(step), needsUser, rules(1_000));
      expect(out.next, step).toMatchObject({
        step: 'failed',
        failure: { reason: 'needs_reauth', message: 'Wrong password' },
        settledAt: at(1_000),
      });
      expect([out.save, out.effects], step).toEqual([
        'release',
        [{ type: 'mark_reauth', reason: 'invalid_credentials', message: 'Wrong password', since: at(1_000) }],
      ]);
    }
    // Before its call a step has heard nothing from the provider: the event cannot come from there.
    for (const step of ['check', 'refresh'] as const) expect(TABLE[step].needs_user, step).toBeUndefined();
  });

  it('leaves a settled job alone, whatever comes', () => {
    for (const step of SETTLED) {
      for (const event of EVENTS) {
        const settled = job(step);
        expect(transition(settled, event, rules(10))).toEqual({ next: settled, save: 'none', effects: [] });
      }
    }
  });

  it('runs a check-first job to the end: check, poll, changed, refresh, poll, read, succeeded', () => {
    let current = job('check');
    const seen: string[] = [];
    const feed = (event: JobEvent, now: number) => {
      const out = transition(current, event, rules(now));
      current = out.next;
      seen.push(
        `${out.next.step}/${out.save}${out.effects.map((e) => (e.type === 'call' ? `:${e.call}` : `+${e.type}`)).join('')}`,
      );
    };
    feed({ type: 'run' }, 0);
    feed({ type: 'started', recordId: 'r1', callbackUrl: 'u1' }, 100);
    feed({ type: 'run' }, 2_100);
    feed({ type: 'not_ready' }, 2_200);
    feed({ type: 'run' }, 6_200);
    feed({ type: 'checked', changed: true, checkedAt: at(6_000) }, 6_300);
    feed({ type: 'started', recordId: 'r2', callbackUrl: 'u2' }, 6_400);
    feed({ type: 'run' }, 8_400);
    feed({ type: 'ready' }, 8_500);
    feed({ type: 'balance', read }, 8_600);
    expect(seen).toEqual([
      'checking/keep:start_check',
      'check_waiting/release',
      'check_waiting/none:poll',
      'check_waiting/release',
      'check_waiting/none:poll',
      'refreshing/keep:start_refresh',
      'refresh_waiting/release',
      'refresh_waiting/none:poll',
      'reading/none:read',
      'succeeded/release+store_balance+mark_checked',
    ]);
    expect(current).toMatchObject({ balanceChanged: true, recordId: 'r2', settledAt: at(8_600) });
  });

  it('fails an unsettled job run past its deadline, named after the error that kept it', () => {
    const late = rules(300_000);
    expect(transition(job('refresh_waiting'), { type: 'run' }, late).next.failure?.reason).toBe(
      'deadline_exceeded',
    );
    const limited = job('refresh', { lastErrorKind: 'rate_limited' });
    expect(transition(limited, { type: 'run' }, late).next.failure?.reason).toBe('rate_limited');
    // A billed call whose answer never came: the provider's fault, not a slow bank's.
    const lost = job('refreshing', { lastErrorKind: 'timeout' });
    expect(transition(lost, { type: 'run' }, late).next.failure?.reason).toBe('provider_error');
  });

  it('waits as a 429 says (60 s when it names no time), and fails at once when that passes the deadline', () => {
    const limited = (retryAfterMs: number | null): JobEvent => ({
      type: 'provider_error',
      call: 'start_refresh',
      error: failure('rate_limited', { retryAfterMs }),
    });
    // A 429 means the bank saw nothing: the job goes back before the call, which it may make again.
    expect(transition(job('refreshing'), limited(null), rules(1_000)).next).toMatchObject({
      step: 'refresh',
      intentAt: null,
      nextRunAt: at(61_000),
    });
    expect(transition(job('refreshing'), limited(5_000), rules(1_000)).next.nextRunAt).toBe(at(6_000));
    const short = transition(job('refreshing', { deadlineAt: at(30_000) }), limited(null), rules(1_000));
    expect(short.next.failure?.reason).toBe('rate_limited');
  });

  describe('a billed call whose answer is lost', () => {
    const lost: JobEvent = { type: 'provider_error', call: 'start_refresh', error: failure('timeout') };

    it('keeps the step and its intent, and the next run probes instead of asking again', () => {
      const out = transition(job('refreshing'), lost, rules(1_000));
      expect(out.next).toMatchObject({ step: 'refreshing', intentAt: at(0) });
      expect(out.save).toBe('release');
      const resumed = transition(out.next, { type: 'run' }, rules(3_000));
      expect(resumed.effects).toEqual([{ type: 'call', call: 'probe' }]);
    });

    it('takes the balance the probe finds as the result', () => {
      const out = transition(job('refreshing'), { type: 'balance', read }, rules(3_000));
      expect(out.next.step).toBe('succeeded');
      expect(out.effects).toContainEqual({ type: 'store_balance', read });
    });

    it('asks again only after the window, once, and fails when that answer is lost too', () => {
      const inside = transition(job('refreshing'), { type: 'nothing_new' }, rules(59_000));
      expect([inside.next.step, inside.effects]).toEqual(['refreshing', []]);
      const after = transition(job('refreshing'), { type: 'nothing_new' }, rules(60_000));
      expect(after.effects).toEqual([{ type: 'call', call: 'start_refresh' }]);
      expect(after.next).toMatchObject({ lostCalls: 1, intentAt: at(60_000) });
      const twice = transition(after.next, { type: 'nothing_new' }, rules(200_000));
      expect(twice.next.failure?.reason).toBe('provider_error');
      expect(MAX_LOST_CALLS).toBe(1);
    });

    it('asks again at once when the request certainly never left', () => {
      const unsent: JobEvent = {
        type: 'provider_error',
        call: 'start_refresh',
        error: failure('network', { requestSent: false }),
      };
      expect(transition(job('refreshing'), unsent, rules(1_000)).next).toMatchObject({
        step: 'refresh',
        intentAt: null,
      });
    });
  });

  it('never repeats a billed refresh inside the lost-answer window, whatever the events (property)', () => {
    const eventArb: fc.Arbitrary<JobEvent> = fc.oneof(
      fc.constantFrom<JobEvent>(...EVENTS.filter((event) => event.type !== 'provider_error')),
      fc.record({
        type: fc.constant('provider_error' as const),
        call: fc.constantFrom('start_check', 'start_refresh', 'poll', 'read', 'probe'),
        error: fc.record({
          kind: fc.constantFrom(
            'rate_limited',
            'unavailable',
            'network',
            'timeout',
            'unauthorized',
            'rejected',
            'not_found',
            'server_error',
            'malformed',
            'unsafe_url',
            'bad_data',
          ),
          message: fc.constant('boom'),
          retryAfterMs: fc.option(fc.integer({ min: 0, max: 120_000 })),
          requestSent: fc.boolean(),
          type: fc.option(fc.constant('BANK_ERROR')),
        }),
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...STEPS),
        fc.array(fc.tuple(eventArb, fc.integer({ min: 0, max: 20_000 })), { maxLength: 40 }),
        (step, events) => {
          let current = job(step);
          let now = 0;
          for (const [event, gap] of events) {
            now += gap;
            const before = current;
            const out = transition(current, event, rules(now));
            const repeats =
              before.step === 'refreshing' &&
              out.effects.some((effect) => effect.type === 'call' && effect.call === 'start_refresh');
            if (repeats) {
              // Asking again from `refreshing` means the answer was lost: only past the window, counted, bounded.
              expect(T0 + now).toBeGreaterThanOrEqual(
                Date.parse(before.intentAt ?? before.updatedAt) + 60_000,
              );
              expect(out.next.lostCalls).toBe(before.lostCalls + 1);
              expect(out.next.lostCalls).toBeLessThanOrEqual(MAX_LOST_CALLS);
            }
            expect(MAY_FOLLOW[before.step]).toContain(out.next.step);
            current = out.next;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
