import type { ProviderBalancePage } from '@okra-balance/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxCounts } from '../CallCounter.ts';
import type { LinkAccountResult } from '../linkCustomer.ts';
import type { Sandbox } from '../sandboxTypes.ts';
import { startSandbox } from '../startSandbox.ts';
import { dataOf, providerClient } from '../testing/providerClient.ts';

let sandbox: Sandbox;
let api: ReturnType<typeof providerClient>;
let accountId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ latencyMs: 10, duplicateDelayMs: 0 });
  api = providerClient(sandbox);
  accountId = (await sandbox.linkAccount({ accounts: 1 })).accounts[0]?._id ?? '';
});
beforeEach(() => sandbox.resetCounts());
afterAll(() => sandbox.close());

describe('counts', () => {
  it('counts every call per endpoint and per account, rejected ones included', async () => {
    await api.post('/balance/refresh', { account_id: accountId });
    await api.post('/balance/refresh', { account_id: accountId }, { authorization: 'Bearer wrong' });
    await api.post('/balance/getByAccount', { account_id: accountId, limit: 0 });
    await api.post('/balance/getByAccount', { account_id: 'unknown' });
    await api.get('/balance/getByAccount');
    expect(sandbox.counts()).toEqual({
      total: 5,
      byEndpoint: {
        'POST /balance/refresh': 2,
        'POST /balance/getByAccount': 2,
        'GET /balance/getByAccount': 1,
      },
      byAccount: { [accountId]: { 'POST /balance/refresh': 2, 'POST /balance/getByAccount': 1 } },
      // The refresh with the wrong key reached no bank.
      refreshSessions: { [accountId]: 1 },
    });
  });

  it('a callback counts against the account of its record', async () => {
    const { data } = (await api.post('/balance/check', { account_id: accountId })).body as {
      data: { callback_url: string };
    };
    await api.get(data.callback_url);
    expect(sandbox.counts().byAccount[accountId]).toEqual({ 'POST /balance/check': 1, 'GET /callback': 1 });
  });

  it('a snapshot does not change afterwards, and resetCounts starts again', async () => {
    await api.post('/balance/getByAccount', { account_id: accountId });
    const before = sandbox.counts();
    await api.post('/balance/getByAccount', { account_id: accountId });
    expect(before.total).toBe(1);
    sandbox.resetCounts();
    expect(sandbox.counts()).toEqual({ total: 0, byEndpoint: {}, byAccount: {}, refreshSessions: {} });
  });
});

describe('the control route', () => {
  it('needs the secret key', async () => {
    const reply = await api.request('GET', `${new URL(sandbox.apiBaseUrl).origin}/__sandbox/counts`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(reply).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
  });

  it('reads and resets counts, and its own calls are not counted', async () => {
    await api.post('/balance/getByAccount', { account_id: accountId });
    const counts = await api.control('GET', '/counts');
    expect((counts.body as unknown as SandboxCounts).total).toBe(1);
    expect((await api.control('DELETE', '/counts')).status).toBe(204);
    expect(sandbox.counts().total).toBe(0);
  });

  it('sets faults, refuses unknown kinds, and shows the uses left', async () => {
    const set = await api.control('PUT', '/faults', {
      'POST /balance/getByAccount': [{ kind: '503', times: 2 }],
    });
    expect(set.body).toEqual({ 'POST /balance/getByAccount': [{ kind: '503', times: 2 }] });
    expect((await api.post('/balance/getByAccount', { account_id: accountId })).status).toBe(503);
    expect((await api.control('GET', '/faults')).body).toEqual({
      'POST /balance/getByAccount': [{ kind: '503', times: 1 }],
    });
    const bad = await api.control('PUT', '/faults', { '*': [{ kind: 'boom' }] });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    expect((await api.control('PUT', '/faults', {})).status).toBe(200);
    expect((await api.post('/balance/getByAccount', { account_id: accountId })).status).toBe(200);
  });

  it('sets latency, as a number or a range, and refuses a bad one', async () => {
    expect((await api.control('PUT', '/latency', { latencyMs: { min: 5, max: 9 } })).body).toEqual({
      latencyMs: { min: 5, max: 9 },
    });
    expect((await api.control('PUT', '/latency', { latencyMs: -3 })).status).toBe(400);
    expect((await api.control('PUT', '/latency', { latencyMs: 10 })).body).toEqual({ latencyMs: 10 });
  });

  it('links an account that byOptions then finds', async () => {
    const reply = await api.control('POST', '/link', {
      options: { linkToken: 'ctl' },
      bankId: 'zenith-bank',
    });
    expect(reply.status).toBe(201);
    const link = reply.body as unknown as LinkAccountResult;
    expect(link.accounts).toHaveLength(2);
    const found = await api.post('/balance/byOptions', { options: { linkToken: 'ctl' } });
    expect(dataOf<ProviderBalancePage>(found).balance).toHaveLength(2);
    expect((await api.control('POST', '/link', { bankId: 'no-bank' })).status).toBe(400);
    expect((await api.control('POST', '/link', { accounts: 9 })).status).toBe(400);
    expect((await api.control('POST', '/link', { surprise: true })).status).toBe(400);
  });

  it('lists webhook deliveries, and answers unknown control routes and bad JSON with a 4xx', async () => {
    expect((await api.control('GET', '/webhooks')).body).toEqual({ deliveries: [] });
    expect((await api.control('GET', '/nothing')).status).toBe(404);
    const origin = new URL(sandbox.apiBaseUrl).origin;
    const bad = await api.request('PUT', `${origin}/__sandbox/faults`, { body: '{' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
  });

  it('expires a link, shows it, and refuses an unknown account or a bad body', async () => {
    const { accounts } = await sandbox.linkAccount({ accounts: 1 });
    const id = accounts[0]?._id ?? '';
    const before = await api.control('GET', `/accounts/${id}/link`);
    expect(before).toMatchObject({ status: 200, body: { status: 'active', shape: 'error-type' } });

    const expired = await api.control('POST', `/accounts/${id}/expire`, {
      status: 'disconnected',
      shape: 'callback-status',
    });
    expect(expired.status).toBe(200);
    expect(expired.body).toEqual({
      status: 'disconnected',
      shape: 'callback-status',
      since: expect.any(String),
    });
    expect((await api.control('GET', `/accounts/${id}/link`)).body).toEqual(expired.body);
    expect(sandbox.linkStatus(id)).toEqual(expired.body);
    // No body: the default status, and the shape the account already had.
    const defaults = await api.control('POST', `/accounts/${id}/expire`);
    expect(defaults.body).toMatchObject({ status: 'invalid', shape: 'callback-status' });

    for (const bad of [{ status: 'expired' }, { shape: 'teapot' }, { status: 'invalid', extra: 1 }]) {
      const reply = await api.control('POST', `/accounts/${id}/expire`, bad);
      expect(reply).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    }
    const origin = new URL(sandbox.apiBaseUrl).origin;
    const notJson = await api.request('POST', `${origin}/__sandbox/accounts/${id}/expire`, { body: '{' });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    for (const [method, path] of [
      ['POST', '/accounts/nope/expire'],
      ['GET', '/accounts/nope/link'],
      ['POST', '/accounts/nope/reauth'],
    ] as const) {
      const reply = await api.control(method, path, method === 'POST' ? {} : undefined);
      expect(reply).toMatchObject({ status: 404, body: { error: { code: 'account_not_found' } } });
    }
    expect(sandbox.linkStatus(id).status).toBe('invalid');
  });

  it('re-authenticates an account: active again, with a record byOptions finds', async () => {
    const { accounts, customerId } = await sandbox.linkAccount({ accounts: 1 });
    const id = accounts[0]?._id ?? '';
    sandbox.expireLink(id, { status: 'token_required' });
    const reply = await api.control('POST', `/accounts/${id}/reauth`, { options: { linkToken: 'ctl-re' } });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ customerId, accounts: [{ _id: id, connected: true }] });
    expect(sandbox.linkStatus(id).status).toBe('active');
    const found = await api.post('/balance/byOptions', { options: { linkToken: 'ctl-re' } });
    expect(dataOf<ProviderBalancePage>(found).balance).toHaveLength(1);
    const bad = await api.control('POST', `/accounts/${id}/reauth`, { callbackUrl: 'javascript:x' });
    expect(bad.status).toBe(400);
  });

  it('answers CORS, so a page holding the key can drive it', async () => {
    const origin = new URL(sandbox.apiBaseUrl).origin;
    const preflight = await fetch(`${origin}/__sandbox/accounts/x/expire`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:1',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const anonymous = await fetch(`${origin}/__sandbox/counts`, {
      headers: { origin: 'http://127.0.0.1:1' },
    });
    expect(anonymous.status).toBe(401);
  });
});
