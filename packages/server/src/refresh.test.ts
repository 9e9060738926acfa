import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BalanceResponse, HistoryResponse, RefreshJob, RefreshJobResponse } from '@okra-balance/core';
import { startHarness, WEBHOOK_TOKEN, type Harness } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';
import { waitFor } from './testing/waitFor.ts';

const REFRESH = 'POST /balance/refresh';
const CHECK = 'POST /balance/check';
const CALLBACK = 'GET /callback';

describe.each(storeBackends)('refresh jobs on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    if (backend.skipReason === null) h = await startHarness({ location: await backend.location() });
  });
  afterAll(() => h?.close());
  const test = it.skipIf(backend.skipReason !== null);

  const startRefresh = async (user: string, accountId: string, base = '') => {
    const response = await fetch(`${base || h.url}/accounts/${accountId}/refresh`, {
      method: 'POST',
      headers: { 'x-test-user': user },
    });
    expect(response.status).toBe(202);
    return (await response.json()) as RefreshJobResponse;
  };
  const settled = (user: string, accountId: string, jobId: string) => h.settled(user, accountId, jobId);
  const history = async (user: string, accountId: string) =>
    (await h.json<HistoryResponse>(`/accounts/${accountId}/history`, { user })).body.snapshots;

  test('refresh: asks the bank once, polls, stores the new balance as a snapshot', async () => {
    const { account, upstreamId } = await h.link('r1');
    const { job, joined } = await startRefresh('r1', account.id);
    expect([job.state, job.strategy, joined]).toEqual(['queued', 'refresh', false]);
    const done = await settled('r1', account.id, job.id);
    expect(done).toMatchObject({ state: 'succeeded', failure: null });
    expect(h.upstream(upstreamId, REFRESH)).toBe(1);
    expect(h.upstream(upstreamId, CALLBACK)).toBeGreaterThanOrEqual(1);
    const snapshots = await history('r1', account.id);
    expect(snapshots).toHaveLength(2);
    // The stored figures are the provider's latest ones, read back independently here.
    const reply = await fetch(`${h.sandbox.apiBaseUrl}/balance/getByAccount`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.sandbox.credentials.secretKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ account_id: upstreamId }),
    });
    const [latest] = ((await reply.json()) as { data: { balance: { ledger_balance: number }[] } }).data
      .balance;
    expect(snapshots[0]?.ledger).toBe(Math.round((latest?.ledger_balance ?? NaN) * 100));
    const balance = (await h.json<BalanceResponse>(`/accounts/${account.id}/balance`, { user: 'r1' })).body;
    expect(balance.job?.id).toBe(job.id);
    expect(balance.balance?.ledger).toBe(snapshots[0]?.ledger);
  });

  test('check-first: refreshes only when the bank says the balance changed, else records the check', async () => {
    await h.useRoute({ refresh: { strategy: 'check-first', debounceMs: 0 } });
    try {
      const { account, upstreamId } = await h.link('c1');
      // The bank's answer to each check is decided by a fault, not left to the seed: both outcomes, in turn.
      for (const [round, says] of (['check-unchanged', 'check-changed'] as const).entries()) {
        const refreshesBefore = h.upstream(upstreamId, REFRESH);
        const snapshotsBefore = (await history('c1', account.id)).length;
        h.sandbox.setFaults({ [CHECK]: [{ kind: says, times: 1 }] });
        const { job } = await startRefresh('c1', account.id);
        const done = await settled('c1', account.id, job.id);
        h.sandbox.setFaults({});
        expect(h.upstream(upstreamId, CHECK)).toBe(round + 1);
        if (says === 'check-changed') {
          expect([done.state, done.balanceChanged]).toEqual(['succeeded', true]);
          expect(h.upstream(upstreamId, REFRESH)).toBe(refreshesBefore + 1);
          expect(await history('c1', account.id)).toHaveLength(snapshotsBefore + 1);
        } else {
          expect([done.state, done.balanceChanged]).toEqual(['unchanged', false]);
          expect(h.upstream(upstreamId, REFRESH)).toBe(refreshesBefore);
          expect(await history('c1', account.id)).toHaveLength(snapshotsBefore);
          const { body } = await h.json<BalanceResponse>(`/accounts/${account.id}/balance`, { user: 'c1' });
          expect(Date.parse(body.balance?.lastCheckedAt ?? '')).toBeGreaterThanOrEqual(
            Date.parse(done.createdAt) - 1000,
          );
        }
      }
    } finally {
      await h.useRoute();
    }
  });

  test('50 concurrent refresh requests, through two server processes, make exactly 1 upstream refresh', async () => {
    const { account, upstreamId } = await h.link('burst');
    // The second process shares the database: PostgreSQL through its own pool; PGlite is one process, one store.
    const otherStore = backend.shared ? await h.openStore() : h.store;
    const second = await h.spawnRoute(otherStore, { rateLimit: { refreshPerMinute: 100 } });
    await h.useRoute({ rateLimit: { refreshPerMinute: 100 } });
    try {
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          startRefresh('burst', account.id, i % 2 === 0 ? h.url : second.url),
        ),
      );
      expect(new Set(replies.map((reply) => reply.job.id)).size).toBe(1);
      expect(replies.filter((reply) => reply.joined === false)).toHaveLength(1);
      const first = replies[0]?.job.id ?? '';
      expect((await settled('burst', account.id, first)).state).toBe('succeeded');
      // Asking again inside the debounce window joins the finished job.
      const late = await startRefresh('burst', account.id);
      expect([late.joined, late.job.id]).toEqual([true, first]);
      expect(h.upstream(upstreamId, REFRESH)).toBe(1);
    } finally {
      await second.close();
      if (otherStore !== h.store) await otherStore.close();
      await h.useRoute();
    }
  });

  test('a restart mid-job resumes it from the database without asking the bank again', async () => {
    const { account, upstreamId } = await h.link('restart');
    // The bank answers 1.5 s late: the job is surely still waiting when the process restarts.
    h.sandbox.setFaults({ 'POST /balance/refresh': [{ kind: 'late-callback', times: 1, delayMs: 1_500 }] });
    const { job } = await startRefresh('restart', account.id);
    const stateOf = async () =>
      (await h.json<RefreshJobResponse>(`/accounts/${account.id}/refresh/${job.id}`, { user: 'restart' }))
        .body.job.state;
    await waitFor(async () => ((await stateOf()) === 'waiting' ? true : undefined));
    // The worker's refresh call has taken the fault's one use by now.
    h.sandbox.setFaults({});
    const listed = await h.json<{ accounts: { id: string; refresh: RefreshJob | null }[] }>('/accounts', {
      user: 'restart',
    });
    expect(listed.body.accounts.find((entry) => entry.id === account.id)?.refresh).toMatchObject({
      id: job.id,
      state: 'waiting',
    });
    await h.restart();
    // Across the restart the job is where it was, and nobody asked the bank again.
    expect(await stateOf()).toBe('waiting');
    expect(h.upstream(upstreamId, REFRESH)).toBe(1);
    const done = await settled('restart', account.id, job.id);
    expect(done.state).toBe('succeeded');
    expect(h.upstream(upstreamId, REFRESH)).toBe(1);
    expect(await history('restart', account.id)).toHaveLength(2);
  });

  test('a webhook completes the job at once, and a duplicate delivery changes nothing', async () => {
    // The first poll would come a minute later: only the webhook can settle the job within the test.
    await h.useRoute({ refresh: { pollIntervalMs: 60_000, maxPollIntervalMs: 60_000 } });
    try {
      const { account, upstreamId } = await h.link('hook');
      const { job } = await startRefresh('hook', account.id);
      expect((await settled('hook', account.id, job.id)).state).toBe('succeeded');
      expect(h.upstream(upstreamId, CALLBACK)).toBe(1);
      const delivery = h.sandbox
        .webhookDeliveries()
        .find((entry) => entry.event.account === upstreamId && entry.delivered);
      expect(delivery).toBeDefined();

      const before = {
        calls: h.sandbox.counts().total,
        snapshots: (await history('hook', account.id)).length,
      };
      const again = await fetch(`${h.url}/webhooks/sandbox`, {
        method: 'POST',
        headers: { authorization: `Bearer ${WEBHOOK_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...delivery?.event, timestamp: new Date().toISOString() }),
      });
      expect(await again.json()).toEqual({ received: true, duplicate: true });
      expect(h.sandbox.counts().total).toBe(before.calls);
      expect(await history('hook', account.id)).toHaveLength(before.snapshots);
    } finally {
      await h.useRoute();
    }
  });
});
