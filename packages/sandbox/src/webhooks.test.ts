import type { ProviderRecordStarted } from '@okra-balance/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox, SandboxOptions } from './sandboxTypes.ts';
import { startSandbox } from './startSandbox.ts';
import { dataOf, eventually, providerClient } from './testing/providerClient.ts';
import { webhookReceiver } from './testing/webhookReceiver.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function setup(statuses: number[] = [], options: SandboxOptions = {}) {
  const receiver = await webhookReceiver();
  const sandbox: Sandbox = await startSandbox({
    latencyMs: 10,
    webhookUrl: receiver.url,
    webhookToken: 'whk_test',
    webhookRetries: 2,
    webhookRetryDelayMs: 10,
    duplicateDelayMs: 0,
    ...options,
  });
  cleanups.push(() => sandbox.close(), receiver.close);
  const link = await sandbox.linkAccount({ accounts: 1 });
  const accountId = link.accounts[0]?._id ?? '';
  // The link's own record posts a webhook too: let it land before the test's statuses apply.
  await eventually(() => receiver.received.find((r) => r.body.record === link.recordId));
  receiver.received.length = 0;
  receiver.failNext(statuses);
  const api = providerClient(sandbox);
  const refresh = async (path = '/balance/refresh') =>
    dataOf<ProviderRecordStarted>(await api.post(path, { account_id: accountId }));
  return { sandbox, receiver, link, accountId, refresh };
}

describe('webhooks', () => {
  it('a completed refresh is posted as JSON with the bearer token', async () => {
    const { receiver, refresh, link, accountId, sandbox } = await setup();
    const started = await refresh();
    const hook = await eventually(() => receiver.received.find((r) => r.body.record === started.record));
    expect(hook.headers.authorization).toBe('Bearer whk_test');
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.path).toBe('/hooks/okra');
    expect(hook.body).toEqual({
      type: 'balance.success',
      callback_type: 'BALANCE',
      record: started.record,
      customer: link.customerId,
      account: accountId,
      status: 'success',
      timestamp: expect.any(String),
      env: 'production-sandbox',
    });
    const delivery = await eventually(() =>
      sandbox.webhookDeliveries().find((d) => d.event.record === started.record),
    );
    expect(delivery).toMatchObject({ attempt: 1, copy: 1, status: 200, delivered: true, url: receiver.url });
  });

  it('a check event carries balance_changed', async () => {
    const { receiver, refresh } = await setup();
    const started = await refresh('/balance/check');
    const hook = await eventually(() => receiver.received.find((r) => r.body.record === started.record));
    expect(hook.body).toMatchObject({ callback_type: 'CHECK_BALANCE', balance_changed: expect.any(Boolean) });
  });

  it('a failed delivery is retried, and stops once delivered', async () => {
    const { receiver, refresh, sandbox } = await setup([500]);
    const started = await refresh();
    // Wait for the sandbox's log of both attempts (written once each answer is read): the receiver sees the
    // second request before the sandbox has read its answer.
    const attempts = await eventually(() => {
      const all = sandbox.webhookDeliveries().filter((d) => d.event.record === started.record);
      return all.length === 2 ? all : undefined;
    });
    expect(receiver.received).toHaveLength(2);
    expect(attempts.map((d) => [d.attempt, d.status, d.delivered])).toEqual([
      [1, 500, false],
      [2, 200, true],
    ]);
  });

  it('retries are bounded: 1 + webhookRetries attempts, then it gives up', async () => {
    const { receiver, refresh, sandbox } = await setup([503, 503, 503, 503, 503]);
    const started = await refresh();
    const ofRecord = () => sandbox.webhookDeliveries().filter((d) => d.event.record === started.record);
    await eventually(() => (ofRecord().length === 3 ? true : undefined));
    // Once nothing is under way or waiting to retry, a fourth attempt can no longer come.
    await sandbox.webhooksSettled();
    expect(receiver.received).toHaveLength(3);
    const attempts = ofRecord();
    expect(attempts.map((d) => d.attempt)).toEqual([1, 2, 3]);
    expect(attempts.every((d) => !d.delivered)).toBe(true);
  });

  it('an unreachable receiver is retried too, with the network error recorded', async () => {
    const { sandbox, refresh, receiver } = await setup();
    await receiver.close();
    const started = await refresh();
    const failures = await eventually(() => {
      const all = sandbox.webhookDeliveries().filter((d) => d.event.record === started.record);
      return all.length === 3 ? all : undefined;
    });
    expect(failures.every((d) => d.status === null && d.error !== null)).toBe(true);
  });

  it("a record's own callback_url wins over the sandbox-wide webhook URL", async () => {
    const own = await webhookReceiver();
    cleanups.push(own.close);
    const { receiver, sandbox } = await setup();
    const link = await sandbox.linkAccount({ callbackUrl: own.url, accounts: 1 });
    await eventually(() => (own.received.length === 1 ? true : undefined));
    expect(own.received[0]?.body).toMatchObject({ record: link.recordId, customer: link.customerId });
    expect(receiver.received.filter((r) => r.body.record === link.recordId)).toEqual([]);
  });

  it('sends the dashboard token to a page-chosen callback_url only with webhookTokenScope everywhere', async () => {
    for (const scope of ['dashboard', 'everywhere'] as const) {
      const own = await webhookReceiver();
      cleanups.push(own.close);
      const { sandbox } = await setup([], { webhookTokenScope: scope });
      await sandbox.linkAccount({ callbackUrl: own.url, accounts: 1 });
      const hook = await eventually(() => own.received[0]);
      expect(hook.headers.authorization).toBe(scope === 'everywhere' ? 'Bearer whk_test' : undefined);
    }
  });

  it('without any webhook URL nothing is posted', async () => {
    const sandbox = await startSandbox({ latencyMs: 5 });
    cleanups.push(() => sandbox.close());
    const link = await sandbox.linkAccount({ accounts: 1 });
    const api = providerClient(sandbox);
    const started = dataOf<ProviderRecordStarted>(
      await api.post('/balance/refresh', { account_id: link.accounts[0]?._id }),
    );
    // The record completes (the moment its webhook would go), then nothing is left to send.
    await eventually(async () =>
      dataOf<{ status: string }>(await api.get(started.callback_url ?? '')).status === 'completed'
        ? true
        : undefined,
    );
    await sandbox.webhooksSettled();
    expect(sandbox.webhookDeliveries()).toEqual([]);
  });

  it('close() cancels pending retries', async () => {
    const { receiver, refresh, sandbox } = await setup([500, 500, 500], { webhookRetryDelayMs: 300 });
    await refresh();
    await eventually(() => (receiver.received.length === 1 ? true : undefined));
    await sandbox.close();
    // Closing dropped the retry that was waiting: nothing is pending, so nothing more can arrive.
    await sandbox.webhooksSettled();
    expect(receiver.received).toHaveLength(1);
  });
});
