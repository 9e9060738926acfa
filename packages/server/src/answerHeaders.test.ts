import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from './testing/eventReader.ts';
import { startHarness, type Harness, type Linked } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';

// Written out, not imported from the route: a header dropped or a value changed there must fail here.
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const APP = 'https://app.example.com';

const securityHeadersOf = (headers: Headers) =>
  Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name, headers.get(name)]));

describe.each(storeBackends)('answer headers on $name', (backend) => {
  let h: Harness;
  let alice: Linked;
  beforeAll(async () => {
    if (backend.skipReason !== null) return;
    h = await startHarness({
      location: await backend.location(),
      route: {
        allowedOrigins: [APP],
        rateLimit: { refreshPerMinute: 1 },
        // A broken session check (an id that is not a string) is the route's own 500.
        authenticate: (request) => {
          const id = request.headers.get('x-test-user');
          if (id === 'broken') return { id: 42 as unknown as string };
          return id === null || id === '' ? null : { id };
        },
      },
    });
    alice = await h.link('alice');
  });
  afterAll(() => h?.close());
  const test = it.skipIf(backend.skipReason !== null);

  test('every answer carries the whole set: reads, writes, every kind of error, CORS, HEAD', async () => {
    const account = `/accounts/${alice.account.id}`;
    const json = { 'content-type': 'application/json' };
    const cases: [string, RequestInit & { user?: string | null }, number, string | null][] = [
      [`${account}/balance`, { user: 'alice' }, 200, null],
      [`${account}/balance`, { user: 'alice', headers: { origin: APP } }, 200, null],
      ['/accounts', { user: 'alice' }, 200, null],
      ['/health', { user: null }, 200, null],
      [`${account}/history`, { user: 'alice' }, 200, null],
      [`${account}/refresh`, { method: 'POST', user: 'alice', body: '{}' }, 202, null],
      [`${account}/refresh`, { method: 'POST', user: 'alice', body: '{}' }, 429, 'rate_limited'],
      [`${account}/balance`, { user: null }, 401, 'unauthenticated'],
      [`${account}/balance`, { user: 'bob' }, 404, 'not_found'],
      ['/nowhere', { user: 'alice' }, 404, 'not_found'],
      ['/accounts', { method: 'PUT', user: 'alice' }, 405, 'method_not_allowed'],
      ['/links', { method: 'POST', user: 'alice', headers: json, body: '{' }, 400, 'invalid_json'],
      [`${account}/history?limit=x`, { user: 'alice' }, 400, 'invalid_request'],
      ['/accounts', { user: 'broken' }, 500, 'internal_error'],
      [
        '/link-sessions',
        { method: 'POST', user: 'alice', headers: { origin: 'https://evil.example' } },
        403,
        'cross_site_request',
      ],
    ];
    for (const [path, init, status, code] of cases) {
      const response = await h.request(path, init);
      const body = (await response.json()) as { error?: { code: string } };
      const seen = {
        path,
        status: response.status,
        code: body.error?.code ?? null,
        type: response.headers.get('content-type'),
        headers: securityHeadersOf(response.headers),
      };
      expect(seen).toEqual({ path, status, code, type: 'application/json', headers: SECURITY_HEADERS });
    }
  });

  test('the extra headers of an answer sit beside the set: CORS, Allow, Retry-After', async () => {
    const read = await h.request(`/accounts/${alice.account.id}/balance`, {
      user: 'alice',
      headers: { origin: APP },
    });
    expect(read.headers.get('access-control-allow-origin')).toBe(APP);
    const wrongMethod = await h.request('/accounts', { method: 'PUT', user: 'alice' });
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
    const preflight = await h.request('/accounts', {
      method: 'OPTIONS',
      user: null,
      headers: { origin: APP, 'access-control-request-method': 'POST' },
    });
    const head = await h.request('/accounts', { method: 'HEAD', user: 'alice' });
    for (const response of [read, wrongMethod, preflight, head]) {
      expect(securityHeadersOf(response.headers)).toEqual(SECURITY_HEADERS);
    }
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, APP]);
    expect(head.status).toBe(200);
  });

  test('the event stream carries the set too, and still streams', async () => {
    const events = await readEvents(`${h.url}/events`, { 'x-test-user': 'alice' });
    try {
      await events.next((event) => event.event === 'ready');
      expect(events.status).toBe(200);
    } finally {
      events.close();
    }
    const controller = new AbortController();
    const response = await fetch(`${h.url}/events`, {
      headers: { 'x-test-user': 'alice' },
      signal: controller.signal,
    });
    controller.abort();
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(securityHeadersOf(response.headers)).toEqual(SECURITY_HEADERS);
  });

  // Headers set on an answer after it was built (Hono's `c.header` after `next()`) turn its body into a stream,
  // which Node then writes in pieces; an answer built with its headers is written whole, by `end()` alone.
  test('reads and errors are written in one piece, not streamed, as served by Node', async () => {
    const pieces = new Map<string, number>();
    const server = createAdaptorServer({ fetch: (request) => h.route.fetch(request) }) as Server;
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      const key = `${request.method} ${request.url}`;
      const write = response.write.bind(response) as (...args: unknown[]) => boolean;
      response.write = ((...args: unknown[]) => {
        pieces.set(key, (pieces.get(key) ?? 0) + 1);
        return write(...args);
      }) as typeof response.write;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const balance = `/accounts/${alice.account.id}/balance`;
      const reads: [string, Record<string, string>, number][] = [
        [balance, { 'x-test-user': 'alice' }, 200],
        [balance, { 'x-test-user': 'alice', origin: APP }, 200],
        ['/accounts', { 'x-test-user': 'alice' }, 200],
        ['/health', {}, 200],
        [balance, { 'x-test-user': 'bob' }, 404],
        [balance, {}, 401],
      ];
      for (const [path, headers, status] of reads) {
        const response = await fetch(`${base}${path}`, { headers });
        expect([path, response.status, (await response.text()).length > 0]).toEqual([path, status, true]);
      }
      expect(Object.fromEntries(pieces)).toEqual({});
      // The counter does see a streamed answer.
      const events = await readEvents(`${base}/events`, { 'x-test-user': 'alice' });
      await events.next((event) => event.event === 'ready');
      events.close();
      expect(pieces.get('GET /events')).toBeGreaterThan(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
