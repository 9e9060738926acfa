import { afterEach, describe, expect, it } from 'vitest';
import type {
  AccountsResponse,
  ApiErrorBody,
  BalanceResponse,
  RefreshJobResponse,
  RefreshSchedule,
} from '@okra-balance/core';
import { startHarness, type Harness, type RouteOverrides } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';
import { waitFor } from './testing/waitFor.ts';

const REFRESH = 'POST /balance/refresh';
const HOUR = 3_600_000;
const CRON_SECRET = 'cron_secret_0123456789';

// Periodic balances over real HTTP. The route's clock runs `shift` ms ahead of the real one, so a test jumps
// hours ahead while the sandbox and the job engine keep their real, short timings.
describe.each(storeBackends)('scheduled refreshes on $name', (backend) => {
  let h: Harness | undefined;
  let shift = 0;
  const now = () => new Date(Date.now() + shift);
  afterEach(async () => {
    await h?.close();
    h = undefined;
    shift = 0;
  });
  const test = it.skipIf(backend.skipReason !== null);

  /** A harness whose route refreshes every 6 hours with a tenth of jitter, and no worker (unless told). */
  const start = async (route: RouteOverrides = {}) => {
    h = await startHarness({
      location: await backend.location(),
      route: {
        worker: false,
        now,
        cronSecret: CRON_SECRET,
        // Counts of billed calls are exact: a busy machine's slow answer must not pass for a lost one.
        providerTimeoutMs: 3_000,
        ...route,
        refresh: { schedule: { everyHours: 6 }, ...route.refresh },
      },
    });
    return h;
  };
  const listed = async (harness: Harness, user: string) =>
    (await harness.json<AccountsResponse>('/accounts', { user })).body.accounts;
  /** Moves the jobs on (as a cron would) until the account's newest job has settled. */
  const settle = (harness: Harness, user: string, accountId: string) =>
    waitFor(async () => {
      await harness.route.runDueJobs();
      const { job } = (await harness.json<BalanceResponse>(`/accounts/${accountId}/balance`, { user })).body;
      return job !== null && job.settledAt !== null ? job : undefined;
    });
  const within = (at: string | null | undefined, from: string, hours: number) => {
    const offset = Date.parse(at ?? '') - Date.parse(from);
    expect(offset).toBeGreaterThanOrEqual(hours * HOUR * 0.9 - 1);
    expect(offset).toBeLessThanOrEqual(hours * HOUR * 1.1 + 1);
  };

  test('fires through runDueJobs when due, each account at its own jittered time, then moves on', async () => {
    const harness = await start();
    const linked = [await harness.link('s1'), await harness.link('s1'), await harness.link('s1')];
    const accounts = await listed(harness, 's1');
    for (const account of accounts) {
      expect(account.schedule).toMatchObject({ everyHours: 6, source: 'route' });
      within(account.schedule.nextAt, account.linkedAt, 6);
    }
    // Each its own interval, not only its own link time.
    const offsets = accounts.map((a) => Date.parse(a.schedule.nextAt ?? '') - Date.parse(a.linkedAt));
    expect(new Set(offsets).size).toBe(3);

    expect((await harness.route.runDueJobs()).scheduled).toBe(0);
    shift = 6.7 * HOUR;
    expect((await harness.route.runDueJobs()).scheduled).toBe(3);
    for (const { account, upstreamId } of linked) {
      expect((await settle(harness, 's1', account.id)).state).toBe('succeeded');
      expect(harness.upstream(upstreamId, REFRESH)).toBe(1);
    }
    for (const account of await listed(harness, 's1'))
      within(account.schedule.nextAt, now().toISOString(), 6);
    expect((await harness.route.runDueJobs()).scheduled).toBe(0);
    expect(linked.map(({ upstreamId }) => harness.upstream(upstreamId, REFRESH))).toEqual([1, 1, 1]);
  });

  test('fires from the background worker with nobody asking', async () => {
    // An "hour" of 1 s: the worker looks for due schedules every 50 ms.
    h = await startHarness({
      location: await backend.location(),
      route: { providerTimeoutMs: 3_000, refresh: { schedule: { everyHours: 1, hourMs: 1_000 } } },
    });
    const harness = h;
    const { account, upstreamId } = await harness.link('w1');
    const job = await waitFor(async () => {
      const latest = (await harness.store.latestJobs([`sandbox:${upstreamId}`])).get(`sandbox:${upstreamId}`);
      return latest?.settledAt === null ? undefined : latest;
    }, 8_000);
    expect(job.step).toBe('succeeded');
    expect(harness.upstream(upstreamId, REFRESH)).toBeGreaterThanOrEqual(1);
    const [listedAccount] = await listed(harness, 'w1');
    expect(Date.parse(listedAccount?.schedule.nextAt ?? '')).toBeGreaterThan(Date.parse(job.createdAt));
    expect(listedAccount?.id).toBe(account.id);
  });

  test('a click moves the next scheduled refresh on, and joins a scheduled one under way', async () => {
    const harness = await start({ refresh: { debounceMs: 60_000 } });
    const { account, upstreamId } = await harness.link('j1');
    shift = 6.7 * HOUR;
    // Due, but a click comes first: its refresh counts as the scheduled one.
    const clicked = await harness.json<RefreshJobResponse>(`/accounts/${account.id}/refresh`, {
      method: 'POST',
      user: 'j1',
    });
    within((await listed(harness, 'j1'))[0]?.schedule.nextAt, clicked.body.job.createdAt, 6);
    expect((await harness.route.runDueJobs()).scheduled).toBe(0);
    await settle(harness, 'j1', account.id);
    expect(harness.upstream(upstreamId, REFRESH)).toBe(1);

    // Due again: the scheduled job comes first (created, not yet run), and a click joins it.
    shift += 6.7 * HOUR;
    expect((await harness.route.runDueJobs({ limit: 0 })).scheduled).toBe(1);
    const scheduled = (await harness.store.latestJobs([`sandbox:${upstreamId}`])).get(
      `sandbox:${upstreamId}`,
    );
    const joined = await harness.json<RefreshJobResponse>(`/accounts/${account.id}/refresh`, {
      method: 'POST',
      user: 'j1',
    });
    expect([joined.body.joined, joined.body.job.id]).toEqual([true, scheduled?.id]);
    expect((await settle(harness, 'j1', account.id)).state).toBe('succeeded');
    expect(harness.upstream(upstreamId, REFRESH)).toBe(2);
  });

  test('pauses while the link needs its user, and resumes after the reconnect', async () => {
    const harness = await start();
    const linked = await harness.link('p1');
    const { account, upstreamId } = linked;
    harness.sandbox.expireLink(upstreamId, { status: 'token_required', shape: 'error-type' });
    shift = 6.7 * HOUR;
    expect((await harness.route.runDueJobs()).scheduled).toBe(1);
    expect((await settle(harness, 'p1', account.id)).failure?.reason).toBe('needs_reauth');
    expect((await listed(harness, 'p1'))[0]?.schedule.nextAt).toBeNull();
    shift += 13 * HOUR;
    expect((await harness.route.runDueJobs()).scheduled).toBe(0);
    expect(harness.upstream(upstreamId, REFRESH)).toBe(1);

    const { status } = await harness.reconnect('p1', linked);
    expect(status).toBe(201);
    await settle(harness, 'p1', account.id);
    expect(harness.upstream(upstreamId, REFRESH)).toBe(2);
    within((await listed(harness, 'p1'))[0]?.schedule.nextAt, now().toISOString(), 6);
    shift += 6.7 * HOUR;
    expect((await harness.route.runDueJobs()).scheduled).toBe(1);
    expect((await settle(harness, 'p1', account.id)).state).toBe('succeeded');
    expect(harness.upstream(upstreamId, REFRESH)).toBe(3);
  });

  test('PUT /accounts/:id/schedule sets one account, and refuses what is not whole hours from 1 to 168', async () => {
    const harness = await start();
    const { account, upstreamId } = await harness.link('put');
    const put = (body: string, user = 'put', id = account.id, type = 'application/json') =>
      harness.json<RefreshSchedule & ApiErrorBody>(`/accounts/${id}/schedule`, {
        method: 'PUT',
        user,
        body,
        headers: { 'content-type': type },
      });
    for (const bad of [
      '{"everyHours":0}',
      '{"everyHours":169}',
      '{"everyHours":1.5}',
      '{"everyHours":"6"}',
      '{}',
    ]) {
      const reply = await put(bad);
      expect([reply.status, reply.body.error.code], bad).toEqual([400, 'invalid_request']);
    }
    expect((await put('{"everyHours":6,"extra":1}')).status).toBe(400);
    expect((await put('{"everyHours":')).body.error.code).toBe('invalid_json');
    expect((await put('{"everyHours":6}', 'put', account.id, 'text/plain')).status).toBe(415);
    expect((await put('{"everyHours":6}', 'stranger')).status).toBe(404);
    expect((await put('{"everyHours":6}', 'put', 'acct_nope')).status).toBe(404);

    const twelve = await put('{"everyHours":12}');
    expect(twelve.status).toBe(200);
    expect(twelve.body).toMatchObject({ everyHours: 12, source: 'account' });
    within(twelve.body.nextAt, account.linkedAt, 12);
    expect((await listed(harness, 'put'))[0]?.schedule).toEqual(twelve.body);

    expect((await put('{"everyHours":null}')).body).toEqual({
      everyHours: null,
      source: 'account',
      nextAt: null,
    });
    shift = 100 * HOUR;
    expect((await harness.route.runDueJobs()).scheduled).toBe(0);
    expect(harness.upstream(upstreamId, REFRESH)).toBe(0);
    expect((await put('{"everyHours":"route"}')).body).toMatchObject({ everyHours: 6, source: 'route' });
    expect((await harness.route.runDueJobs()).scheduled).toBe(1);
  });

  test('two processes firing at once start one job per due account', async () => {
    const harness = await start();
    const linked = [await harness.link('m1'), await harness.link('m2'), await harness.link('m3')];
    const otherStore = backend.shared ? await harness.openStore() : harness.store;
    const second = await harness.spawnRoute(otherStore);
    try {
      shift = 6.7 * HOUR;
      const [here, there] = await Promise.all([
        harness.route.runDueJobs({ limit: 0 }),
        fetch(`${second.url}/jobs/run?limit=1`, { headers: { authorization: `Bearer ${CRON_SECRET}` } }).then(
          (reply) => reply.json() as Promise<{ scheduled: number }>,
        ),
      ]);
      expect(here.scheduled + there.scheduled).toBe(3);
      for (const [i, { account, upstreamId }] of linked.entries()) {
        await settle(harness, `m${i + 1}`, account.id);
        expect(harness.upstream(upstreamId, REFRESH)).toBe(1);
      }
    } finally {
      await second.close();
      if (otherStore !== harness.store) await otherStore.close();
    }
  });
});
