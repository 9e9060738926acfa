import type { ProviderAccountPage, ProviderBalancePage, ProviderRecordStarted } from '@okra-balance/core';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPIRED_LINK_STATUSES, LINK_ERROR_TYPES } from './linkStates.ts';
import type { Sandbox, SandboxOptions } from './sandboxTypes.ts';
import { startSandbox } from './startSandbox.ts';
import { dataOf, eventually, providerClient } from './testing/providerClient.ts';
import { webhookReceiver } from './testing/webhookReceiver.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A sandbox with one linked account (widget options `linkToken: 'lt_life'`) and a webhook receiver. */
async function setup(options: SandboxOptions = {}) {
  const receiver = await webhookReceiver();
  const sandbox: Sandbox = await startSandbox({
    latencyMs: 10,
    duplicateDelayMs: 0,
    webhookUrl: receiver.url,
    customers: 0,
    ...options,
  });
  cleanups.push(() => sandbox.close(), receiver.close);
  const link = await sandbox.linkAccount({
    options: { linkToken: 'lt_life' },
    bankId: 'gtbank',
    accounts: 1,
  });
  const accountId = link.accounts[0]?._id ?? '';
  await eventually(() => receiver.received.find((r) => r.body.record === link.recordId));
  receiver.received.length = 0;
  const api = providerClient(sandbox);
  const call = (method: 'refresh' | 'check') => api.post(`/balance/${method}`, { account_id: accountId });
  const hookOf = (record: unknown) =>
    eventually(() => receiver.received.find((r) => r.body.record === record));

  /** `connected` as every balance read (and the accounts list) reports it. */
  const connected = async () => {
    const balanceId = dataOf<ProviderBalancePage>(
      await api.post('/balance/getByAccount', { account_id: accountId }),
    ).balance?.[0]?._id;
    const reads = await Promise.all([
      api.post('/balance/getByAccount', { account_id: accountId }),
      api.post('/balance/getById', { id: balanceId }),
      api.post('/balance/byOptions', { options: { linkToken: 'lt_life' } }),
      api.post('/balance/getByCustomer', { customer: link.customerId }),
    ]);
    const accounts = await api.post('/accounts/getByCustomer', { customer: link.customerId });
    return [
      ...reads.map((reply) => dataOf<ProviderBalancePage>(reply).balance?.[0]?.connected),
      dataOf<ProviderAccountPage>(accounts).account?.[0]?.connected,
    ];
  };
  return { sandbox, receiver, api, link, accountId, call, hookOf, connected };
}

describe.each(EXPIRED_LINK_STATUSES)('a link that is %s', (status) => {
  it('error-type: billed calls answer 400 with the type and start nothing; reads say connected: false', async () => {
    const { sandbox, accountId, call, connected } = await setup();
    expect(await connected()).toEqual([true, true, true, true, true]);
    expect(sandbox.expireLink(accountId, { status, shape: 'error-type' })).toMatchObject({ status });
    sandbox.resetCounts();

    for (const method of ['refresh', 'check'] as const) {
      const reply = await call(method);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({
        status: 'error',
        message: expect.any(String),
        type: LINK_ERROR_TYPES[status],
      });
      expect(reply.body.message).toMatch(/customer|sign in/);
    }
    expect(sandbox.counts().byAccount[accountId]).toEqual({
      'POST /balance/refresh': 1,
      'POST /balance/check': 1,
    });
    expect(sandbox.counts().refreshSessions).toEqual({});
    await sandbox.webhooksSettled();
    expect(sandbox.webhookDeliveries().filter((d) => d.event.account === accountId)).toHaveLength(1);
    // The last balances are still there, marked as no longer connected.
    expect(await connected()).toEqual([false, false, false, false, false]);
  });

  it('callback-status: the record starts, then its callback and webhook carry the status', async () => {
    const { sandbox, api, link, accountId, call, hookOf, connected } = await setup();
    sandbox.expireLink(accountId, { status, shape: 'callback-status' });
    for (const method of ['refresh', 'check'] as const) {
      const reply = await call(method);
      expect(reply.status).toBe(201);
      const started = dataOf<ProviderRecordStarted>(reply);
      expect(started.callback_url).toContain(`record=${started.record}`);

      const hook = await hookOf(started.record);
      expect(hook.body).toEqual({
        type: 'balance.failed',
        callback_type: method === 'refresh' ? 'BALANCE' : 'CHECK_BALANCE',
        record: started.record,
        customer: link.customerId,
        account: accountId,
        status,
        message: expect.any(String),
        timestamp: expect.any(String),
        env: 'production-sandbox',
      });
      const callback = await api.get(started.callback_url ?? '');
      expect(callback.status).toBe(200);
      expect(callback.body).toMatchObject({
        status: 'success',
        message: expect.any(String),
        data: { status, message: hook.body.message },
      });
    }
    expect(await connected()).toEqual([false, false, false, false, false]);
  });
});

describe('links that expire on their own', () => {
  it('after expireAfterRefreshes billed calls: the last one goes through, the next is refused', async () => {
    const { sandbox, accountId, call } = await setup({ links: { expireAfterRefreshes: 2 } });
    expect((await call('refresh')).status).toBe(201);
    expect(sandbox.linkStatus(accountId).status).toBe('active');
    expect((await call('check')).status).toBe(201);
    expect(sandbox.linkStatus(accountId)).toMatchObject({ status: 'invalid', shape: 'error-type' });
    expect((await call('refresh')).body).toMatchObject({ status: 'error', type: 'INVALID_CREDENTIALS' });
  });

  it('with expireStatus and expireShape, the worn link answers in that status and shape', async () => {
    const links = {
      expireAfterRefreshes: 1,
      expireStatus: 'token_required',
      expireShape: 'callback-status',
    } as const;
    const { sandbox, api, accountId, call } = await setup({ links });
    expect((await call('refresh')).status).toBe(201);
    expect(sandbox.linkStatus(accountId)).toMatchObject({
      status: 'token_required',
      shape: 'callback-status',
    });
    const started = dataOf<ProviderRecordStarted>(await call('refresh'));
    const data = await eventually(async () => {
      const reply = dataOf<{ status?: string }>(await api.get(started.callback_url ?? ''));
      return reply.status === 'pending' ? undefined : reply;
    });
    expect(data.status).toBe('token_required');
  });

  it('after expireAfterMs since the link, dated at its deadline', async () => {
    const { sandbox, link, accountId, call } = await setup({
      links: { expireAfterMs: 1, expireStatus: 'consent_expired' },
    });
    const state = await eventually(() => {
      const now = sandbox.linkStatus(accountId);
      return now.status === 'active' ? undefined : now;
    });
    const linkedAt = Date.parse(link.accounts[0]?.created_at ?? '');
    expect(state).toEqual({
      status: 'consent_expired',
      shape: 'error-type',
      since: new Date(linkedAt + 1).toISOString(),
    });
    expect((await call('refresh')).body.type).toBe('CONSENT_EXPIRED');
  });

  it('never, by default, and not before expireAfterMs', async () => {
    for (const links of [{}, { expireAfterMs: 3_600_000 }]) {
      const { sandbox, accountId, call } = await setup({ links });
      for (let i = 0; i < 3; i += 1) expect((await call('refresh')).status).toBe(201);
      expect(sandbox.linkStatus(accountId).status).toBe('active');
    }
  });

  it('re-authentication restores the same account, starts its count over, and byOptions finds it', async () => {
    const { sandbox, api, link, accountId, call, hookOf } = await setup({
      links: { expireAfterRefreshes: 1 },
    });
    await call('refresh');
    expect(sandbox.linkStatus(accountId).status).toBe('invalid');

    const again = await sandbox.reauthAccount(accountId, { options: { linkToken: 'lt_again' } });
    expect(again.customerId).toBe(link.customerId);
    expect(again.accounts.map((account) => account._id)).toEqual([accountId]);
    expect(again.accounts[0]?.connected).toBe(true);
    expect(sandbox.linkStatus(accountId).status).toBe('active');
    expect((await hookOf(again.recordId)).body).toMatchObject({ status: 'success', account: accountId });
    const found = dataOf<ProviderBalancePage>(
      await api.post('/balance/byOptions', { options: { linkToken: 'lt_again' } }),
    );
    expect(
      found.balance?.map((balance) => [(balance.account as { _id: string })._id, balance.connected]),
    ).toEqual([[accountId, true]]);

    expect((await call('refresh')).status).toBe(201);
    expect((await call('refresh')).body.type).toBe('INVALID_CREDENTIALS');
    await expect(sandbox.reauthAccount('nope')).rejects.toThrow(/Unknown account/);
  });

  it('refuses a bad option, and an unknown account, with the fix', async () => {
    await expect(startSandbox({ links: { expireAfterMs: 0 } })).rejects.toThrow(/links.expireAfterMs/);
    await expect(startSandbox({ links: { expireAfterRefreshes: 1.5 } })).rejects.toThrow(/at least 1/);
    const { sandbox } = await setup();
    expect(() => sandbox.linkStatus('nope')).toThrow(/Unknown account "nope"/);
    expect(() => sandbox.expireLink('nope')).toThrow(RangeError);
  });
});
