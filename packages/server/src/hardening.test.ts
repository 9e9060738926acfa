import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkSessionResponse, RefreshJobResponse } from '@okra-balance/core';
import { sha256Hex } from './secrets.ts';
import { startScriptedServer, type ScriptedServer } from './testing/scriptedServer.ts';
import { startHarness, WEBHOOK_TOKEN, type Harness, type Linked } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';
import { waitFor } from './testing/waitFor.ts';

const CALLBACK = 'GET /callback';
const BY_OPTIONS = 'POST /balance/byOptions';

// What an attacker, a hostile provider and a restart found (each a test that failed before its fix), over real
// HTTP against the sandbox. The provider here hands the dashboard token to any callback_url a page chooses.
describe.each(storeBackends)('the route under attack on $name', (backend) => {
  let h: Harness;
  let attacker: ScriptedServer;
  let inFlight = 0;
  let mostInFlight = 0;
  let slowOptionsMs = 0;
  const upstream = (endpoint: string) => h.sandbox.counts().byEndpoint[endpoint] ?? 0;

  beforeAll(async () => {
    if (backend.skipReason !== null) return;
    attacker = await startScriptedServer();
    attacker.script({ status: 200, body: {} });
    h = await startHarness({
      location: await backend.location(),
      sandbox: { webhookTokenScope: 'everywhere' },
      // Polls a minute apart: only a webhook could make a job poll sooner. No background worker: every job
      // step runs inside the request that caused it, so when a request has answered, its effect is counted.
      route: {
        worker: false,
        refresh: { pollIntervalMs: 60_000, maxPollIntervalMs: 60_000, deadlineMs: 120_000 },
      },
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.endsWith('/balance/byOptions')) return fetch(input, init);
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        try {
          if (slowOptionsMs > 0) await new Promise((resolve) => setTimeout(resolve, slowOptionsMs));
          return await fetch(input, init);
        } finally {
          inFlight--;
        }
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await attacker?.close();
  });
  const test = it.skipIf(backend.skipReason !== null);

  const session = async (user: string) =>
    (await h.json<LinkSessionResponse>('/link-sessions', { method: 'POST', user, body: '{}' })).body;
  const postWebhook = (path: string, body: string, token: string | null = WEBHOOK_TOKEN) =>
    fetch(`${h.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body,
    });
  /** A refresh that waits on the bank with no webhook coming: its job. */
  const waitingRefresh = async (linked: Linked, user: string) => {
    h.sandbox.setFaults({ 'POST /balance/refresh': [{ kind: 'webhook-never', times: 1 }] });
    try {
      await h.json<RefreshJobResponse>(`/accounts/${linked.account.id}/refresh`, { method: 'POST', user });
    } finally {
      h.sandbox.setFaults({});
    }
    const key = `sandbox:${linked.upstreamId}`;
    const job = (await h.store.latestJobs([key])).get(key);
    if (job?.step !== 'refresh_waiting') throw new Error(`the refresh is ${job?.step}, not waiting`);
    return job;
  };
  const callbacks = (linked: Linked) => h.upstream(linked.upstreamId, CALLBACK);

  test('a page that chose its own callback_url learns the dashboard token, and 100 forged webhooks buy one early poll', async () => {
    const opened = await session('mallory');
    await h.sandbox.linkAccount({
      options: opened.widget.options,
      callbackUrl: `${attacker.url}/steal`,
      accounts: 1,
    });
    const stolen = await waitFor(() => attacker.seen.find((seen) => seen.url === '/steal')?.authorization);
    expect(stolen).toBe(`Bearer ${WEBHOOK_TOKEN}`);

    // The bank takes its time: the victim's job is still waiting when the forgeries come.
    h.sandbox.setLatency(30_000);
    try {
      const victim = await h.link('victim');
      const job = await waitingRefresh(victim, 'victim');
      const before = callbacks(victim);
      const words = ['balance.success', 'balance.failed', 'balance.updated', 'done', 'error', 'x'];
      // One after another, so that each has run whatever it woke before the next arrives.
      const forged: Response[] = [];
      for (let i = 0; i < 100; i++) {
        const event = { record: job.recordId, type: `${words[i % words.length]}.${i}`, status: `s${i}` };
        forged.push(
          await postWebhook('/webhooks/sandbox', JSON.stringify(event), stolen.slice('Bearer '.length)),
        );
      }
      expect(forged.map((reply) => reply.status)).toEqual(Array(100).fill(200));
      // Each request ran the step it woke before answering: one poll, for the first; none for the others.
      expect(callbacks(victim) - before).toBe(1);
      const fresh = await Promise.all(
        forged.map(async (reply) => (await reply.json()) as { duplicate: boolean }),
      );
      expect(fresh.filter((reply) => !reply.duplicate).length).toBeLessThanOrEqual(3);
    } finally {
      h.sandbox.setLatency(40);
    }
  });

  test('with a provider that keeps the token for the dashboard, a page-chosen callback_url gets none', async () => {
    const other = await startHarness({ location: await backend.location() });
    try {
      const opened = (
        await other.json<LinkSessionResponse>('/link-sessions', { method: 'POST', user: 'm', body: '{}' })
      ).body;
      await other.sandbox.linkAccount({
        options: opened.widget.options,
        callbackUrl: `${attacker.url}/keep`,
        accounts: 1,
      });
      const seen = await waitFor(() => attacker.seen.find((request) => request.url === '/keep'));
      expect(seen.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  test("a link's own webhook address needs no token, and wakes only that link's jobs", async () => {
    const alice = await h.link('alice-hook');
    const bob = await h.link('bob-hook');
    const bobJob = await waitingRefresh(bob, 'bob-hook');
    const opened = await session('alice-hook');
    const key = new URL(opened.widget.callbackUrl ?? '').pathname.split('/').at(-1) ?? '';
    // An address the route never issued is not one.
    expect((await postWebhook(`/webhooks/sandbox/lt_${'x'.repeat(43)}`, '{"record":"r"}', null)).status).toBe(
      404,
    );
    const before = callbacks(bob);
    const reply = await postWebhook(
      `/webhooks/sandbox/${key}`,
      JSON.stringify({ record: bobJob.recordId, type: 'balance.success' }),
      null,
    );
    expect(reply.status).toBe(200);
    expect(callbacks(bob)).toBe(before);
    expect(alice.account.id).not.toBe(bob.account.id);
  });

  test('a webhook never shortens a rate-limited wait', async () => {
    await h.useRoute({ refresh: { pollIntervalMs: 50, maxPollIntervalMs: 50, deadlineMs: 120_000 } });
    try {
      const linked = await h.link('limited');
      h.sandbox.setLatency(30_000);
      const job = await waitingRefresh(linked, 'limited');
      h.sandbox.setFaults({ [CALLBACK]: [{ kind: '429', times: 1 }] });
      // Its first poll is answered 429: the job must now wait 60 s.
      const waiting = await waitFor(async () => {
        await h.route.runDueJobs({ upstreamKeys: [job.upstreamKey] });
        const current = (await h.store.latestJobs([job.upstreamKey])).get(job.upstreamKey);
        return current?.lastErrorKind === 'rate_limited' ? current : undefined;
      });
      expect(Date.parse(waiting.nextRunAt) - Date.now()).toBeGreaterThan(50_000);
      const polls = callbacks(linked);
      const reply = await postWebhook(
        '/webhooks/sandbox',
        JSON.stringify({ record: job.recordId, type: 'balance.success' }),
      );
      expect(reply.status).toBe(200);
      expect((await h.store.latestJobs([job.upstreamKey])).get(job.upstreamKey)?.nextRunAt).toBe(
        waiting.nextRunAt,
      );
      expect(callbacks(linked)).toBe(polls);
    } finally {
      h.sandbox.setFaults({});
      h.sandbox.setLatency(40);
      await h.useRoute();
    }
  });

  test('POST /links: a token the provider does not know costs at most 10 upstream calls, then 429', async () => {
    const opened = await session('looper');
    const before = upstream(BY_OPTIONS);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const reply = await h.request('/links', {
        method: 'POST',
        user: 'looper',
        body: JSON.stringify({ linkToken: opened.linkToken }),
      });
      statuses.push(reply.status);
    }
    expect(upstream(BY_OPTIONS) - before).toBe(10);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(new Set(statuses.slice(10))).toEqual(new Set([429]));
  });

  test('POST /links: many users at once hold at most 8 provider calls, the rest are told to retry', async () => {
    const users = Array.from({ length: 20 }, (_, i) => `crowd-${i}`);
    const sessions = await Promise.all(users.map(async (user) => ({ user, opened: await session(user) })));
    slowOptionsMs = 300;
    mostInFlight = 0;
    try {
      const replies = await Promise.all(
        sessions.map(({ user, opened }) =>
          h.request('/links', {
            method: 'POST',
            user,
            body: JSON.stringify({ linkToken: opened.linkToken }),
          }),
        ),
      );
      const statuses = replies.map((reply) => reply.status);
      expect(mostInFlight).toBeLessThanOrEqual(8);
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
      const busy = replies.find((reply) => reply.status === 503);
      expect(busy?.headers.get('retry-after')).toBe('1');
    } finally {
      slowOptionsMs = 0;
    }
  });

  test('hostile bytes in a webhook body are a 400, never a 500, and nothing is stored', async () => {
    for (const body of [
      '{"record":"r\\u0000x","type":"balance.success"}',
      '{"record":"r1","note":"\\ud800"}',
    ]) {
      const reply = await postWebhook('/webhooks/sandbox', body);
      expect(reply.status).toBe(400);
      expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect(h.logs.filter((line) => line.level === 'error')).toEqual([]);
  });

  test('a provider answering a link with hostile data is a typed 502; the token still works after', async () => {
    const opened = await session('hostile-link');
    await h.sandbox.linkAccount({ options: opened.widget.options, accounts: 1 });
    const confirm = () =>
      h.json<{ error?: { code: string } }>('/links', {
        method: 'POST',
        user: 'hostile-link',
        body: JSON.stringify({ linkToken: opened.linkToken }),
      });
    h.sandbox.setFaults({ [BY_OPTIONS]: [{ kind: 'hostile-data', times: 1 }] });
    const refused = await confirm();
    h.sandbox.setFaults({});
    expect([refused.status, refused.body.error?.code]).toEqual([502, 'provider_error']);
    expect((await confirm()).status).toBe(201);
  });

  test('a refresh that reads hostile figures fails provider_error at once, without retrying', async () => {
    const linked = await h.link('hostile-read');
    const reads = h.upstream(linked.upstreamId, 'POST /balance/getByAccount');
    h.sandbox.setFaults({ 'POST /balance/getByAccount': [{ kind: 'hostile-data' }] });
    try {
      await h.useRoute({ refresh: { deadlineMs: 60_000 } });
      const started = await h.json<RefreshJobResponse>(`/accounts/${linked.account.id}/refresh`, {
        method: 'POST',
        user: 'hostile-read',
      });
      const done = await waitFor(async () => {
        const { body } = await h.json<RefreshJobResponse>(
          `/accounts/${linked.account.id}/refresh/${started.body.job.id}`,
          { user: 'hostile-read' },
        );
        return body.job.state === 'failed' || body.job.state === 'succeeded' ? body.job : undefined;
      });
      expect(done.failure?.reason).toBe('provider_error');
      expect(h.upstream(linked.upstreamId, 'POST /balance/getByAccount') - reads).toBe(1);
    } finally {
      h.sandbox.setFaults({});
      await h.useRoute();
    }
  });

  test('a stored callback URL on an old origin is rebuilt on the configured one, never called', async () => {
    await h.useRoute({ refresh: { pollIntervalMs: 20, maxPollIntervalMs: 20 } });
    const linked = await h.link('moved');
    const job = await waitingRefresh(linked, 'moved');
    const old = `http://127.0.0.1:9/v2/callback?record=${job.recordId}&method=BALANCE`;
    // As a process before a restart left it: polling a callback URL on the provider's old address.
    const later = new Date(Date.now() + 120_000).toISOString();
    await h.store.claimJobs('before-restart', later, later, 10, [job.upstreamKey]);
    const moved = { ...job, callbackUrl: old, nextRunAt: new Date().toISOString() };
    const now = new Date().toISOString();
    expect(await h.store.commitStep({ job: moved, owner: 'before-restart', release: true, now })).toBe(true);
    const calls = h.providerCalls.length;
    await waitFor(async () => {
      await h.route.runDueJobs({ upstreamKeys: [job.upstreamKey] });
      const current = (await h.store.latestJobs([job.upstreamKey])).get(job.upstreamKey);
      return current?.step === 'succeeded' ? current : undefined;
    });
    expect(h.providerCalls.slice(calls).some((url) => url.startsWith('http://127.0.0.1:9/'))).toBe(false);
    expect(
      h.providerCalls.slice(calls).some((url) => url.startsWith(`${h.sandbox.apiBaseUrl}/callback?record=`)),
    ).toBe(true);
  });

  test('sweeps expired link tokens, old webhook events and old settled jobs, keeping each account’s newest job', async () => {
    const linked = await h.link('sweeper');
    const key = `sandbox:${linked.upstreamId}`;
    await waitingRefresh(linked, 'sweeper');
    const tokenHash = await sha256Hex('lt_old_token_for_the_sweep_test');
    await h.store.createLinkToken({
      tokenHash,
      userId: 'sweeper',
      createdAt: '2020-01-01T00:00:00.000Z',
      expiresAt: '2020-01-01T00:15:00.000Z',
      usedAt: null,
      hookHash: null,
    });
    expect(await h.store.findLinkToken(tokenHash)).not.toBeNull();
    const swept = await h.route.sweep();
    expect(swept.linkTokens).toBeGreaterThanOrEqual(1);
    expect(await h.store.findLinkToken(tokenHash)).toBeNull();
    // The account keeps its newest job (a refresh still running here) and every balance.
    expect((await h.store.latestJobs([key])).get(key)).toBeDefined();
    expect((await h.store.latestSnapshots([key])).get(key)).toBeDefined();
  });
});
