import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryResponse, RefreshJob, RefreshJobResponse } from '@okra-balance/core';
import { newId } from './store/ids.ts';
import type { StoredJob } from './store/Store.ts';
import { startHarness, type Harness, type Linked } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';

const REFRESH = 'POST /balance/refresh';
const READ = 'POST /balance/getByAccount';

// The engine under conditions a warm, fast process never meets: a step that outlives its lease, and a process
// killed between saving the intent of a billed call and saving its answer.
describe.each(storeBackends)('the refresh job engine on $name', (backend) => {
  let h: Harness;
  // Reads of the provider's balances take this long (0: as the sandbox answers).
  let readDelayMs = 0;
  beforeAll(async () => {
    if (backend.skipReason !== null) return;
    h = await startHarness({
      location: await backend.location(),
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (readDelayMs > 0 && url.endsWith('/balance/getByAccount')) {
          await new Promise((resolve) => setTimeout(resolve, readDelayMs));
        }
        return fetch(input, init);
      },
    });
  });
  afterAll(() => h?.close());
  const test = it.skipIf(backend.skipReason !== null);

  const settled = (user: string, accountId: string, jobId: string) => h.settled(user, accountId, jobId);
  const historyOf = async (user: string, accountId: string) =>
    (await h.json<HistoryResponse>(`/accounts/${accountId}/history`, { user })).body.snapshots;

  test('a step that outlives its first lease still succeeds, once: the heartbeat keeps a second worker off', async () => {
    // Leases of 600 ms (renewed every 200 ms, with room for a busy machine's late timers) and a read that takes
    // 2.4 s: four leases long. Two workers share the database.
    const slow = { refresh: { leaseMs: 600 }, providerTimeoutMs: 5_000 };
    await h.useRoute(slow);
    const other = await h.spawnRoute(backend.shared ? await h.openStore() : h.store, slow);
    let stopped: Promise<void> | null = null;
    // Both processes stop, each waiting for its steps in flight.
    const stopBoth = () => (stopped ??= other.close().then(() => h.useRoute()));
    try {
      const { account, upstreamId } = await h.link('lease');
      const history = (await historyOf('lease', account.id)).length;
      const reads = h.upstream(upstreamId, READ);
      readDelayMs = 2_400;
      const started = await h.json<RefreshJobResponse>(`/accounts/${account.id}/refresh`, {
        method: 'POST',
        user: 'lease',
      });
      const done = await settled('lease', account.id, started.body.job.id);
      expect([done.state, done.failure]).toEqual(['succeeded', null]);
      // A second read (a worker that took the job over) would have reached the provider by now.
      await stopBoth();
      expect(h.upstream(upstreamId, READ) - reads).toBe(1);
      expect(h.upstream(upstreamId, REFRESH)).toBe(1);
      expect(await historyOf('lease', account.id)).toHaveLength(history + 1);
      expect(h.logs.filter((line) => /taken over|took it over/.test(line.message))).toEqual([]);
    } finally {
      readDelayMs = 0;
      await stopBoth();
    }
  });

  /**
   * Leaves a job as a process killed mid-call leaves it: the intent of a billed refresh saved, the lease held by
   * a worker that no longer runs, no answer saved. With `reached`, the call got to the provider before the kill.
   */
  const killedMidRefresh = async (linked: Linked, reached: boolean): Promise<StoredJob> => {
    const now = Date.now();
    const { job } = await h.store.requestRefresh({
      jobId: newId('job'),
      upstreamKey: `sandbox:${linked.upstreamId}`,
      providerAccountId: linked.upstreamId,
      strategy: 'refresh',
      now: new Date(now).toISOString(),
      deadlineAt: new Date(now + 5_000).toISOString(),
      debounceMs: 0,
    });
    const leasedUntil = new Date(now + 200).toISOString();
    await h.store.claimJobs('dead-worker', new Date(now).toISOString(), leasedUntil, 1, [job.upstreamKey]);
    const intent = { ...job, step: 'refreshing' as const, intentAt: new Date(now).toISOString() };
    const saved = await h.store.commitStep({
      job: intent,
      owner: 'dead-worker',
      release: false,
      now: new Date(now).toISOString(),
    });
    expect(saved).toBe(true);
    if (reached) {
      const reply = await fetch(`${h.sandbox.apiBaseUrl}/balance/refresh`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${h.sandbox.credentials.secretKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ account_id: linked.upstreamId }),
      });
      expect(reply.status).toBe(201);
    }
    return intent;
  };

  test('a process killed mid-refresh, after the bank started: the next worker finds that balance, no second session', async () => {
    // The live route is stopped while the "dead" process writes its last state.
    await h.useRoute({ worker: false });
    const linked = await h.link('killed after');
    const history = (await historyOf('killed after', linked.account.id)).length;
    const job = await killedMidRefresh(linked, true);
    // A new process starts: its worker takes the job once the dead one's lease runs out.
    await h.useRoute({ refresh: { lostAnswerWindowMs: 60_000 } });
    try {
      const done: RefreshJob = await settled('killed after', linked.account.id, job.id);
      expect(done.state).toBe('succeeded');
      expect(h.upstream(linked.upstreamId, REFRESH)).toBe(1);
      expect(h.sandbox.counts().refreshSessions[linked.upstreamId]).toBe(1);
      expect(await historyOf('killed after', linked.account.id)).toHaveLength(history + 1);
    } finally {
      await h.useRoute();
    }
  });

  test('a process killed mid-refresh, before the call left: asked again once the window passes, one session', async () => {
    await h.useRoute({ worker: false });
    const linked = await h.link('killed before');
    const job = await killedMidRefresh(linked, false);
    const from = h.providerCalls.length;
    await h.useRoute({ refresh: { lostAnswerWindowMs: 400 } });
    try {
      const done = await settled('killed before', linked.account.id, job.id);
      expect(done.state).toBe('succeeded');
      expect(h.upstream(linked.upstreamId, REFRESH)).toBe(1);
      expect(h.sandbox.counts().refreshSessions[linked.upstreamId]).toBe(1);
      // It looked for the lost call's balance before asking again.
      const calls = h.providerCalls.slice(from).map((url) => new URL(url).pathname);
      const firstProbe = calls.indexOf('/v2/balance/getByAccount');
      expect(firstProbe).toBeGreaterThanOrEqual(0);
      expect(firstProbe).toBeLessThan(calls.indexOf('/v2/balance/refresh'));
    } finally {
      await h.useRoute();
    }
  });
});
