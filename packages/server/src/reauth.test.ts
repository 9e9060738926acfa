import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccountsResponse,
  ApiErrorBody,
  BalanceResponse,
  HistoryResponse,
  LinkSessionResponse,
  LinkedAccount,
  RefreshJobResponse,
  ReauthReason,
} from '@okra-balance/core';
import { startHarness, WEBHOOK_TOKEN, type Harness } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';

const REFRESH = 'POST /balance/refresh';

type Shape = 'error-type' | 'callback-status';
type Status = 'invalid' | 'token_required' | 'disconnected' | 'consent_expired';

// The life of a link over real HTTP, against the sandbox's expiring links: recognised in both reply shapes,
// refused without a billed call, and reconnected through a re-authentication session.
describe.each(storeBackends)('a link that needs its user, on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    if (backend.skipReason !== null) return;
    // Counts of billed calls are exact: a busy machine's slow answer must not pass for a lost one.
    h = await startHarness({ location: await backend.location(), route: { providerTimeoutMs: 3_000 } });
  });
  afterAll(() => h?.close());
  const test = it.skipIf(backend.skipReason !== null);

  const refresh = (user: string, accountId: string) =>
    h.json<RefreshJobResponse & ApiErrorBody>(`/accounts/${accountId}/refresh`, { method: 'POST', user });
  const balance = async (user: string, accountId: string) =>
    (await h.json<BalanceResponse>(`/accounts/${accountId}/balance`, { user })).body;
  const history = async (user: string, accountId: string) =>
    (await h.json<HistoryResponse>(`/accounts/${accountId}/history`, { user })).body;
  /** Refreshes the account and waits for the job to settle. */
  const refreshed = async (user: string, accountId: string) => {
    const started = await refresh(user, accountId);
    expect(started.status).toBe(202);
    return h.settled(user, accountId, started.body.job.id);
  };

  const cases: [Shape, Status, ReauthReason][] = [
    ['error-type', 'invalid', 'invalid_credentials'],
    ['callback-status', 'token_required', 'token_required'],
    ['error-type', 'consent_expired', 'consent_expired'],
    ['callback-status', 'disconnected', 'disconnected'],
  ];
  test.each(cases)(
    'a %s expiry (%s) marks the account, and nothing asks the bank again until the user is back',
    async (shape, status, reason) => {
      const user = `expiry-${shape}-${status}`;
      const { account, upstreamId } = await h.link(user);
      h.sandbox.expireLink(upstreamId, { status, shape });
      const failed = await refreshed(user, account.id);
      expect(failed).toMatchObject({ state: 'failed', failure: { reason: 'needs_reauth' } });
      expect(h.upstream(upstreamId, REFRESH)).toBe(1);

      const { health } = await balance(user, account.id);
      expect(health).toMatchObject({ state: 'needs_reauth', reason });
      if (health.state !== 'needs_reauth') throw new Error('not marked');
      expect(health.message).not.toBe('');
      expect(Date.parse(health.since)).toBeGreaterThanOrEqual(Date.parse(failed.createdAt));
      expect(Date.parse(health.since)).toBeLessThanOrEqual(Date.parse(failed.settledAt ?? ''));
      const listed = (await h.json<AccountsResponse>('/accounts', { user })).body.accounts[0];
      expect([listed?.health, listed?.schedule.nextAt]).toEqual([health, null]);
      expect((await history(user, account.id)).outages).toEqual([{ from: health.since, to: null, reason }]);

      // A refresh now is refused before any job or provider call, and nothing else asks either.
      await h.sandbox.webhooksSettled();
      const calls = h.providerCalls.length;
      const refused = await refresh(user, account.id);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'needs_reauth' });
      expect(refused.body.error.message).toMatch(/reconnect/);
      await h.route.runDueJobs();
      expect((await balance(user, account.id)).job?.id).toBe(failed.id);
      expect(h.providerCalls.length).toBe(calls);
      expect(h.upstream(upstreamId, REFRESH)).toBe(1);
    },
  );

  test('a reconnect keeps the account and its history, ends the outage and refreshes once', async () => {
    const user = 'reconnect';
    const linked = await h.link(user);
    const { account, upstreamId } = linked;
    // The balance the link brought: a refresh before the expiry would be joined by the one after it.
    const before = (await history(user, account.id)).snapshots;
    expect(before).toHaveLength(1);
    h.sandbox.expireLink(upstreamId, { status: 'invalid', shape: 'error-type' });
    expect((await refreshed(user, account.id)).failure?.reason).toBe('needs_reauth');
    const billed = h.upstream(upstreamId, REFRESH);

    const { session, status, body } = await h.reconnect(user, linked);
    expect(session.widget.reauth).toEqual({ account: upstreamId, bank: account.bank.id });
    expect(status).toBe(201);
    const [back] = body.accounts ?? [];
    expect(back).toMatchObject({ id: account.id, health: { state: 'ok' } });
    const job = back?.job;
    expect(job).not.toBeNull();
    expect((await h.settled(user, account.id, job?.id ?? '')).state).toBe('succeeded');
    expect(h.upstream(upstreamId, REFRESH)).toBe(billed + 1);

    const after = await history(user, account.id);
    expect(after.snapshots.map((snapshot) => snapshot.id)).toEqual(
      expect.arrayContaining(before.map((snapshot) => snapshot.id)),
    );
    expect(after.snapshots.length).toBeGreaterThan(before.length);
    const [outage] = after.outages;
    expect(after.outages).toHaveLength(1);
    expect(Date.parse(outage?.to ?? '')).toBeGreaterThanOrEqual(Date.parse(outage?.from ?? ''));
    // A chart from a time on: only what was recorded since, and only the outages not over by then.
    const ended = new Date(Date.parse(outage?.to ?? '') + 1).toISOString();
    const later = (
      await h.json<HistoryResponse>(`/accounts/${account.id}/history?since=${ended}&limit=1000`, { user })
    ).body;
    expect(later.outages).toEqual([]);
    expect(later.snapshots.length).toBeGreaterThan(0);
    expect(later.snapshots.every((snapshot) => snapshot.recordedAt >= ended)).toBe(true);
    const all = (await h.json<HistoryResponse>(`/accounts/${account.id}/history?since=2000-01-01`, { user }))
      .body;
    expect(all).toEqual(after);
    const { accounts } = (await h.json<AccountsResponse>('/accounts', { user })).body;
    expect(accounts.map((one) => [one.id, one.health.state])).toEqual([[account.id, 'ok']]);
    // Working again, and debounced like any refresh: a click now joins the reconnect's refresh.
    const again = await refresh(user, account.id);
    expect([again.status, again.body.joined]).toEqual([202, true]);
    expect(h.upstream(upstreamId, REFRESH)).toBe(billed + 1);
  });

  test('a re-authentication session is only for the user’s own account, and only confirms that one', async () => {
    const { account } = await h.link('owner');
    const ask = (user: string, reauthAccountId: string) =>
      h.json<LinkSessionResponse & ApiErrorBody>('/link-sessions', {
        method: 'POST',
        user,
        body: JSON.stringify({ reauthAccountId }),
      });
    expect((await ask('stranger', account.id)).status).toBe(404);
    expect((await ask('owner', 'acct_00000000000000000000000000000000')).status).toBe(404);
    expect((await ask('owner', 'not an id')).status).toBe(404);

    // The widget signed in to another account than the one asked for: refused, nothing stored.
    const session = (await ask('owner', account.id)).body;
    await h.sandbox.linkAccount({ options: session.widget.options, accounts: 1 });
    const confirmed = await h.json<ApiErrorBody>('/links', {
      method: 'POST',
      user: 'owner',
      body: JSON.stringify({ linkToken: session.linkToken }),
    });
    expect(confirmed.status).toBe(400);
    expect(confirmed.body.error.code).toBe('invalid_request');
    const { accounts } = (await h.json<AccountsResponse>('/accounts', { user: 'owner' })).body;
    expect(accounts.map((one: LinkedAccount) => one.id)).toEqual([account.id]);
  });

  test('a webhook to the link’s own address marks it; the shared dashboard webhook does not', async () => {
    const user = 'hooked';
    const session = (
      await h.json<LinkSessionResponse>('/link-sessions', { method: 'POST', user, body: '{}' })
    ).body;
    const provider = await h.sandbox.linkAccount({ options: session.widget.options, accounts: 1 });
    const linked = await h.json<AccountsResponse>('/links', {
      method: 'POST',
      user,
      body: JSON.stringify({ linkToken: session.linkToken }),
    });
    const account = linked.body.accounts[0];
    const upstreamId = provider.accounts[0]?._id;
    const other = await h.link(user);
    const event = { callback_type: 'BALANCE', record: 'rec_link_status', account: upstreamId };
    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const calls = h.providerCalls.length;

    const dashboard = await post(
      `${h.url}/webhooks/sandbox`,
      { ...event, status: 'invalid' },
      { authorization: `Bearer ${WEBHOOK_TOKEN}` },
    );
    expect(dashboard.status).toBe(200);
    expect((await balance(user, account?.id ?? '')).health).toEqual({ state: 'ok' });

    const own = await post(session.widget.callbackUrl ?? '', { ...event, status: 'TOKEN_REQUIRED' });
    expect(own.status).toBe(200);
    expect((await balance(user, account?.id ?? '')).health).toMatchObject({
      state: 'needs_reauth',
      reason: 'token_required',
    });
    expect((await balance(user, other.account.id)).health).toEqual({ state: 'ok' });
    expect(h.providerCalls.length).toBe(calls);
  });
});
