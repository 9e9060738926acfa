import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Balance } from '@okra-balance/core';
import { storeBackends, type StoreLocation } from '../testing/storeBackends.ts';
import { storeOf } from './createSqlStore.ts';
import { newId } from './ids.ts';
import type { NewAccount, Store, StoredJob } from './Store.ts';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

const balance: Balance = {
  available: 100_00,
  derived: false,
  ledger: 120_00,
  currency: 'NGN',
  asOf: at(0),
  lastCheckedAt: at(0),
};

function account(providerAccountId: string): NewAccount {
  return {
    providerAccountId,
    customerId: 'cus_1',
    name: 'Ada Obi',
    nuban: '0123456789',
    bank: { id: 'bank_1', name: 'Sandbox Bank' },
    currency: 'NGN',
    raw: { _id: providerAccountId, extra: 'kept' },
    firstBalance: { balance, raw: { ledger_balance: 120 } },
  };
}

let tokens = 0;
async function linkFor(store: Store, userId: string, providerAccountIds: string[], now = 1) {
  const tokenHash = `hash_${++tokens}_${userId}`;
  await store.createLinkToken({
    tokenHash,
    userId,
    createdAt: at(0),
    expiresAt: at(900_000),
    usedAt: null,
    hookHash: null,
  });
  const result = await store.saveLink({
    tokenHash,
    userId,
    provider: 'sandbox',
    customerId: 'cus_1',
    recordId: 'rec_1',
    accounts: providerAccountIds.map(account),
    now: at(now),
  });
  if (!('accounts' in result)) throw new Error(`link refused: ${result.refused}`);
  return result.accounts;
}

function commit(store: Store, job: StoredJob, owner: string, now: number): Promise<boolean> {
  return store.commitStep({ job, owner, release: true, now: at(now) });
}

function refresh(store: Store, upstreamKey: string, now: number, debounceMs = 60_000) {
  return store.requestRefresh({
    jobId: newId('job'),
    upstreamKey,
    providerAccountId: upstreamKey.split(':')[1] ?? '',
    strategy: 'refresh',
    now: at(now),
    deadlineAt: at(now + 300_000),
    debounceMs,
  });
}

function settle(job: StoredJob, now: number): StoredJob {
  return { ...job, step: 'succeeded', settledAt: at(now) };
}

const latestSnapshot = async (store: Store, key: string) =>
  (await store.latestSnapshots([key])).get(key) ?? null;
const latestJob = async (store: Store, key: string) => (await store.latestJobs([key])).get(key) ?? null;

/** Stores a balance the way the engine does: a job that settles with it, through a fenced commit. */
async function settleWith(store: Store, key: string, figures: Balance, now: number): Promise<StoredJob> {
  const { job } = await refresh(store, key, now, 0);
  await store.claimJobs('writer', at(now), at(now + 1000), 100, [key]);
  const settled = settle(job, now);
  const saved = await store.commitStep({
    job: settled,
    owner: 'writer',
    release: true,
    now: at(now),
    balance: { balance: figures, raw: {} },
  });
  if (!saved) throw new Error('the commit was refused');
  return settled;
}

describe.each(storeBackends)('Store on $name', (backend) => {
  let location: StoreLocation;
  let store: Store;

  beforeAll(async () => {
    if (backend.skipReason !== null) return;
    location = await backend.location();
    store = storeOf(await location.open());
  });
  afterAll(async () => {
    await store?.close();
    await location?.dispose();
  });

  it.skipIf(backend.skipReason !== null)(
    'keeps its data across a reopen, migrating once, also when opened together',
    async () => {
      // A location of its own: the shared store of the other tests stays as it is.
      const own = await backend.location();
      try {
        const first = storeOf(await own.open());
        await first.createLinkToken({
          tokenHash: 'h-kept',
          userId: 'u1',
          createdAt: at(0),
          expiresAt: at(1),
          usedAt: null,
          hookHash: null,
        });
        await first.close();
        // Migration 1 creates its tables without IF NOT EXISTS: applying it twice would throw here.
        const reopened = (await Promise.all(backend.shared ? [own.open(), own.open()] : [own.open()])).map(
          storeOf,
        );
        expect((await reopened[0]?.findLinkToken('h-kept'))?.userId).toBe('u1');
        await Promise.all(reopened.map((extra) => extra.close()));
      } finally {
        await own.dispose();
      }
    },
  );

  it.skipIf(backend.skipReason !== null)(
    'uses a link token once, only for its user, only before it expires',
    async () => {
      await store.createLinkToken({
        tokenHash: 'h-once',
        userId: 'u1',
        createdAt: at(0),
        expiresAt: at(1000),
        usedAt: null,
        hookHash: null,
      });
      const input = {
        tokenHash: 'h-once',
        provider: 'sandbox',
        customerId: null,
        recordId: null,
        accounts: [account('pa_once')],
      };
      expect(await store.saveLink({ ...input, userId: 'u2', now: at(10) })).toEqual({ refused: 'invalid' });
      expect(await store.saveLink({ ...input, userId: 'u1', now: at(1000) })).toEqual({ refused: 'invalid' });
      const saved = await store.saveLink({ ...input, userId: 'u1', now: at(10) });
      expect('accounts' in saved && saved.accounts.map((stored) => stored.providerAccountId)).toEqual([
        'pa_once',
      ]);
      expect(await store.saveLink({ ...input, userId: 'u1', now: at(20) })).toEqual({ refused: 'used' });
      expect((await store.findLinkToken('h-once'))?.usedAt).toBe(at(10));
    },
  );

  it.skipIf(backend.skipReason !== null)(
    'keeps accounts per user, keeps the id on relink, hides them from others',
    async () => {
      const [first] = await linkFor(store, 'owner', ['pa_keep']);
      const [again] = await linkFor(store, 'owner', ['pa_keep']);
      expect(again?.id).toBe(first?.id);
      expect(await store.getAccount('intruder', first?.id ?? '')).toBeNull();
      expect((await store.getAccount('owner', first?.id ?? ''))?.bank.name).toBe('Sandbox Bank');
      expect((await store.listAccounts('owner')).map((stored) => stored.id)).toEqual([first?.id]);
      expect(await latestSnapshot(store, 'sandbox:pa_keep')).toMatchObject({
        ledger: 120_00,
        available: 100_00,
      });
    },
  );

  it.skipIf(backend.skipReason !== null)(
    'reads the newest snapshot and job of several accounts at once',
    async () => {
      await linkFor(store, 'batch', ['pa_b1', 'pa_b2', 'pa_b3']);
      await settleWith(store, 'sandbox:pa_b1', { ...balance, ledger: 1 }, 50);
      const second = await settleWith(store, 'sandbox:pa_b1', { ...balance, ledger: 2 }, 60);
      const { job } = await refresh(store, 'sandbox:pa_b2', 70);
      const keys = ['sandbox:pa_b1', 'sandbox:pa_b2', 'sandbox:pa_b3', 'sandbox:pa_none'];
      const [snapshots, jobs] = await Promise.all([store.latestSnapshots(keys), store.latestJobs(keys)]);
      expect(snapshots.get('sandbox:pa_b1')?.ledger).toBe(2);
      // Linked with a first balance and never refreshed: that balance, and no job.
      expect(snapshots.get('sandbox:pa_b3')?.ledger).toBe(120_00);
      expect([...jobs.keys()].sort()).toEqual(['sandbox:pa_b1', 'sandbox:pa_b2']);
      expect(jobs.get('sandbox:pa_b1')?.id).toBe(second.id);
      expect(jobs.get('sandbox:pa_b2')?.id).toBe(job.id);
      expect(snapshots.has('sandbox:pa_none')).toBe(false);
      expect((await store.latestSnapshots([])).size).toBe(0);
    },
  );

  it.skipIf(backend.skipReason !== null)(
    'deletes balances and jobs only when the last holder unlinks',
    async () => {
      const [mine] = await linkFor(store, 'a', ['pa_shared']);
      const [theirs] = await linkFor(store, 'b', ['pa_shared']);
      await refresh(store, 'sandbox:pa_shared', 0);
      expect(await store.deleteAccount('b', mine?.id ?? '', at(0))).toBe(false);
      expect(await store.deleteAccount('a', mine?.id ?? '', at(0))).toBe(true);
      expect(await latestSnapshot(store, 'sandbox:pa_shared')).not.toBeNull();
      expect(await store.deleteAccount('b', theirs?.id ?? '', at(0))).toBe(true);
      expect(await latestSnapshot(store, 'sandbox:pa_shared')).toBeNull();
      expect(await latestJob(store, 'sandbox:pa_shared')).toBeNull();
    },
  );

  it.skipIf(backend.skipReason !== null)(
    'gives 50 concurrent refresh requests one job, from two connections',
    async () => {
      // Two stores on one PostgreSQL database are two processes; a PGlite folder has one process, so one store.
      const other = backend.shared ? storeOf(await location.open()) : store;
      try {
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => refresh(i % 2 === 0 ? store : other, 'sandbox:pa_burst', 0)),
        );
        expect(new Set(results.map((result) => result.job.id)).size).toBe(1);
        expect(results.filter((result) => !result.joined)).toHaveLength(1);
      } finally {
        if (other !== store) await other.close();
      }
    },
  );

  it.skipIf(backend.skipReason !== null)(
    'joins a job settled inside the window and starts one after it',
    async () => {
      const { job } = await refresh(store, 'sandbox:pa_window', 0, 1000);
      const claimed = await store.claimJobs('w1', at(0), at(5000), 100);
      expect(claimed.map((mine) => mine.id)).toContain(job.id);
      expect(await commit(store, settle(job, 100), 'w1', 100)).toBe(true);
      expect(await refresh(store, 'sandbox:pa_window', 1099, 1000)).toMatchObject({
        joined: true,
        job: { id: job.id },
      });
      const later = await refresh(store, 'sandbox:pa_window', 1101, 1000);
      expect(later.joined).toBe(false);
      expect(later.job.id).not.toBe(job.id);
    },
  );

  it.skipIf(backend.skipReason !== null)('leases a due job to one owner until the lease ends', async () => {
    const { job } = await refresh(store, 'sandbox:pa_lease', 0);
    const [a, b] = await Promise.all([
      store.claimJobs('owner-a', at(0), at(1000), 100),
      store.claimJobs('owner-b', at(0), at(1000), 100),
    ]);
    const holders = [...(a ?? []), ...(b ?? [])].filter((claimed) => claimed.id === job.id);
    expect(holders).toHaveLength(1);
    expect(
      (await store.claimJobs('owner-c', at(500), at(1500), 100)).some((claimed) => claimed.id === job.id),
    ).toBe(false);
    // The lease ran out (its holder died): another owner takes over, and the old holder can no longer save.
    const taken = await store.claimJobs('owner-c', at(1001), at(2000), 100);
    expect(taken.some((claimed) => claimed.id === job.id)).toBe(true);
    const oldOwner = (a ?? []).some((claimed) => claimed.id === job.id) ? 'owner-a' : 'owner-b';
    expect(await commit(store, job, oldOwner, 1002)).toBe(false);
  });

  it.skipIf(backend.skipReason !== null)(
    'renews a lease only for its holder, and refuses every write of a stale one, its balance included',
    async () => {
      const key = 'sandbox:pa_fence';
      await linkFor(store, 'fence', ['pa_fence']);
      const { job } = await refresh(store, key, 0);
      expect((await store.claimJobs('slow', at(0), at(1000), 100, [key])).map((one) => one.id)).toEqual([
        job.id,
      ]);
      // The holder's heartbeat keeps the job: at 1500 nobody else may take it.
      expect(await store.renewLease(job.id, 'slow', at(2000))).toBe(true);
      expect(await store.claimJobs('fast', at(1500), at(2500), 100, [key])).toEqual([]);
      expect(await store.renewLease(job.id, 'fast', at(9000))).toBe(false);
      // The holder stalls past its lease: another worker takes over and settles the job with its balance.
      expect((await store.claimJobs('fast', at(2001), at(3000), 100, [key])).map((one) => one.id)).toEqual([
        job.id,
      ]);
      expect(await store.renewLease(job.id, 'slow', at(4000))).toBe(false);
      const stale = await store.commitStep({
        job: settle(job, 2100),
        owner: 'slow',
        release: true,
        now: at(2100),
        balance: { balance: { ...balance, ledger: 666 }, raw: {} },
        lastCheckedAt: at(2100),
      });
      expect(stale).toBe(false);
      expect((await latestSnapshot(store, key))?.ledger).toBe(120_00);
      expect((await store.getJob(key, job.id))?.settledAt).toBeNull();
      expect(
        (await store.getAccount('fence', (await store.listAccounts('fence'))[0]?.id ?? ''))?.lastCheckedAt,
      ).toBeNull();
      const fresh = await store.commitStep({
        job: settle(job, 2200),
        owner: 'fast',
        release: true,
        now: at(2200),
        balance: { balance: { ...balance, ledger: 777 }, raw: {} },
      });
      expect(fresh).toBe(true);
      expect((await latestSnapshot(store, key))?.ledger).toBe(777);
    },
  );

  it.skipIf(backend.skipReason !== null)(
    'keeps at most one snapshot per job, by a unique index',
    async () => {
      const key = 'sandbox:pa_once_per_job';
      await linkFor(store, 'once', ['pa_once_per_job']);
      const { job } = await refresh(store, key, 0);
      await store.claimJobs('w', at(0), at(1000), 100, [key]);
      const step = { job: { ...job, step: 'reading' as const }, owner: 'w', release: false, now: at(10) };
      const figures = { balance, raw: {} };
      expect(await store.commitStep({ ...step, balance: figures })).toBe(true);
      // Even the holder cannot store a second one; the failed transaction leaves the job as it was.
      await expect(store.commitStep({ ...step, job: settle(job, 20), balance: figures })).rejects.toThrow();
      expect((await store.getJob(key, job.id))?.settledAt).toBeNull();
      const history = await store.listSnapshots(key, at(0), 10);
      expect(history.filter((snapshot) => snapshot.recordedAt === at(10))).toHaveLength(1);
    },
  );

  it.skipIf(backend.skipReason !== null)('claims only the accounts asked for, when asked', async () => {
    await linkFor(store, 'only', ['pa_only_a', 'pa_only_b']);
    const a = await refresh(store, 'sandbox:pa_only_a', 0);
    const b = await refresh(store, 'sandbox:pa_only_b', 0);
    const mine = await store.claimJobs('w', at(0), at(1000), 100, ['sandbox:pa_only_b']);
    expect(mine.map((job) => job.id)).toEqual([b.job.id]);
    const rest = await store.claimJobs('w', at(0), at(1000), 100);
    expect(rest.map((job) => job.id)).toContain(a.job.id);
    expect(rest.map((job) => job.id)).not.toContain(b.job.id);
  });

  it.skipIf(backend.skipReason !== null)(
    'makes a job due at once after a webhook, even one that came first',
    async () => {
      await store.recordWebhookEvent({
        provider: 'sandbox',
        key: 'early',
        recordId: 'rec_early',
        body: {},
        now: at(0),
      });
      const { job } = await refresh(store, 'sandbox:pa_hook', 0);
      await store.claimJobs('w', at(0), at(10_000), 100);
      const waiting: StoredJob = {
        ...job,
        step: 'refresh_waiting',
        recordId: 'rec_early',
        nextRunAt: at(60_000),
      };
      await commit(store, waiting, 'w', 10);
      expect((await store.getJob('sandbox:pa_hook', job.id))?.nextRunAt).toBe(at(10));

      // The next poll said "not ready": the same old event must not make it due again.
      await store.claimJobs('w', at(10), at(10_000), 100);
      await commit(store, { ...waiting, nextRunAt: at(60_000) }, 'w', 20);
      expect((await store.getJob('sandbox:pa_hook', job.id))?.nextRunAt).toBe(at(60_000));

      // A webhook that lands while a worker holds the job survives that worker's save.
      await store.claimJobs('w', at(60_000), at(70_000), 100);
      expect(await store.nudgeRecord('rec_early', at(60_001), { minGapMs: 0 })).toEqual(['sandbox:pa_hook']);
      await commit(store, { ...waiting, nextRunAt: at(90_000) }, 'w', 60_002);
      expect((await store.getJob('sandbox:pa_hook', job.id))?.nextRunAt).toBe(at(60_002));
      expect(await store.nextDueAt()).not.toBeNull();
    },
  );

  it.skipIf(backend.skipReason !== null)('stores a webhook event once', async () => {
    const event = {
      provider: 'sandbox',
      key: 'rec_9:balance.success',
      recordId: 'rec_9',
      body: { a: 1 },
      now: at(0),
    };
    expect(await store.recordWebhookEvent(event)).toBe(true);
    expect(await store.recordWebhookEvent({ ...event, now: at(5) })).toBe(false);
  });

  it.skipIf(backend.skipReason !== null)(
    'lists snapshots newest first, from a given time, with big amounts intact',
    async () => {
      const key = 'sandbox:pa_history';
      const big = { ...balance, ledger: 9_000_000_000_00, available: null, derived: false };
      await settleWith(store, key, balance, 1000);
      await settleWith(store, key, big, 2000);
      await settleWith(store, key, balance, 3000);
      const list = await store.listSnapshots(key, at(1500), 10);
      expect(list.map((snapshot) => snapshot.recordedAt)).toEqual([at(3000), at(2000)]);
      expect(list[1]).toMatchObject({ ledger: 9_000_000_000_00, available: null });
    },
  );

  it.skipIf(backend.skipReason !== null)(
    'marks every holder of a provider account once, and a confirmed link clears it and ends the outage',
    async () => {
      const key = 'sandbox:pa_sick';
      await linkFor(store, 'holder1', ['pa_sick']);
      await linkFor(store, 'holder2', ['pa_sick']);
      const mark = { reason: 'token_required' as const, message: 'Enter the code', since: at(10) };
      expect(await store.markNeedsReauth([key], mark)).toEqual([key]);
      // A second word keeps the first mark: the outage began then.
      expect(await store.markNeedsReauth([key], { ...mark, reason: 'disconnected', since: at(20) })).toEqual(
        [],
      );
      for (const user of ['holder1', 'holder2']) {
        expect((await store.listAccounts(user))[0]?.health, user).toEqual({ state: 'needs_reauth', ...mark });
      }
      expect(await store.listOutages(key, at(0), 10)).toEqual([
        { from: at(10), to: null, reason: 'token_required' },
      ]);

      const [relinked] = await linkFor(store, 'holder1', ['pa_sick'], 30);
      expect(relinked?.health).toEqual({ state: 'ok' });
      expect((await store.listAccounts('holder2'))[0]?.health).toEqual({ state: 'ok' });
      expect(await store.listOutages(key, at(0), 10)).toEqual([
        { from: at(10), to: at(30), reason: 'token_required' },
      ]);
      expect(await store.listOutages(key, at(31), 10)).toEqual([]);
    },
  );

  it.skipIf(backend.skipReason !== null)(
    'marks the account in the fenced step commit, and not when the lease was lost',
    async () => {
      await linkFor(store, 'fenced', ['pa_fenced', 'pa_stale']);
      const reauth = { reason: 'invalid_credentials' as const, message: 'Wrong password', since: at(5) };
      const failed = (job: StoredJob): StoredJob => ({
        ...job,
        step: 'failed',
        settledAt: at(5),
        failure: { reason: 'needs_reauth', message: 'Wrong password' },
      });
      const { job } = await refresh(store, 'sandbox:pa_fenced', 0);
      await store.claimJobs('owner', at(0), at(10_000), 100, ['sandbox:pa_fenced']);
      expect(
        await store.commitStep({ job: failed(job), owner: 'owner', release: true, now: at(5), reauth }),
      ).toBe(true);
      const stale = (await refresh(store, 'sandbox:pa_stale', 0)).job;
      expect(
        await store.commitStep({ job: failed(stale), owner: 'nobody', release: true, now: at(5), reauth }),
      ).toBe(false);
      const health = new Map(
        (await store.listAccounts('fenced')).map((a) => [a.providerAccountId, a.health]),
      );
      expect(health.get('pa_fenced')).toEqual({ state: 'needs_reauth', ...reauth });
      expect(health.get('pa_stale')).toEqual({ state: 'ok' });
    },
  );

  it.skipIf(backend.skipReason !== null)(
    'hands each due schedule to one caller, skips a link that needs its user, and a new job moves it on',
    async () => {
      // The route's default is off here: only these accounts, set one by one, are on a schedule.
      const rules = { everyHours: null, jitter: 0.1, hourMs: 1_000 };
      const accounts = await linkFor(store, 'sched', ['pa_s1', 'pa_s2', 'pa_s3']);
      for (const one of accounts) await store.setSchedule('sched', one.id, 1, at(1));
      expect(await store.setSchedule('someone-else', accounts[0]?.id ?? '', 1, at(1))).toBeNull();
      await store.markNeedsReauth(['sandbox:pa_s3'], { reason: 'disconnected', message: 'x', since: at(2) });
      // Each one's interval is 1 000 ms stretched by at most a tenth: none is due before 900 ms.
      expect(await store.claimScheduledRefreshes(at(850), rules, 100)).toEqual([]);

      const other = backend.shared ? storeOf(await location.open()) : store;
      try {
        const claims = await Promise.all([
          store.claimScheduledRefreshes(at(1_200), rules, 100),
          other.claimScheduledRefreshes(at(1_200), rules, 100),
        ]);
        const claimed = claims.flat().map((one) => one.providerAccountId);
        expect(claimed.sort()).toEqual(['pa_s1', 'pa_s2']);
        expect(claims.flat().every((one) => one.schedule.from === at(1_200))).toBe(true);
      } finally {
        if (other !== store) await other.close();
      }
      expect(await store.claimScheduledRefreshes(at(1_250), rules, 100)).toEqual([]);

      // A refresh asked for moves the next scheduled one on; a joined one does not start a job.
      await refresh(store, 'sandbox:pa_s1', 1_500);
      const s1 = (await store.listAccounts('sched')).find((one) => one.providerAccountId === 'pa_s1');
      expect(s1?.schedule.from).toBe(at(1_500));

      // Off for this account: never due; back to the route's default (off here too).
      const off = await store.setSchedule('sched', accounts[1]?.id ?? '', null, at(1));
      expect(off?.schedule).toMatchObject({ source: 'account', hours: null });
      expect(await store.claimScheduledRefreshes(at(100_000), rules, 100)).toEqual([
        expect.objectContaining({ providerAccountId: 'pa_s1' }),
      ]);
      expect(
        (await store.setSchedule('sched', accounts[1]?.id ?? '', 'route', at(1)))?.schedule,
      ).toMatchObject({
        source: 'route',
        hours: null,
      });
    },
  );
});
