import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineProvider } from '@okra-balance/core';
import { startScriptedServer, type ScriptedServer } from '../testing/scriptedServer.ts';
import { createProviderClient, type ProviderClient } from './createProviderClient.ts';
import { ProviderError } from './ProviderError.ts';

const SECRET = 'sk_test_client_secret';
let api: ScriptedServer;
let foreign: ScriptedServer;
let client: ProviderClient;
let impatient: ProviderClient;
let base: string;

const success = (data: unknown, status = 200) => ({
  status,
  body: { status: 'success', message: 'ok', data },
});
const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
};

beforeAll(async () => {
  [api, foreign] = await Promise.all([startScriptedServer(), startScriptedServer()]);
  base = `${api.url}/v2`;
  const provider = defineProvider({ id: 'scripted', apiBaseUrl: base, widgetOrigin: api.url });
  const settings = {
    provider,
    env: 'production' as const,
    secretKey: SECRET,
    retryBaseMs: 5,
    retryMaxMs: 20,
  };
  client = createProviderClient({ ...settings, timeoutMs: 5_000 });
  // Only for the scripts that never answer: a short timeout keeps those tests quick.
  impatient = createProviderClient({ ...settings, timeoutMs: 100 });
});
afterAll(() => Promise.all([api?.close(), foreign?.close()]));
beforeEach(() => foreign.script());

describe('the provider client', () => {
  it('posts JSON with the bearer secret key and reads the success envelope, 200 or 201', async () => {
    api.script(success({ callback_url: `${base}/callback?record=r1&method=BALANCE`, record: 'r1' }, 201));
    expect(await client.startRefresh('acc_1')).toEqual({
      record: 'r1',
      callbackUrl: `${base}/callback?record=r1&method=BALANCE`,
    });
    expect(api.seen).toEqual([
      {
        method: 'POST',
        url: '/v2/balance/refresh',
        authorization: `Bearer ${SECRET}`,
        body: '{"account_id":"acc_1"}',
      },
    ]);
  });

  it('unwraps nested data.data and reads `balances` as well as `balance`', async () => {
    api.script(
      success({
        data: { balances: [{ _id: 'b1', ledger_balance: 10 }], pagination: { hasNextPage: false } },
      }),
    );
    expect(await client.balancesByAccount('acc_1')).toEqual([{ _id: 'b1', ledger_balance: 10 }]);
  });

  it('turns every error envelope variant into a typed error with the message', async () => {
    api.script({ status: 400, body: { status: 'error', message: 'bad account' } });
    expect(await failure(client.startRefresh('x'))).toMatchObject({
      kind: 'rejected',
      status: 400,
      message: 'Provider: bad account',
    });
    api.script({ status: 400, body: { status: 'error', msg: 'via msg' } });
    expect((await failure(client.startRefresh('x'))).message).toBe('Provider: via msg');
    api.script({
      status: 400,
      body: { status: 'error', data: { message: ['first', 'second'], method: 'POST' } },
    });
    expect((await failure(client.startRefresh('x'))).message).toBe('Provider: first; second');
    api.script({ status: 200, body: { status: 'error', message: 'expired', type: 'EXPIRED' } });
    expect(await failure(client.startRefresh('x'))).toMatchObject({ kind: 'rejected', type: 'EXPIRED' });
    api.script({ status: 401, body: { status: 'error', message: 'Invalid key' } });
    expect((await failure(client.startRefresh('x'))).kind).toBe('unauthorized');
    api.script({ status: 200, body: '{"status":"succ' });
    expect((await failure(client.balancesByAccount('x'))).kind).toBe('malformed');
  });

  it('does not sit through a 429: it reports the wait, 60 s by the docs unless Retry-After says', async () => {
    api.script({
      status: 429,
      body: { status: 'error', message: 'try again in 60 seconds', type: 'RATE_LIMIT' },
    });
    expect(await failure(client.startRefresh('x'))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 60_000,
    });
    expect(api.seen).toHaveLength(1);
    api.script({
      status: 429,
      body: { status: 'error', message: 'slow down' },
      headers: { 'retry-after': '5' },
    });
    expect(await failure(client.balancesByAccount('x'))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 5_000,
    });
  });

  it('retries a 503 with backoff, for any call, and gives up after its tries', async () => {
    api.script(
      { status: 503, body: { status: 'error', message: 'bank timeout' } },
      success({ record: 'r2' }),
    );
    expect((await client.startRefresh('x')).record).toBe('r2');
    expect(api.seen).toHaveLength(2);
    api.script({ status: 503, body: { status: 'error', message: 'bank timeout' } });
    expect((await failure(client.startRefresh('x'))).kind).toBe('unavailable');
    expect(api.seen).toHaveLength(3);
  });

  it('never repeats a refresh that may have started (a timeout or a 500); repeats reads', async () => {
    api.script('hang');
    expect((await failure(impatient.startRefresh('x'))).kind).toBe('timeout');
    expect(api.seen).toHaveLength(1);
    api.script({ status: 500, body: { status: 'error', message: 'oops' } });
    expect((await failure(client.startCheck('x'))).kind).toBe('server_error');
    expect(api.seen).toHaveLength(1);
    api.script('hang');
    expect((await failure(impatient.balancesByAccount('x'))).kind).toBe('timeout');
    expect(api.seen).toHaveLength(3);
    api.script({ status: 502, body: 'Bad Gateway' }, success({ balance: [] }));
    expect(await client.balancesByAccount('x')).toEqual([]);
  });

  it('retries a refresh whose connection never opened', async () => {
    const calls: string[] = [];
    // What undici throws when nothing listens: made here, since a port closed a moment ago may be taken
    // again by another test's server before the call.
    const refused = () =>
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      });
    const provider = defineProvider({
      id: 'gone',
      apiBaseUrl: 'http://127.0.0.1:9/v2',
      widgetOrigin: 'http://127.0.0.1:9',
    });
    const gone = createProviderClient({
      provider,
      env: 'production',
      secretKey: SECRET,
      retryBaseMs: 1,
      fetch: (input) => {
        calls.push(input instanceof Request ? input.url : input.toString());
        return Promise.reject(refused());
      },
    });
    expect(await failure(gone.startRefresh('x'))).toMatchObject({ kind: 'network', requestSent: false });
    expect(calls).toHaveLength(3);
  });

  it('never follows a redirect, so the key cannot be carried elsewhere', async () => {
    api.script({ status: 302, headers: { location: `${foreign.url}/steal` } });
    expect((await failure(client.balancesByAccount('x'))).kind).toBe('rejected');
    expect(foreign.seen).toEqual([]);
  });

  it('mends an `undefined` callback URL, builds one from the record, and refuses one on another origin', async () => {
    api.script(success({ callback_url: `${base}/undefined?record=r3&method=BALANCE`, record: 'r3' }));
    expect((await client.startRefresh('x')).callbackUrl).toBe(`${base}/callback?record=r3&method=BALANCE`);
    api.script(success({ record: 'r4' }));
    expect((await client.startCheck('x')).callbackUrl).toBe(
      `${base}/callback?record=r4&method=CHECK_BALANCE`,
    );
    api.script(success({ callback_url: `${foreign.url}/v2/callback?record=r5`, record: 'r5' }));
    expect((await failure(client.startRefresh('x'))).kind).toBe('unsafe_url');
    expect((await failure(client.pollCallback(`${foreign.url}/v2/callback?record=r5`, 'BALANCE'))).kind).toBe(
      'unsafe_url',
    );
    const lookalike = api.url.replace('127.0.0.1', '127.0.0.1.evil.example');
    expect((await failure(client.pollCallback(`${lookalike}/v2/callback?record=r5`, 'BALANCE'))).kind).toBe(
      'unsafe_url',
    );
    expect(foreign.seen).toEqual([]);
  });

  it('reads every plausible "not ready yet" from a callback, and the check result when ready', async () => {
    const url = `${base}/callback?record=r6&method=CHECK_BALANCE`;
    for (const notReady of [
      success({ record: 'r6', status: 'pending' }),
      { status: 404, body: { status: 'error', message: 'not found' } },
      { status: 400, body: { status: 'error', message: 'queue empty', type: 'EMPTY_QUEUE' } },
      { status: 200, body: { status: 'pending', message: 'processing' } },
      success({ data: { ready: false } }),
      success({ record: 'r6' }),
    ]) {
      api.script(notReady);
      expect(await client.pollCallback(url, 'CHECK_BALANCE')).toMatchObject({ ready: false });
    }
    api.script(success({ balance_changed: true, last_checked: '2026-01-01T00:00:00Z' }));
    expect(await client.pollCallback(url, 'CHECK_BALANCE')).toMatchObject({
      ready: true,
      check: { balance_changed: true },
    });
    api.script(success({ record: 'r7', status: 'completed' }));
    expect(await client.pollCallback(`${base}/callback?record=r7&method=BALANCE`, 'BALANCE')).toEqual({
      ready: true,
      check: null,
      data: { record: 'r7', status: 'completed' },
    });
    api.script({ status: 502, body: { status: 'error', message: 'bank failed', type: 'BANK_ERROR' } });
    expect(await failure(client.pollCallback(url, 'BALANCE'))).toMatchObject({
      kind: 'server_error',
      type: 'BANK_ERROR',
    });
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]?.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('follows pages, a bounded number of them', async () => {
    api.script((request) => {
      const { page } = JSON.parse(request.body) as { page: number };
      return success({ balance: [{ _id: `b${page}` }], pagination: { hasNextPage: true, page } });
    });
    const all = await client.balancesByOptions({ linkToken: 'lt' });
    expect(all).toHaveLength(10);
    expect(JSON.parse(api.seen[0]?.body ?? '{}')).toEqual({
      options: { linkToken: 'lt' },
      page: 1,
      limit: 50,
    });
  });
});
