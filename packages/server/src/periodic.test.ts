import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryResponse, RefreshJobResponse } from '@okra-balance/core';
import { startHarness, type Harness } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';
import { waitFor } from './testing/waitFor.ts';

// `refresh.includePeriodic`: the earlier balances a record carries become history, each once.
describe.each(storeBackends)('periodic balances on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    if (backend.skipReason !== null) return;
    h = await startHarness({
      location: await backend.location(),
      route: { providerTimeoutMs: 3_000, refresh: { debounceMs: 0 } },
    });
  });
  afterAll(() => h?.close());
  const test = it.skipIf(backend.skipReason !== null);

  const refreshed = async (accountId: string) => {
    const { body } = await h.json<RefreshJobResponse>(`/accounts/${accountId}/refresh`, {
      method: 'POST',
      user: 'p',
    });
    expect((await h.settled('p', accountId, body.job.id)).state).toBe('succeeded');
  };
  const history = async (accountId: string) =>
    (await h.json<HistoryResponse>(`/accounts/${accountId}/history?limit=1000`, { user: 'p' })).body
      .snapshots;
  /** A refresh someone else asked the provider for: a balance this route never read. Returns its time. */
  const refreshedElsewhere = async (upstreamId: string) => {
    const headers = {
      authorization: `Bearer ${h.sandbox.credentials.secretKey}`,
      'content-type': 'application/json',
    };
    const started = await fetch(`${h.sandbox.apiBaseUrl}/balance/refresh`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ account_id: upstreamId }),
    });
    const { data } = (await started.json()) as { data: { callback_url: string } };
    await waitFor(async () => {
      const reply = await fetch(data.callback_url, { headers });
      return (
        ((await reply.json()) as { data?: { status?: string } }).data?.status === 'completed' || undefined
      );
    });
    const read = await fetch(`${h.sandbox.apiBaseUrl}/balance/getByAccount`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ account_id: upstreamId }),
    });
    const list = ((await read.json()) as { data: { balance: { last_updated: string }[] } }).data.balance;
    return new Date(Date.parse(list[0]?.last_updated ?? '')).toISOString();
  };

  test('imports the balances this route missed, once, only when asked to', async () => {
    const { account, upstreamId } = await h.link('p');
    await refreshed(account.id);
    expect(await history(account.id)).toHaveLength(2);

    // Off (the default): a balance read elsewhere stays unknown here.
    const missed = await refreshedElsewhere(upstreamId);
    await refreshed(account.id);
    const before = await history(account.id);
    expect(before).toHaveLength(3);
    expect(before.map((snapshot) => snapshot.asOf)).not.toContain(missed);

    await h.useRoute({ refresh: { debounceMs: 0, includePeriodic: true } });
    try {
      const missedAgain = await refreshedElsewhere(upstreamId);
      await refreshed(account.id);
      // The job's own balance, and both missed ones: every other earlier point is one this route has.
      const after = await history(account.id);
      expect(after).toHaveLength(6);
      expect(after.map((snapshot) => snapshot.asOf)).toEqual(expect.arrayContaining([missed, missedAgain]));
      const times = after.map((snapshot) => snapshot.recordedAt);
      expect(times).toEqual([...times].sort().reverse());

      await refreshed(account.id);
      expect(await history(account.id)).toHaveLength(7);
    } finally {
      await h.useRoute();
    }
  });
});
