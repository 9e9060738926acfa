import { describe, expect, it } from 'vitest';
import { BalanceApiError } from './BalanceApiError.ts';
import { requestJson } from './requestJson.ts';
import { BASE_URL, fakeRoute } from './testing/fakeRoute.ts';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: BalanceApiError) => error,
  );

describe('requestJson', () => {
  it('sends JSON with the configured credentials and headers, to the base URL without a doubled slash', async () => {
    const route = fakeRoute(() => ({ status: 200, body: { accounts: [] } }));
    const config = {
      baseUrl: `${BASE_URL}/`,
      fetch: route.fetch,
      credentials: 'include' as const,
      headers: { 'x-csrf': 't1' },
    };
    await requestJson(config, '/accounts', 'accounts', 'POST', { a: 1 });
    expect(route.sent[0]).toMatchObject({
      path: '/accounts',
      method: 'POST',
      body: { a: 1 },
      credentials: 'include',
    });
    expect(route.sent[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'x-csrf': 't1' });
  });

  it('turns the route’s error body into a typed error with its code and status', async () => {
    const route = fakeRoute(() => ({
      status: 404,
      body: { error: { code: 'not_found', message: 'no such account' } },
    }));
    const error = await failure(
      requestJson({ baseUrl: BASE_URL, fetch: route.fetch }, '/accounts/x/balance', 'balance'),
    );
    expect(error).toBeInstanceOf(BalanceApiError);
    expect(error).toMatchObject({ code: 'not_found', status: 404, message: 'no such account' });
  });

  it('recognises an error body by its shape: a code newer than this package passes through as sent', async () => {
    const route = fakeRoute(() => ({
      status: 422,
      body: { error: { code: 'card_expired_someday', message: 'a code from a newer server' } },
    }));
    const error = await failure(requestJson({ baseUrl: BASE_URL, fetch: route.fetch }, '/links', 'accounts'));
    expect(error).toBeInstanceOf(BalanceApiError);
    expect(error).toMatchObject({ code: 'card_expired_someday', status: 422 });
    const malformed = fakeRoute(() => ({ status: 400, body: { error: { code: 42, message: 'not ours' } } }));
    expect(
      await failure(requestJson({ baseUrl: BASE_URL, fetch: malformed.fetch }, '/links', 'accounts')),
    ).toMatchObject({ code: 'invalid_response', status: 400 });
  });

  it('refuses what is not our JSON: an HTML error page, or a reply without the expected key', async () => {
    const html: typeof fetch = async () => new Response('<html>Bad gateway</html>', { status: 502 });
    expect(
      await failure(requestJson({ baseUrl: BASE_URL, fetch: html }, '/accounts', 'accounts')),
    ).toMatchObject({
      code: 'invalid_response',
      status: 502,
    });
    const route = fakeRoute(() => ({ status: 200, body: { something: 'else' } }));
    expect(
      await failure(requestJson({ baseUrl: BASE_URL, fetch: route.fetch }, '/accounts', 'accounts')),
    ).toMatchObject({
      code: 'invalid_response',
      status: 200,
    });
  });

  it('reports no answer as network_error, and lets an abort through as it is', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await failure(requestJson({ baseUrl: BASE_URL, fetch: offline }, '/accounts'))).toMatchObject({
      code: 'network_error',
      status: 0,
    });
    const controller = new AbortController();
    controller.abort();
    const aborting: typeof fetch = async (_input, init) => {
      throw init?.signal?.reason;
    };
    const aborted = await failure(
      requestJson(
        { baseUrl: BASE_URL, fetch: aborting },
        '/accounts',
        'accounts',
        'GET',
        undefined,
        controller.signal,
      ),
    );
    expect(aborted).not.toBeInstanceOf(BalanceApiError);
    expect((aborted as unknown as DOMException).name).toBe('AbortError');
  });

  it('accepts an empty 204', async () => {
    const route = fakeRoute(() => ({ status: 204 }));
    await expect(
      requestJson({ baseUrl: BASE_URL, fetch: route.fetch }, '/accounts/a', undefined, 'DELETE'),
    ).resolves.toBeNull();
  });
});
