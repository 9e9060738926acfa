import type {
  ProviderBalance,
  ProviderBalancePage,
  ProviderCheckResult,
  ProviderRecordStarted,
} from '@okra-balance/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotReadyReply } from './api/ApiContext.ts';
import type { Sandbox, SandboxOptions } from './sandboxTypes.ts';
import { startSandbox } from './startSandbox.ts';
import { dataOf, eventually, providerClient } from './testing/providerClient.ts';

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
});

async function setup(options: SandboxOptions = {}) {
  const sandbox = await startSandbox({ latencyMs: 30, ...options });
  open.push(sandbox);
  const api = providerClient(sandbox);
  const link = await sandbox.linkAccount({ bankId: 'access-bank', accounts: 1 });
  const accountId = link.accounts[0]?._id ?? '';
  const ledger = async () => {
    const reply = await api.post('/balance/getByAccount', { account_id: accountId });
    return dataOf<ProviderBalancePage>(reply).balance?.[0]?.ledger_balance;
  };
  const start = async (path: '/balance/refresh' | '/balance/check') =>
    dataOf<ProviderRecordStarted>(await api.post(path, { account_id: accountId }));
  const settled = (url: string) =>
    eventually(async () => {
      const reply = await api.get(url);
      return dataOf<{ status?: string }>(reply).status === 'pending' ? undefined : reply;
    });
  return { sandbox, api, accountId, ledger, start, settled };
}

describe('asynchronous records', () => {
  it('the callback is not ready until the bank latency passes, then returns the fetched balance', async () => {
    // Long enough that the first poll always lands before the bank answers, on a busy machine too.
    const { api, start, settled, accountId } = await setup({ latencyMs: 250 });
    const started = await start('/balance/refresh');
    const early = await api.get(started.callback_url ?? '');
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({
      status: 'success',
      data: { status: 'pending', record: started.record },
    });
    const done = await settled(started.callback_url ?? '');
    expect(done.status).toBe(200);
    const data = dataOf<{ status: string; balance: ProviderBalance }>(done);
    expect(data.status).toBe('completed');
    expect(data.balance).toMatchObject({ account: accountId, record: started.record });
  });

  it.each<[NotReadyReply, number, Record<string, unknown>]>([
    ['not-found', 404, { status: 'error', message: expect.stringContaining('not found') }],
    ['error', 400, { status: 'error', type: 'EMPTY_QUEUE' }],
  ])('notReady %s answers %i before the bank has', async (notReady, status, body) => {
    const { api, start, settled } = await setup({ notReady, latencyMs: 250 });
    const started = await start('/balance/refresh');
    const early = await api.get(started.callback_url ?? '');
    expect(early.status).toBe(status);
    expect(early.body).toMatchObject(body);
    await eventually(async () =>
      (await api.get(started.callback_url ?? '')).status === 200 ? true : undefined,
    );
    expect((await settled(started.callback_url ?? '')).status).toBe(200);
  });

  it('balances move between refreshes, and a check says whether the next refresh will move it', async () => {
    const { start, settled, ledger } = await setup({ seed: 3, duplicateDelayMs: 0 });
    let changedChecks = 0;
    let unchangedChecks = 0;
    for (let round = 0; round < 8; round += 1) {
      const before = await ledger();
      const check = await start('/balance/check');
      const checked = dataOf<ProviderCheckResult>(await settled(check.callback_url ?? ''));
      expect(checked).toMatchObject({ last_checked: expect.any(String), last_fetched: expect.any(String) });
      const refresh = await start('/balance/refresh');
      await settled(refresh.callback_url ?? '');
      const after = await ledger();
      expect(after !== before).toBe(checked.balance_changed);
      if (checked.balance_changed === true) changedChecks += 1;
      else unchangedChecks += 1;
    }
    expect(changedChecks).toBeGreaterThan(0);
    expect(unchangedChecks).toBeGreaterThan(0);
  });

  it('the same seed moves balances the same way', async () => {
    const figures = async () => {
      const { start, settled, ledger } = await setup({ seed: 9, latencyMs: 5, duplicateDelayMs: 0 });
      const seen = [await ledger()];
      for (let i = 0; i < 3; i += 1) {
        await settled((await start('/balance/refresh')).callback_url ?? '');
        seen.push(await ledger());
      }
      return seen;
    };
    expect(await figures()).toEqual(await figures());
  });

  it('a callback with the other method, or an unknown or missing record, is refused', async () => {
    const { api, start, sandbox } = await setup();
    const started = await start('/balance/refresh');
    const wrong = await api.get(`/callback?record=${started.record}&method=CHECK_BALANCE`);
    expect(wrong.status).toBe(400);
    expect((await api.get('/callback?record=nope&method=BALANCE')).status).toBe(404);
    const missing = await api.get('/callback?method=BALANCE');
    expect(missing).toMatchObject({ status: 400, body: { type: 'NO_RECORD_ID' } });
    expect((await api.get(`/callback?record=${started.record}&method=SOMETHING`)).status).toBe(400);
    expect(sandbox.counts().byEndpoint['GET /callback']).toBe(4);
  });
});

describe("the bank's duplicate window", () => {
  it('a second refresh inside the window is held until the window closes and does not move the balance', async () => {
    const { api, start, settled, ledger } = await setup({ duplicateDelayMs: 300, latencyMs: 10, seed: 5 });
    const first = await start('/balance/refresh');
    const second = await start('/balance/refresh');
    expect(second.record).not.toBe(first.record);
    await settled(first.callback_url ?? '');
    const afterFirst = await ledger();
    const held = await api.get(second.callback_url ?? '');
    expect(dataOf<{ status: string }>(held).status).toBe('pending');
    await settled(second.callback_url ?? '');
    expect(await ledger()).toBe(afterFirst);
  });

  it("with duplicateRefresh 'reject' the duplicate gets a 429 RATE_LIMIT, and counts as a call", async () => {
    const { api, sandbox, accountId } = await setup({ duplicateDelayMs: 60_000, duplicateRefresh: 'reject' });
    expect((await api.post('/balance/refresh', { account_id: accountId })).status).toBe(201);
    const second = await api.post('/balance/refresh', { account_id: accountId });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({
      status: 'error',
      type: 'RATE_LIMIT',
      message: expect.stringContaining('60 seconds'),
    });
    expect(sandbox.counts().byAccount[accountId]?.['POST /balance/refresh']).toBe(2);
  });

  it('checks are not held by the duplicate window', async () => {
    const { start, settled } = await setup({ duplicateDelayMs: 60_000, latencyMs: 10 });
    await start('/balance/refresh');
    await start('/balance/refresh');
    const check = await start('/balance/check');
    expect((await settled(check.callback_url ?? '')).status).toBe(200);
  });
});

describe('latency', () => {
  it('setLatency changes how long the next record takes', async () => {
    const { api, start, sandbox } = await setup({ latencyMs: 5 });
    sandbox.setLatency({ min: 60_000, max: 61_000 });
    const slow = await start('/balance/refresh');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(dataOf<{ status: string }>(await api.get(slow.callback_url ?? '')).status).toBe('pending');
    expect(() => sandbox.setLatency({ min: 5, max: 1 })).toThrow(/min <= max/);
    expect(() => sandbox.setLatency(-1)).toThrow(RangeError);
  });
});
