import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { BalanceApiError } from './BalanceApiError.ts';
import { requestJson } from './requestJson.ts';
import { BASE_URL, fakeRoute } from './testing/fakeRoute.ts';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: BalanceApiError) => error,
  );

// Each failed call writes one development message; the tests below read them.
let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());
const warnings = () => warn.mock.calls.map(([message]) => String(message));

describe('requestJson', () => {
  it('sends JSON with the configured credentials and headers, to the base URL without a doubled slash', async () => {
    const route = fakeRoute(() => ({ status: 200, body: { accounts: [] } }));
    const config = {
      baseUrl: `${BASE_URL}/`,
      fetch: route.fetch,
      credentials: 'include' as const,
      headers: { 'x-csrf': 't1' },
    };
    await requestJson(config, { path: '/accounts', method: 'POST', body: { a: 1 }, expect: 'accounts' });
    expect(route.sent[0]).toMatchObject({
      path: '/accounts',
      method: 'POST',
      body: { a: 1 },
      credentials: 'include',
    });
    expect(route.sent[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'x-csrf': 't1' });
    expect(warnings()).toEqual([]);
  });

  it('turns the route’s error body into a typed error with its code, status and the call', async () => {
    const route = fakeRoute(() => ({
      status: 404,
      body: { error: { code: 'not_found', message: 'no such account' } },
    }));
    const error = await failure(
      requestJson(
        { baseUrl: BASE_URL, fetch: route.fetch },
        { path: '/accounts/x/balance', expect: 'balance' },
      ),
    );
    expect(error).toBeInstanceOf(BalanceApiError);
    expect(error).toMatchObject({ code: 'not_found', status: 404, message: 'no such account' });
    expect(error?.request).toEqual({ method: 'GET', url: `${BASE_URL}/accounts/x/balance` });
  });

  it('recognises an error body by its shape: a code newer than this package passes through as sent', async () => {
    const route = fakeRoute(() => ({
      status: 422,
      body: { error: { code: 'card_expired_someday', message: 'a code from a newer server' } },
    }));
    const call = { path: '/links', method: 'POST', expect: 'accounts' } as const;
    const error = await failure(requestJson({ baseUrl: BASE_URL, fetch: route.fetch }, call));
    expect(error).toBeInstanceOf(BalanceApiError);
    expect(error).toMatchObject({ code: 'card_expired_someday', status: 422 });
    const malformed = fakeRoute(() => ({ status: 400, body: { error: { code: 42, message: 'not ours' } } }));
    expect(await failure(requestJson({ baseUrl: BASE_URL, fetch: malformed.fetch }, call))).toMatchObject({
      code: 'invalid_response',
      status: 400,
    });
  });

  it('refuses what is not our JSON, naming the full URL, the status and the content type', async () => {
    const html: typeof fetch = () =>
      Promise.resolve(
        new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
      );
    const error = await failure(
      requestJson({ baseUrl: BASE_URL, fetch: html }, { path: '/accounts', expect: 'accounts' }),
    );
    expect(error).toMatchObject({ code: 'invalid_response', status: 502 });
    expect(error?.message).toBe(
      `GET ${BASE_URL}/accounts answered 502 (text/html), not the balance route's JSON`,
    );
    const route = fakeRoute(() => ({ status: 200, body: { something: 'else' } }));
    expect(
      await failure(
        requestJson({ baseUrl: BASE_URL, fetch: route.fetch }, { path: '/accounts', expect: 'accounts' }),
      ),
    ).toMatchObject({ code: 'invalid_response', status: 200 });
  });

  it('resolves a relative base URL against the page in what it reports', async () => {
    const missing: typeof fetch = () =>
      Promise.resolve(
        new Response('<!doctype html><h1>Not found</h1>', {
          status: 404,
          headers: { 'content-type': 'text/html' },
        }),
      );
    const error = await failure(
      requestJson({ baseUrl: '/api/balanc', fetch: missing }, { path: '/accounts' }),
    );
    expect(error?.request?.url).toBe(new URL('/api/balanc/accounts', window.location.href).href);
    expect(error?.message).toContain(`${error?.request?.url} answered 404 (text/html)`);
  });

  it('reports no answer as network_error, and lets an abort through as it is, unreported', async () => {
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(
      await failure(requestJson({ baseUrl: BASE_URL, fetch: offline }, { path: '/accounts' })),
    ).toMatchObject({ code: 'network_error', status: 0 });
    const controller = new AbortController();
    controller.abort();
    const aborting: typeof fetch = (_input, init) => Promise.reject(init?.signal?.reason as Error);
    const aborted = await failure(
      requestJson({ baseUrl: BASE_URL, fetch: aborting }, { path: '/accounts', signal: controller.signal }),
    );
    expect(aborted).not.toBeInstanceOf(BalanceApiError);
    expect((aborted as unknown as DOMException).name).toBe('AbortError');
    expect(warnings()).toHaveLength(1);
  });

  it('turns a fetch that throws before returning a promise into network_error too', async () => {
    const broken = (() => {
      throw new TypeError('Invalid URL');
    }) as unknown as typeof fetch;
    expect(
      await failure(requestJson({ baseUrl: BASE_URL, fetch: broken }, { path: '/accounts' })),
    ).toMatchObject({ code: 'network_error', status: 0 });
  });

  it('accepts an empty 204', async () => {
    const route = fakeRoute(() => ({ status: 204 }));
    await expect(
      requestJson({ baseUrl: BASE_URL, fetch: route.fetch }, { path: '/accounts/a', method: 'DELETE' }),
    ).resolves.toBeNull();
  });
});

describe('requestJson in development: one console message per failed call, with the likely fix', () => {
  const cases = [
    {
      name: 'a 403 cross-site refusal',
      reply: {
        status: 403,
        body: {
          error: { code: 'cross_site_request', message: 'Cross-site requests cannot change anything here' },
        },
      },
      call: { path: '/link-sessions', method: 'POST', body: {} } as const,
      says: [`POST ${BASE_URL}/link-sessions answered 403 cross_site_request`, 'allowedOrigins'],
    },
    {
      name: 'a 404 from a route mounted elsewhere',
      reply: { status: 404, body: { error: { code: 'not_found', message: 'No such route' } } },
      call: { path: '/accounts' } as const,
      says: [`GET ${BASE_URL}/accounts answered 404 not_found`, 'basePath'],
    },
    {
      name: 'a 404 page where no route is',
      reply: { status: 404, body: undefined },
      call: { path: '/accounts' } as const,
      says: [`GET ${BASE_URL}/accounts answered 404 invalid_response`, 'basePath'],
    },
    {
      name: 'a 502 when the provider rejects the server’s key',
      reply: {
        status: 502,
        body: { error: { code: 'provider_error', message: 'The provider answered with an error' } },
      },
      call: { path: '/accounts/a/refresh', method: 'POST', body: {} } as const,
      says: [`POST ${BASE_URL}/accounts/a/refresh answered 502 provider_error`, 'secretKey'],
    },
  ];
  for (const { name, reply, call, says } of cases) {
    it(name, async () => {
      const route = fakeRoute(() => reply);
      await failure(requestJson({ baseUrl: BASE_URL, fetch: route.fetch }, call));
      expect(warnings()).toHaveLength(1);
      for (const part of says) expect(warnings()[0]).toContain(part);
    });
  }

  it('names a base URL nothing answers at', async () => {
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await failure(requestJson({ baseUrl: BASE_URL, fetch: offline }, { path: '/accounts' }));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain(`GET ${BASE_URL}/accounts got no answer network_error`);
    expect(warnings()[0]).toContain('Is the server running');
  });
});
