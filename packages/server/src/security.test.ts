import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BalanceResponse, RefreshJobResponse } from '@okra-balance/core';
import { redactingLogger, type Logger } from './logger.ts';
import { startHarness, WEBHOOK_TOKEN, type Harness, type Linked } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';

describe('authorization, cross-site requests, secrets and bad input', () => {
  let h: Harness;
  let alice: Linked;
  const seen: string[] = [];

  // Every answer this suite gets, headers and body, is kept to search for the secret key at the end.
  const call = async (path: string, init: RequestInit & { user?: string | null } = {}) => {
    const response = await h.request(path, init);
    const text = await response.text();
    seen.push(`${response.status} ${JSON.stringify([...response.headers])} ${text}`);
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? null : (JSON.parse(text) as { error?: { code: string; message: string } }),
    };
  };

  beforeAll(async () => {
    h = await startHarness({
      location: await storeBackends[0]!.location(),
      route: {
        allowedOrigins: ['https://app.example.com'],
        rateLimit: { refreshPerMinute: 3, linkSessionsPerMinute: 3 },
      },
    });
    alice = await h.link('alice');
  });
  afterAll(() => h?.close());

  it("answers user B's requests for user A's account exactly like a missing account, on every route", async () => {
    const { job } = (
      await h.json<RefreshJobResponse>(`/accounts/${alice.account.id}/refresh`, {
        method: 'POST',
        user: 'alice',
      })
    ).body;
    const missing = 'acct_00000000000000000000000000000000';
    const routes: [string, string][] = [
      ['GET', `/accounts/ID/balance`],
      ['POST', `/accounts/ID/refresh`],
      ['GET', `/accounts/ID/refresh/${job.id}`],
      ['GET', `/accounts/ID/history`],
      ['DELETE', `/accounts/ID`],
    ];
    for (const [method, path] of routes) {
      const foreign = await call(path.replace('ID', alice.account.id), { method, user: 'bob' });
      const absent = await call(path.replace('ID', missing), { method, user: 'bob' });
      expect({ method, path, status: foreign.status, body: foreign.body }).toEqual({
        method,
        path,
        status: 404,
        body: absent.body,
      });
      expect(foreign.body?.error?.code).toBe('not_found');
    }
    expect((await h.json<{ accounts: unknown[] }>('/accounts', { user: 'bob' })).body.accounts).toEqual([]);
    expect((await call(`/accounts/${alice.account.id}/balance`, { user: 'alice' })).status).toBe(200);
  });

  it('asks for a user on every account and link route, but not for /health', async () => {
    for (const [method, path] of [
      ['GET', '/accounts'],
      ['POST', '/link-sessions'],
      ['POST', '/links'],
      ['GET', `/accounts/${alice.account.id}/balance`],
    ] as const) {
      const answer = await call(path, { method, user: null });
      expect([path, answer.status, answer.body?.error?.code]).toEqual([path, 401, 'unauthenticated']);
    }
    expect(await (await h.request('/health', { user: null })).json()).toEqual({ ok: true });
  });

  it('refuses cross-site state changes (Origin or Fetch Metadata) and changes nothing', async () => {
    const before = (await h.json<BalanceResponse>(`/accounts/${alice.account.id}/balance`, { user: 'alice' }))
      .body;
    const attempts: [string, string, Record<string, string>][] = [
      ['POST', `/accounts/${alice.account.id}/refresh`, { origin: 'https://evil.example' }],
      ['DELETE', `/accounts/${alice.account.id}`, { origin: 'https://evil.example' }],
      ['POST', '/link-sessions', { 'sec-fetch-site': 'cross-site' }],
      ['DELETE', `/accounts/${alice.account.id}`, { origin: 'null' }],
      ['POST', '/links', { origin: 'https://app.example.com.evil.example' }],
    ];
    for (const [method, path, headers] of attempts) {
      const answer = await call(path, {
        method,
        headers,
        user: 'alice',
        body: method === 'POST' ? '{}' : null,
      });
      expect([path, answer.status, answer.body?.error?.code]).toEqual([path, 403, 'cross_site_request']);
    }
    expect(
      (await h.json<BalanceResponse>(`/accounts/${alice.account.id}/balance`, { user: 'alice' })).body,
    ).toEqual(before);
    const allowed = await call('/link-sessions', {
      method: 'POST',
      headers: { origin: 'https://app.example.com' },
      user: 'alice',
      body: '{}',
    });
    const sameOrigin = await call('/link-sessions', {
      method: 'POST',
      headers: { origin: h.url, 'sec-fetch-site': 'same-origin' },
      user: 'alice',
      body: '{}',
    });
    expect([allowed.status, sameOrigin.status]).toEqual([201, 201]);
  });

  it('answers CORS only to the origins it was given', async () => {
    const preflight = (origin: string) =>
      h.request('/link-sessions', {
        method: 'OPTIONS',
        user: null,
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const read = await h.request('/accounts', { user: 'alice', headers: { origin: 'https://evil.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rate-limits refresh requests per user', async () => {
    const { account } = await h.link('eager');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await call(`/accounts/${account.id}/refresh`, { method: 'POST', user: 'eager' })).status,
      );
    expect(statuses).toEqual([202, 202, 202, 429]);
    const sessions: number[] = [];
    for (let i = 0; i < 3; i++)
      sessions.push((await call('/link-sessions', { method: 'POST', user: 'eager', body: '{}' })).status);
    expect(sessions).toEqual([201, 201, 429]);
    const limited = await call(`/accounts/${account.id}/refresh`, { method: 'POST', user: 'eager' });
    expect(limited.body?.error?.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('checks the webhook bearer token and the provider name', async () => {
    const post = (path: string, authorization?: string) =>
      call(path, {
        method: 'POST',
        user: null,
        body: '{"record":"r1","type":"balance.success"}',
        headers: authorization ? { authorization } : {},
      });
    expect((await post('/webhooks/sandbox')).status).toBe(401);
    expect((await post('/webhooks/sandbox', `Bearer ${WEBHOOK_TOKEN}x`)).status).toBe(401);
    expect((await post('/webhooks/sandbox', `Bearer ${WEBHOOK_TOKEN.slice(0, -1)}`)).status).toBe(401);
    expect((await post('/webhooks/okra', `Bearer ${WEBHOOK_TOKEN}`)).status).toBe(404);
    expect((await post('/webhooks/sandbox', `Bearer ${WEBHOOK_TOKEN}`)).status).toBe(200);
  });

  it('answers bad input with stable 4xx codes', async () => {
    const account = `/accounts/${alice.account.id}`;
    const cases: [string, RequestInit, number, string][] = [
      ['/links', { method: 'POST', body: '{"linkToken":' }, 400, 'invalid_json'],
      ['/links', { method: 'POST', body: '{"linkToken":"x"}' }, 400, 'invalid_request'],
      [
        '/links',
        {
          method: 'POST',
          body: '{"linkToken":"lt_aaaaaaaaaaaa"}',
          headers: { 'content-type': 'text/plain' },
        },
        415,
        'unsupported_media_type',
      ],
      [
        '/links',
        { method: 'POST', body: JSON.stringify({ linkToken: 'x'.repeat(20_000) }) },
        413,
        'payload_too_large',
      ],
      [`${account}/refresh`, { method: 'POST', body: '[]' }, 400, 'invalid_request'],
      [`${account}/history?limit=1001`, {}, 400, 'invalid_request'],
      [`${account}/history?since=yesterday`, {}, 400, 'invalid_request'],
      [`${account}/schedule`, { method: 'PUT', body: '{"everyHours":0}' }, 400, 'invalid_request'],
      [`${account}/refresh/not-a-job`, {}, 404, 'not_found'],
      ['/accounts', { method: 'PUT' }, 405, 'method_not_allowed'],
      ['/nowhere', {}, 404, 'not_found'],
    ];
    for (const [path, init, status, code] of cases) {
      const answer = await call(path, { ...init, user: 'alice' });
      expect([path, answer.status, answer.body?.error?.code]).toEqual([path, status, code]);
    }
  });

  it('sends security headers on answers and errors alike', async () => {
    for (const path of ['/accounts', '/nowhere']) {
      const response = await h.request(path, { user: 'alice' });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });

  it('never puts the secret key in an answer or a log line', async () => {
    const { secretKey } = h.sandbox.credentials;
    // Make the provider fail in every way it can while we work, so error paths log too.
    h.sandbox.setFaults({
      '*': [
        { kind: '500', times: 2 },
        { kind: 'msg-instead-of-message', times: 2 },
      ],
    });
    await call(`/accounts/${alice.account.id}/refresh`, { method: 'POST', user: 'alice' });
    await call('/links', { method: 'POST', user: 'alice', body: '{"linkToken":"lt_zzzzzzzzzzzz"}' });
    h.sandbox.setFaults({});
    expect(seen.length).toBeGreaterThan(30);
    expect(seen.filter((line) => line.includes(secretKey))).toEqual([]);
    expect(h.logs.filter((line) => JSON.stringify(line).includes(secretKey))).toEqual([]);
    expect(h.logs.filter((line) => JSON.stringify(line).includes(WEBHOOK_TOKEN))).toEqual([]);
  });

  it('scrubs the secrets from whatever a log line is given', () => {
    const lines: unknown[] = [];
    const sink: Logger = {
      info: (...args) => lines.push(args),
      warn: (...args) => lines.push(args),
      error: (...args) => lines.push(args),
    };
    const logger = redactingLogger(sink, ['sk_live_secret']);
    logger.error('failed with sk_live_secret', {
      error: new Error('bearer sk_live_secret refused'),
      nested: [{ key: 'x-sk_live_secret' }],
    });
    expect(JSON.stringify(lines)).not.toContain('sk_live_secret');
    expect(JSON.stringify(lines)).toContain('[redacted] refused');
  });
});
