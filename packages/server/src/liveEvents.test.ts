import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountsResponse, BalanceResponse, RefreshJobResponse } from '@okra-balance/core';
import { readEvents, type ReadEvent } from './testing/eventReader.ts';
import { startHarness, type Harness } from './testing/startHarness.ts';
import { storeBackends, type StoreBackend } from './testing/storeBackends.ts';

const REFRESH = 'POST /balance/refresh';

const isReady = (event: ReadEvent) => event.event === 'ready';
const settledFor = (accountId: string, jobId: string) => (event: ReadEvent) => {
  const data = event.data as BalanceResponse;
  return (
    event.event === 'account' &&
    data.accountId === accountId &&
    data.job?.id === jobId &&
    data.job.settledAt !== null
  );
};

// The stream as a browser holds it: opened before the click, read until the new balance arrives.
describe.each(storeBackends)('live balances on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    if (backend.skipReason !== null) return;
    h = await liveHarness(backend);
  });
  afterAll(() => h?.close());
  const test = it.skipIf(backend.skipReason !== null);
  const stream = (user: string | null, headers: Record<string, string> = {}, base = h.url) =>
    openStream(base, user, headers);
  const refresh = (user: string, accountId: string) => startRefresh(h, user, accountId);

  test('pushes the new balance the moment the job settles, with nothing polled', async () => {
    const { account, upstreamId } = await h.link('push');
    const events = await stream('push');
    try {
      expect(events.status).toBe(200);
      const ready = await events.next(isReady);
      expect(ready.data).toEqual({ resumed: false });
      const job = await refresh('push', account.id);
      const settled = await events.next(settledFor(account.id, job.id));
      const pushed = settled.data as BalanceResponse;
      expect(pushed.job?.state).toBe('succeeded');
      // What the stream said is what a read says now: the same balance, the same job.
      const read = await h.json<BalanceResponse>(`/accounts/${account.id}/balance`, { user: 'push' });
      expect(pushed).toEqual(read.body);
      expect(pushed.balance?.asOf).not.toBe(account.balance?.asOf);
      // Progress came too, before the end, each with a resume id.
      const progress = events.events.filter((event) => event.event === 'account');
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.every((event) => event.id !== null && /^\d+$/.test(event.id))).toBe(true);
      expect(h.upstream(upstreamId, REFRESH)).toBe(1);
    } finally {
      events.close();
    }
  });

  test("a user's stream carries nothing of another user's accounts", async () => {
    const mine = await h.link('owner');
    const theirs = await h.link('onlooker');
    const onlooker = await stream('onlooker');
    const owner = await stream('owner');
    try {
      await Promise.all([onlooker.next(isReady), owner.next(isReady)]);
      const job = await refresh('owner', mine.account.id);
      await owner.next(settledFor(mine.account.id, job.id));
      // The onlooker's own refresh, after the owner's settled: its events come after any of the owner's would.
      const own = await refresh('onlooker', theirs.account.id);
      await onlooker.next(settledFor(theirs.account.id, own.id));
      const seen = onlooker.events.filter((event) => event.event !== 'ready');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((event) => (event.data as BalanceResponse).accountId === theirs.account.id)).toBe(
        true,
      );
      expect(JSON.stringify(onlooker.events)).not.toContain(mine.account.id);
    } finally {
      onlooker.close();
      owner.close();
    }
    // Resuming from the very start replays only the onlooker's own account.
    const replay = await stream('onlooker', { 'last-event-id': '0' });
    try {
      await replay.next(isReady);
      await replay.next((event) => event.event === 'account');
      expect(JSON.stringify(replay.events)).not.toContain(mine.account.id);
    } finally {
      replay.close();
    }
  });

  test('no user, no stream: 401 JSON', async () => {
    const events = await stream(null);
    expect(events.status).toBe(401);
    events.close();
  });

  test('resumes from Last-Event-ID: what settled while the client was away arrives on reconnect', async () => {
    const { account } = await h.link('resume');
    const first = await stream('resume');
    const ready = await first.next(isReady);
    first.close();
    await first.ended;
    const job = await refresh('resume', account.id);
    await h.settled('resume', account.id, job.id);
    const again = await stream('resume', { 'last-event-id': ready.id ?? '' });
    try {
      expect((await again.next(isReady)).data).toEqual({ resumed: true });
      const caught = await again.next(settledFor(account.id, job.id));
      expect((caught.data as BalanceResponse).job?.state).toBe('succeeded');
    } finally {
      again.close();
    }
  });

  test('an id older than the kept log says so (resumed: false), so the client refetches', async () => {
    const { account } = await h.link('stale');
    const job = await refresh('stale', account.id);
    await h.settled('stale', account.id, job.id);
    await h.useRoute({ retention: { eventsMs: 0 } });
    try {
      // A later event, so the sweep (which keeps the newest) has something older to drop.
      await h.link('stale-2');
      await h.route.sweep();
      const events = await stream('stale', { 'last-event-id': '1' });
      expect((await events.next(isReady)).data).toEqual({ resumed: false });
      events.close();
    } finally {
      await h.useRoute();
    }
  });

  test('a new link reaches the stream as the new list', async () => {
    const events = await stream('lister');
    try {
      await events.next(isReady);
      const { account } = await h.link('lister');
      const list = await events.next((event) => event.event === 'accounts');
      expect((list.data as AccountsResponse).accounts.map((a) => a.id)).toEqual([account.id]);
    } finally {
      events.close();
    }
  });

  test('at most maxStreamsPerUser streams per user (429), and closing the route ends them', async () => {
    await h.useRoute({ events: { maxStreamsPerUser: 2 } });
    const open = [await stream('greedy'), await stream('greedy')];
    const third = await stream('greedy');
    expect(third.status).toBe(429);
    third.close();
    const other = await stream('someone-else');
    expect(other.status).toBe(200);
    await h.useRoute();
    await Promise.all([...open, other].map((events) => events.ended));
  });

  test('reads come from memory while nothing changed, and are fresh the moment something did', async () => {
    const { account } = await h.link('cached');
    const path = `/accounts/${account.id}/balance`;
    await h.json(path, { user: 'cached' });
    await h.json('/accounts', { user: 'cached' });
    const reads = ['listAccounts', 'getAccount', 'latestSnapshots', 'latestJobs'] as const;
    const spies = reads.map((name) => vi.spyOn(h.store, name));
    try {
      for (let i = 0; i < 5; i++) {
        await h.json(path, { user: 'cached' });
        await h.json('/accounts', { user: 'cached' });
      }
      expect(spies.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0]);
      const job = await refresh('cached', account.id);
      const done = await h.settled('cached', account.id, job.id);
      const after = await h.json<BalanceResponse>(path, { user: 'cached' });
      expect(after.body.job).toEqual(done);
      const list = await h.json<AccountsResponse>('/accounts', { user: 'cached' });
      expect(list.body.accounts[0]?.balance).toEqual(after.body.balance);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

// Two processes on one database (PostgreSQL only: a PGlite folder opens in one process at a time): the job
// settles on the first; the second holds the browser's stream.
describe.each(storeBackends.filter((backend) => backend.shared))(
  'live balances across processes on $name',
  (backend) => {
    let h: Harness;
    beforeAll(async () => {
      if (backend.skipReason !== null) return;
      h = await liveHarness(backend);
    });
    afterAll(() => h?.close());

    it.skipIf(backend.skipReason !== null)(
      'a job settled in one process reaches a stream and a cached read in another',
      async () => {
        const otherStore = await h.openStore();
        const other = await h.spawnRoute(otherStore, { worker: false, readCache: true });
        try {
          const { account } = await h.link('two');
          const before = await readJson<BalanceResponse>(
            `${other.url}/accounts/${account.id}/balance`,
            'two',
          );
          const events = await openStream(other.url, 'two');
          try {
            await events.next(isReady);
            const job = await startRefresh(h, 'two', account.id);
            const pushed = await events.next(settledFor(account.id, job.id));
            const after = await readJson<BalanceResponse>(
              `${other.url}/accounts/${account.id}/balance`,
              'two',
            );
            expect(after).toEqual(pushed.data);
            expect(after.job?.id).not.toBe(before.job?.id);
          } finally {
            events.close();
          }
        } finally {
          await other.close();
          await otherStore.close();
        }
      },
    );
  },
);

// Generous provider timings: on a loaded machine a slow answer must not pass for a lost one (a second billed
// call would be right then, and these tests count calls).
async function liveHarness(backend: StoreBackend): Promise<Harness> {
  return startHarness({
    location: await backend.location(),
    route: { providerTimeoutMs: 3_000, refresh: { lostAnswerWindowMs: 5_000 } },
  });
}

function openStream(base: string, user: string | null, headers: Record<string, string> = {}) {
  return readEvents(`${base}/events`, { ...(user === null ? {} : { 'x-test-user': user }), ...headers });
}

async function startRefresh(h: Harness, user: string, accountId: string) {
  const reply = await h.json<RefreshJobResponse>(`/accounts/${accountId}/refresh`, {
    method: 'POST',
    user,
    body: '{}',
  });
  return reply.body.job;
}

async function readJson<T>(url: string, user: string): Promise<T> {
  const response = await fetch(url, { headers: { 'x-test-user': user } });
  return (await response.json()) as T;
}
