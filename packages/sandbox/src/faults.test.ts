import {
  isOnOrigin,
  repairCallbackUrl,
  type ProviderBalancePage,
  type ProviderRecordStarted,
} from '@okra-balance/core';
import { afterEach, describe, expect, it } from 'vitest';
import { FAULT_KINDS, type Fault, type FaultKind } from './faults.ts';
import type { Sandbox } from './sandboxTypes.ts';
import { startSandbox } from './startSandbox.ts';
import { dataOf, eventually, providerClient } from './testing/providerClient.ts';
import { webhookReceiver } from './testing/webhookReceiver.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function setup() {
  const receiver = await webhookReceiver();
  const sandbox: Sandbox = await startSandbox({
    latencyMs: 10,
    duplicateDelayMs: 0,
    webhookUrl: receiver.url,
    customers: 0,
  });
  cleanups.push(() => sandbox.close(), receiver.close);
  const link = await sandbox.linkAccount({ bankId: 'gtbank', accounts: 1 });
  const accountId = link.accounts[0]?._id ?? '';
  const api = providerClient(sandbox);
  await eventually(() => receiver.received.find((r) => r.body.record === link.recordId));
  receiver.received.length = 0;
  const arm = (endpoint: string, fault: Fault) => sandbox.setFaults({ [endpoint]: [fault] });
  const refresh = () => api.post('/balance/refresh', { account_id: accountId });
  const hooksOf = (record: unknown) => receiver.received.filter((r) => r.body.record === record);
  return { sandbox, api, accountId, arm, refresh, hooksOf };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** What a check answers once the bank has, with `kind` armed on the check call. */
async function checkAnswered({ arm, api, accountId }: Setup, kind: FaultKind): Promise<boolean | undefined> {
  arm('POST /balance/check', { kind, times: 1 });
  const started = dataOf<ProviderRecordStarted>(await api.post('/balance/check', { account_id: accountId }));
  const answer = await eventually(async () => {
    const data = dataOf<{ balance_changed?: boolean }>(await api.get(started.callback_url ?? ''));
    return data.balance_changed === undefined ? undefined : data;
  });
  return answer.balance_changed;
}

/** One check per kind: the Record type makes a new kind without a test a type error. */
const observable: Record<FaultKind, (s: Setup) => Promise<void>> = {
  async '500'({ arm, refresh }) {
    arm('POST /balance/refresh', { kind: '500', times: 1 });
    expect(await refresh()).toMatchObject({ status: 500, body: { status: 'error' } });
    expect((await refresh()).status).toBe(201);
  },
  async '429'({ arm, refresh }) {
    arm('POST /balance/refresh', { kind: '429', times: 1 });
    const reply = await refresh();
    expect(reply).toMatchObject({ status: 429, body: { status: 'error', type: 'RATE_LIMIT' } });
    expect(reply.body.message).toContain('60 seconds');
  },
  async '503'({ arm, refresh }) {
    arm('POST /balance/refresh', { kind: '503', times: 1 });
    expect(await refresh()).toMatchObject({ status: 503, body: { status: 'error' } });
  },
  async hang({ arm, sandbox, accountId }) {
    arm('POST /balance/getByAccount', { kind: 'hang', times: 1 });
    const request = fetch(`${sandbox.apiBaseUrl}/balance/getByAccount`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.credentials.secretKey}` },
      body: JSON.stringify({ account_id: accountId }),
      signal: AbortSignal.timeout(80),
    });
    await expect(request).rejects.toThrow(/abort|timeout/i);
  },
  async 'lost-answer'({ arm, sandbox, accountId }) {
    arm('POST /balance/refresh', { kind: 'lost-answer', times: 1 });
    const request = fetch(`${sandbox.apiBaseUrl}/balance/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.credentials.secretKey}` },
      body: JSON.stringify({ account_id: accountId }),
      signal: AbortSignal.timeout(80),
    });
    await expect(request).rejects.toThrow(/abort|timeout/i);
    // No answer, yet the bank session started: unlike a hang, the call did its work.
    expect(sandbox.counts().refreshSessions[accountId]).toBe(1);
  },
  async 'hostile-data'({ arm, api, accountId }) {
    arm('POST /balance/getByAccount', { kind: 'hostile-data', times: 1 });
    const [balance] =
      dataOf<ProviderBalancePage>(await api.post('/balance/getByAccount', { account_id: accountId }))
        .balance ?? [];
    expect(balance?.ledger_balance).toBe(1e22);
    expect(balance?.currency).toContain('\u0000');
    expect(balance?._id).toEqual(expect.stringMatching(/^[\w-]+$/));
  },
  async 'malformed-json'({ arm, refresh }) {
    arm('POST /balance/refresh', { kind: 'malformed-json', times: 1 });
    const reply = await refresh();
    expect(reply.status).toBe(201);
    expect(() => JSON.parse(reply.text) as unknown).toThrow(SyntaxError);
    expect(reply.text.startsWith('{"status":"success"')).toBe(true);
  },
  async 'msg-instead-of-message'({ arm, api }) {
    arm('POST /balance/refresh', { kind: 'msg-instead-of-message', times: 1 });
    const reply = await api.post('/balance/refresh', { account_id: 'missing' });
    expect(reply.body).toEqual({ status: 'error', msg: 'Account missing not found' });
  },
  async 'nested-data'({ arm, api, accountId }) {
    arm('POST /balance/getByAccount', { kind: 'nested-data', times: 2 });
    const success = await api.post('/balance/getByAccount', { account_id: accountId });
    expect(dataOf<{ data: ProviderBalancePage }>(success).data.balance).toHaveLength(1);
    const failure = await api.post('/balance/getByAccount', {});
    expect(failure.body).toEqual({
      status: 'error',
      data: { message: ['account_id: account_id is required'], method: 'POST /balance/getByAccount' },
    });
  },
  async 'balances-key'({ arm, api, accountId }) {
    arm('POST /balance/getByAccount', { kind: 'balances-key', times: 1 });
    const reply = await api.post('/balance/getByAccount', { account_id: accountId });
    const page = dataOf<ProviderBalancePage>(reply);
    expect(page.balance).toBeUndefined();
    expect(page.balances).toHaveLength(1);
  },
  async 'undefined-callback-url'({ arm, refresh, api, sandbox }) {
    arm('POST /balance/refresh', { kind: 'undefined-callback-url', times: 1 });
    const url = dataOf<ProviderRecordStarted>(await refresh()).callback_url ?? '';
    expect(url).toContain('/v2/undefined?record=');
    expect((await api.get(url)).status).toBe(404);
    const repaired = repairCallbackUrl(url) ?? '';
    expect(repaired.startsWith(`${sandbox.apiBaseUrl}/callback?`)).toBe(true);
    expect((await api.get(repaired)).status).toBe(200);
  },
  async 'foreign-callback-url'({ arm, refresh, sandbox }) {
    arm('POST /balance/refresh', { kind: 'foreign-callback-url', times: 1 });
    const url = dataOf<ProviderRecordStarted>(await refresh()).callback_url ?? '';
    const origin = new URL(sandbox.apiBaseUrl).origin;
    expect(url.startsWith(origin.replace(/:\d+$/, ''))).toBe(true);
    expect(isOnOrigin(url, origin)).toBe(false);
    expect(new URL(url).hostname.endsWith('.invalid')).toBe(true);
  },
  async 'missing-available'({ arm, api, accountId }) {
    arm('POST /balance/getByAccount', { kind: 'missing-available', times: 1 });
    const read = async () =>
      dataOf<ProviderBalancePage>(await api.post('/balance/getByAccount', { account_id: accountId }))
        .balance?.[0];
    const faulty = await read();
    expect(faulty).not.toHaveProperty('available_balance');
    expect(faulty?.ledger_balance).toEqual(expect.any(Number));
    expect((await read())?.available_balance).toEqual(expect.any(Number));
  },
  async 'duplicate-callback'({ arm, refresh, hooksOf }) {
    arm('POST /balance/refresh', { kind: 'duplicate-callback', times: 1 });
    const { record } = dataOf<ProviderRecordStarted>(await refresh());
    const hooks = await eventually(() => (hooksOf(record).length === 2 ? hooksOf(record) : undefined));
    expect(hooks[0]?.body.type).toBe('balance.success');
    expect(hooks[1]?.body).toMatchObject({ ...hooks[0]?.body, timestamp: expect.any(String) });
    expect(hooks[1]?.body.timestamp).not.toBe(hooks[0]?.body.timestamp);
  },
  async 'late-callback'({ arm, refresh, api, hooksOf, sandbox }) {
    arm('POST /balance/refresh', { kind: 'late-callback', times: 1, delayMs: 400 });
    const started = dataOf<ProviderRecordStarted>(await refresh());
    // A record made just after, with no fault, completes first: only then is "still pending" late.
    const other = await sandbox.linkAccount({ accounts: 1 });
    const onTime = dataOf<ProviderRecordStarted>(
      await api.post('/balance/refresh', { account_id: other.accounts[0]?._id }),
    );
    await eventually(() => (hooksOf(onTime.record).length === 1 ? true : undefined));
    expect(dataOf<{ status: string }>(await api.get(started.callback_url ?? '')).status).toBe('pending');
    expect(hooksOf(started.record)).toEqual([]);
    await eventually(() => (hooksOf(started.record).length === 1 ? true : undefined));
    expect(dataOf<{ status: string }>(await api.get(started.callback_url ?? '')).status).toBe('completed');
  },
  async 'webhook-twice'({ arm, refresh, hooksOf }) {
    arm('POST /balance/refresh', { kind: 'webhook-twice', times: 1 });
    const { record } = dataOf<ProviderRecordStarted>(await refresh());
    const hooks = await eventually(() => (hooksOf(record).length === 2 ? hooksOf(record) : undefined));
    expect(hooks[1]?.body).toEqual(hooks[0]?.body);
  },
  async 'webhook-never'({ arm, refresh, api, hooksOf, sandbox }) {
    arm('POST /balance/refresh', { kind: 'webhook-never', times: 1 });
    const started = dataOf<ProviderRecordStarted>(await refresh());
    await eventually(async () =>
      dataOf<{ status: string }>(await api.get(started.callback_url ?? '')).status === 'completed'
        ? true
        : undefined,
    );
    await sandbox.webhooksSettled();
    expect(hooksOf(started.record)).toEqual([]);
  },
  async 'check-changed'(setup) {
    expect(await checkAnswered(setup, 'check-changed')).toBe(true);
  },
  async 'check-unchanged'(setup) {
    expect(await checkAnswered(setup, 'check-unchanged')).toBe(false);
  },
  async 'token-required'({ arm, refresh, api, accountId, sandbox }) {
    arm('POST /balance/check', { kind: 'token-required', times: 1 });
    const check = () => api.post('/balance/check', { account_id: accountId });
    expect(await check()).toMatchObject({
      status: 400,
      body: { status: 'error', type: 'TOKEN_REQUIRED', message: expect.stringMatching(/one-time password/) },
    });
    // Once: the account's own link never changed, and the next check starts a record.
    expect(sandbox.linkStatus(accountId).status).toBe('active');
    expect((await check()).status).toBe(201);
    arm('POST /balance/refresh', { kind: 'token-required', times: 1 });
    expect((await refresh()).body.type).toBe('TOKEN_REQUIRED');
    expect(sandbox.counts().refreshSessions[accountId]).toBeUndefined();
  },
  async 'record-failed'({ arm, refresh, api, hooksOf }) {
    arm('POST /balance/refresh', { kind: 'record-failed', times: 1 });
    const started = dataOf<ProviderRecordStarted>(await refresh());
    const hook = await eventually(() => hooksOf(started.record)[0]);
    expect(hook.body).toMatchObject({ type: 'balance.failed', status: 'failed' });
    const reply = await api.get(started.callback_url ?? '');
    expect(reply).toMatchObject({ status: 502, body: { status: 'error', type: 'BANK_ERROR' } });
  },
};

describe('every fault kind does something observable', () => {
  it.each(FAULT_KINDS)('%s', async (kind) => {
    await observable[kind](await setup());
  });
});

describe('fault plans', () => {
  it("'*' applies to every endpoint, and `times` runs out", async () => {
    const { sandbox, api, accountId } = await setup();
    sandbox.setFaults({ '*': [{ kind: '503', times: 2 }] });
    expect((await api.post('/balance/getByAccount', { account_id: accountId })).status).toBe(503);
    expect((await api.get('/callback?record=x&method=BALANCE')).status).toBe(503);
    expect(sandbox.faults()).toEqual({});
    expect((await api.post('/balance/getByAccount', { account_id: accountId })).status).toBe(200);
  });

  it('faults apply only to routed, authorised calls', async () => {
    const { sandbox, api, accountId } = await setup();
    sandbox.setFaults({ '*': [{ kind: '500' }] });
    expect((await api.post('/nope', {})).status).toBe(404);
    const anonymous = await api.post(
      '/balance/getByAccount',
      { account_id: accountId },
      { authorization: '' },
    );
    expect(anonymous.status).toBe(401);
    expect((await api.post('/balance/getByAccount', { account_id: accountId })).status).toBe(500);
  });

  it('faults compose: a 429 answered with msg and nested data', async () => {
    const { sandbox, refresh } = await setup();
    sandbox.setFaults({ 'POST /balance/refresh': [{ kind: '429' }, { kind: 'msg-instead-of-message' }] });
    expect(await refresh()).toMatchObject({
      status: 429,
      body: { status: 'error', msg: expect.any(String) },
    });
  });

  it('faults given at start are armed, and a bad plan is refused with the fix', async () => {
    const sandbox = await startSandbox({ faults: { 'GET /callback': [{ kind: '429' }] } });
    cleanups.push(() => sandbox.close());
    expect((await providerClient(sandbox).get('/callback?record=r&method=BALANCE')).status).toBe(429);
    const bad = { '*': [{ kind: 'teapot' }] } as unknown as Parameters<Sandbox['setFaults']>[0];
    expect(() => sandbox.setFaults(bad)).toThrow(/FAULT_KINDS/);
  });

  it('close() ends a hung request instead of waiting for it', async () => {
    const { sandbox, arm, api, accountId } = await setup();
    arm('POST /balance/getByAccount', { kind: 'hang' });
    const hung = api
      .post('/balance/getByAccount', { account_id: accountId })
      .catch((error: unknown) => error);
    // The request has reached the sandbox (and is held there) before it closes.
    await eventually(() =>
      sandbox.counts().byEndpoint['POST /balance/getByAccount'] === 1 ? true : undefined,
    );
    await sandbox.close();
    expect(await hung).toBeInstanceOf(Error);
  });
});
