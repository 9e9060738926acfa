import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProviderBalancePage, ProviderRecordStarted } from '@okra-balance/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkAccountResult } from '../linkCustomer.ts';
import type { Sandbox, SandboxOptions } from '../sandboxTypes.ts';
import { startSandbox } from '../startSandbox.ts';
import { dataOf, eventually, providerClient } from '../testing/providerClient.ts';
import { tempDirs } from '../testing/tempDirs.ts';
import { webhookReceiver } from '../testing/webhookReceiver.ts';
import type { SandboxState } from './sandboxStateSchema.ts';

const dirs = tempDirs('okra-sandbox-state-');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  dirs.cleanup();
});

async function start(options: SandboxOptions): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  cleanups.push(() => sandbox.close());
  return sandbox;
}

const readState = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as SandboxState;

/** Refreshes the account and waits for the bank, as a client would. */
async function refresh(sandbox: Sandbox, accountId: string): Promise<string> {
  const api = providerClient(sandbox);
  const started = dataOf<ProviderRecordStarted>(
    await api.post('/balance/refresh', { account_id: accountId }),
  );
  await eventually(async () => {
    const reply = await api.get(started.callback_url ?? '');
    return dataOf<{ status?: string }>(reply).status === 'completed' ? true : undefined;
  });
  return started.record ?? '';
}

/** What a client can read about a link, through every read route. */
async function readLink(sandbox: Sandbox, link: LinkAccountResult) {
  const api = providerClient(sandbox);
  const accountId = link.accounts[0]?._id ?? '';
  const customer = link.customerId;
  const replies = await Promise.all([
    api.post('/balance/getByAccount', { account_id: accountId }),
    api.post('/balance/byOptions', { options: { linkToken: 'lt_kept' } }),
    api.post('/accounts/getByCustomer', { customer }),
    api.post('/balance/getByCustomer', { customer, includePeriodic: true }),
    api.post('/transactions/getByAccount', { account_id: accountId }),
  ]);
  for (const reply of replies) expect(reply.status).toBe(200);
  return replies.map((reply) => reply.body);
}

const ledgerOf = async (sandbox: Sandbox, accountId: string) => {
  const reply = await providerClient(sandbox).post('/balance/getByAccount', { account_id: accountId });
  return dataOf<ProviderBalancePage>(reply).balance?.[0]?.ledger_balance;
};

const idsOf = (link: LinkAccountResult) => [
  link.customerId,
  ...link.recordIds,
  ...link.accounts.flatMap((account) => [account._id, account.nuban]),
];

describe('stateFile', () => {
  const options = { seed: 4, latencyMs: 5, duplicateDelayMs: 0 } satisfies SandboxOptions;

  it('a restarted sandbox answers every read as before, refreshes old accounts and continues the ids', async () => {
    const file = join(dirs.make(), 'nested', 'sandbox.json');
    const first = await start({ ...options, stateFile: file });
    expect(first.stateFile).toBe(file);
    const link = await first.linkAccount({
      options: { linkToken: 'lt_kept' },
      bankId: 'gtbank',
      accounts: 2,
    });
    const accountId = link.accounts[0]?._id ?? '';
    await refresh(first, accountId);
    const before = await readLink(first, link);
    const ledgerBefore = await ledgerOf(first, accountId);
    await first.close();
    const saved = readState(file);
    const known = new Set<string>([
      ...saved.customers.map((doc) => doc._id),
      ...saved.accounts.flatMap((doc) => [doc._id, doc.balanceId, doc.nuban]),
      ...saved.records.map((doc) => doc._id),
      ...Object.values(saved.transactions).flatMap((list) => list.map((doc) => doc._id)),
    ]);

    const second = await start({ ...options, stateFile: file });
    expect(await readLink(second, link)).toEqual(before);
    await refresh(second, accountId);
    const ledgerAfter = await ledgerOf(second, accountId);
    expect(ledgerAfter).not.toBe(ledgerBefore);
    const next = await second.linkAccount({ bankId: 'uba', accounts: 2 });
    for (const id of idsOf(next)) expect(known.has(id)).toBe(false);

    // The same calls on a sandbox that never restarted: the restart changed nothing a client can see.
    const steady = await start(options);
    const steadyLink = await steady.linkAccount({
      options: { linkToken: 'lt_kept' },
      bankId: 'gtbank',
      accounts: 2,
    });
    expect(idsOf(steadyLink)).toEqual(idsOf(link));
    await refresh(steady, accountId);
    await refresh(steady, accountId);
    expect(await ledgerOf(steady, accountId)).toBe(ledgerAfter);
    expect(idsOf(await steady.linkAccount({ bankId: 'uba', accounts: 2 }))).toEqual(idsOf(next));
  });

  /** A sandbox closed while a refresh of a fresh account is still at the bank (latency 250 ms). */
  async function closeMidRefresh() {
    const file = join(dirs.make(), 'sandbox.json');
    const receiver = await webhookReceiver();
    cleanups.push(receiver.close);
    const slow = { ...options, latencyMs: 250, webhookUrl: receiver.url, stateFile: file };
    const first = await start(slow);
    const accountId = (await first.linkAccount({ accounts: 1 })).accounts[0]?._id ?? '';
    const reply = await providerClient(first).post('/balance/refresh', { account_id: accountId });
    const recordId = dataOf<ProviderRecordStarted>(reply).record ?? '';
    await first.close();
    const pending = readState(file).records.find((doc) => doc._id === recordId);
    expect(pending?.status).toBe('pending');
    return { slow, receiver, accountId, recordId, readyAt: pending?.readyAt ?? 0 };
  }

  it('a record still at the bank when the sandbox closed completes after the restart', async () => {
    const { slow, receiver, accountId, recordId } = await closeMidRefresh();
    // No reads on the new sandbox until the webhook: its own timer must complete the record.
    await start(slow);
    const hook = await eventually(() => receiver.received.find((r) => r.body.record === recordId));
    expect(hook.body).toMatchObject({ type: 'balance.success', account: accountId, status: 'success' });
  });

  it('a record that fell due while the sandbox was down completes as soon as it starts', async () => {
    const { slow, receiver, accountId, recordId, readyAt } = await closeMidRefresh();
    await eventually(() => (Date.now() > readyAt ? true : undefined));

    // Again no reads before the webhook: reads complete due records themselves.
    const second = await start(slow);
    const hook = await eventually(() => receiver.received.find((r) => r.body.record === recordId));
    expect(hook.body).toMatchObject({ type: 'balance.success', account: accountId });
    const callback = await providerClient(second).get(`/callback?record=${recordId}&method=BALANCE`);
    expect(dataOf<{ status: string }>(callback).status).toBe('completed');
  });

  it("the bank's duplicate window survives a restart", async () => {
    const file = join(dirs.make(), 'sandbox.json');
    const strict = {
      ...options,
      duplicateDelayMs: 60_000,
      duplicateRefresh: 'reject',
      stateFile: file,
    } as const;
    const first = await start(strict);
    const accountId = (await first.linkAccount({ accounts: 1 })).accounts[0]?._id ?? '';
    const api = providerClient(first);
    expect((await api.post('/balance/refresh', { account_id: accountId })).status).toBe(201);
    await first.close();
    const second = await start(strict);
    const again = await providerClient(second).post('/balance/refresh', { account_id: accountId });
    expect(again).toMatchObject({ status: 429, body: { type: 'RATE_LIMIT' } });
  });

  it('a burst of changes is written once, later, and the file then holds all of them', async () => {
    const file = join(dirs.make(), 'sandbox.json');
    const sandbox = await start({ ...options, stateFile: file });
    const initial = readFileSync(file, 'utf8');
    const links: LinkAccountResult[] = [];
    for (let i = 0; i < 20; i += 1) links.push(await sandbox.linkAccount({ accounts: 1 }));
    // Only microtasks ran since the first link: a save per change would already show here.
    expect(readFileSync(file, 'utf8')).toBe(initial);
    const saved = await eventually(() => {
      const state = readState(file);
      return state.customers.length > JSON.parse(initial).customers.length ? state : undefined;
    });
    const customers = new Set(saved.customers.map((doc) => doc._id));
    for (const link of links) expect(customers.has(link.customerId)).toBe(true);
  });

  it('a new file is written at start, with the seeded customers', async () => {
    const file = join(dirs.make(), 'sandbox.json');
    await start({ ...options, customers: 2, stateFile: file });
    expect(readState(file)).toMatchObject({ version: 1, seed: 4, customers: [{}, {}] });
  });

  it('link statuses, their shapes, call counts and failed records survive a restart', async () => {
    const file = join(dirs.make(), 'sandbox.json');
    const withLinks = { ...options, stateFile: file, links: { expireAfterRefreshes: 2 } };
    const first = await start(withLinks);
    const [expired = '', worn = '', fresh = ''] = (await first.linkAccount({ accounts: 3 })).accounts.map(
      (account) => account._id,
    );
    first.expireLink(expired, { status: 'token_required', shape: 'callback-status' });
    await refresh(first, worn);
    const api = providerClient(first);
    const failed = dataOf<ProviderRecordStarted>(await api.post('/balance/refresh', { account_id: expired }));
    await eventually(async () =>
      dataOf<{ status?: string }>(await api.get(failed.callback_url ?? '')).status === 'pending'
        ? undefined
        : true,
    );
    const states = [expired, worn, fresh].map((id) => first.linkStatus(id));
    await first.close();

    const second = await start(withLinks);
    expect([expired, worn, fresh].map((id) => second.linkStatus(id))).toEqual(states);
    const again = providerClient(second);
    expect(
      dataOf<{ status?: string }>(await again.get(`/callback?record=${failed.record ?? ''}&method=BALANCE`))
        .status,
    ).toBe('token_required');
    // The worn link had one billed call before the restart: the next one is its last.
    expect((await again.post('/balance/refresh', { account_id: worn })).status).toBe(201);
    expect(second.linkStatus(worn).status).toBe('invalid');
    expect(second.linkStatus(fresh).status).toBe('active');
  });

  it('a file written before links could expire loads with every link active', async () => {
    const file = join(dirs.make(), 'sandbox.json');
    const first = await start({ ...options, stateFile: file });
    const { accounts } = await first.linkAccount({ accounts: 1 });
    first.expireLink(accounts[0]?._id ?? '');
    await first.close();
    const state = readState(file) as unknown as {
      accounts: { link?: unknown }[];
      records: { linkStatus?: unknown }[];
    };
    for (const account of state.accounts) delete account.link;
    for (const record of state.records) delete record.linkStatus;
    writeFileSync(file, JSON.stringify(state));

    const second = await start({ ...options, stateFile: file });
    expect(second.linkStatus(accounts[0]?._id ?? '')).toEqual({
      status: 'active',
      shape: 'error-type',
      since: accounts[0]?.created_at,
    });
  });
});
