import type {
  ProviderAccount,
  ProviderAccountPage,
  ProviderBalance,
  ProviderBalancePage,
  ProviderRecordStarted,
  ProviderTransactionPage,
} from '@okra-balance/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkAccountResult } from '../linkCustomer.ts';
import type { Sandbox } from '../sandboxTypes.ts';
import { startSandbox } from '../startSandbox.ts';
import { dataOf, providerClient } from '../testing/providerClient.ts';

let sandbox: Sandbox;
let api: ReturnType<typeof providerClient>;
let link: LinkAccountResult;
let accountId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ latencyMs: 20, seed: 11 });
  api = providerClient(sandbox);
  link = await sandbox.linkAccount({ options: { linkToken: 'lt-api' }, bankId: 'gtbank', accounts: 3 });
  accountId = link.accounts[0]?._id ?? '';
});
afterAll(() => sandbox.close());

describe('reads', () => {
  it('getByAccount answers the success envelope with one balance in naira and the pagination block', async () => {
    const reply = await api.post('/balance/getByAccount', { account_id: accountId, page: 1, limit: 10 });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'success', message: expect.any(String) });
    const page = dataOf<ProviderBalancePage>(reply);
    expect(page.balance).toHaveLength(1);
    const [balance] = page.balance ?? [];
    expect(balance).toMatchObject({ account: accountId, customer: link.customerId, currency: 'NGN' });
    expect(Number.isInteger(Math.round((balance?.ledger_balance ?? NaN) * 100))).toBe(true);
    expect(page.pagination).toEqual({
      totalDocs: 1,
      limit: 10,
      page: 1,
      totalPages: 1,
      pagingCounter: 1,
      hasPrevPage: false,
      hasNextPage: false,
      prevPage: null,
      nextPage: null,
    });
  });

  it('accepts the older `account` field for the account id', async () => {
    const reply = await api.post('/balance/getByAccount', { account: accountId });
    expect(dataOf<ProviderBalancePage>(reply).balance?.[0]?.account).toBe(accountId);
  });

  it('getByCustomer pages through every account of the customer, periodic only when asked', async () => {
    const first = await api.post('/balance/getByCustomer', { customer: link.customerId, page: 1, limit: 2 });
    const second = await api.post('/balance/getByCustomer', {
      customer: link.customerId,
      page: '2',
      limit: '2',
    });
    const one = dataOf<ProviderBalancePage>(first);
    const two = dataOf<ProviderBalancePage>(second);
    expect(one.balance).toHaveLength(2);
    expect(two.balance).toHaveLength(1);
    expect(one.pagination).toMatchObject({ totalDocs: 3, totalPages: 2, hasNextPage: true, nextPage: 2 });
    expect(two.pagination).toMatchObject({ page: 2, hasPrevPage: true, prevPage: 1, pagingCounter: 3 });
    const ids = [...(one.balance ?? []), ...(two.balance ?? [])].map((balance) => balance.account);
    expect(new Set(ids)).toEqual(new Set(link.accounts.map((account) => account._id)));
    expect(one.balance?.[0]).not.toHaveProperty('periodic');
    const withPeriodic = await api.post('/balance/getByCustomer', {
      customer: link.customerId,
      includePeriodic: true,
    });
    expect(dataOf<ProviderBalancePage>(withPeriodic).balance?.[0]).toHaveProperty('periodic');
  });

  it('getByCustomer of an unknown customer is an empty page, not an error', async () => {
    const reply = await api.post('/balance/getByCustomer', { customer: 'nobody' });
    expect(reply.status).toBe(200);
    expect(dataOf<ProviderBalancePage>(reply)).toMatchObject({ balance: [], pagination: { totalDocs: 0 } });
  });

  it('getById finds the balance by its id, in the list shape', async () => {
    const balanceId = link.accounts[1]?.balance ?? '';
    const reply = await api.post('/balance/getById', { id: balanceId });
    expect(reply.status).toBe(200);
    const [balance] = dataOf<ProviderBalancePage>(reply).balance ?? [];
    expect(balance).toMatchObject({ _id: balanceId, account: link.accounts[1]?._id });
  });

  it('byOptions matches the stored options and populates account, bank and customer', async () => {
    await sandbox.linkAccount({ options: { linkToken: 'someone-else' } });
    const reply = await api.post('/balance/byOptions', { options: { linkToken: 'lt-api' } });
    const balances = dataOf<ProviderBalancePage>(reply).balance ?? [];
    expect(balances).toHaveLength(3);
    const account = balances[0]?.account as ProviderAccount;
    expect(account).toMatchObject({ name: expect.any(String), currency: 'NGN', bank: { slug: 'gtbank' } });
    expect(account.nuban).toMatch(/^\d{10}$/);
    expect(balances[0]?.customer).toMatchObject({ _id: link.customerId, name: expect.any(String) });
    expect(balances[0]?.record).toEqual(expect.any(String));
    const none = await api.post('/balance/byOptions', { options: { linkToken: 'lt-api', other: 1 } });
    expect(dataOf<ProviderBalancePage>(none).balance).toEqual([]);
  });

  it('accounts/getByCustomer lists the accounts with their bank and balance id', async () => {
    const reply = await api.post('/accounts/getByCustomer', { customer: link.customerId });
    const accounts = dataOf<ProviderAccountPage>(reply).account ?? [];
    expect(accounts.map((account) => account._id)).toEqual(link.accounts.map((account) => account._id));
    expect(accounts[0]).toMatchObject({ customer: link.customerId, balance: link.accounts[0]?.balance });
  });

  it('transactions/getByAccount marks pending transactions with a null cleared_date', async () => {
    const reply = await api.post('/transactions/getByAccount', { account_id: accountId, limit: 100 });
    const transactions = dataOf<ProviderTransactionPage>(reply).transaction ?? [];
    expect(transactions.length).toBeGreaterThan(4);
    for (const transaction of transactions) {
      expect((transaction.debit ?? null) === null).not.toBe((transaction.credit ?? null) === null);
    }
  });
});

describe('some banks never report an available balance', () => {
  it('Union Bank sends null, Wema Bank sends no key, GTBank sends a number', async () => {
    const read = async (bankId: string): Promise<ProviderBalance | undefined> => {
      const linked = await sandbox.linkAccount({ bankId, accounts: 1 });
      const reply = await api.post('/balance/getByAccount', { account_id: linked.accounts[0]?._id });
      return dataOf<ProviderBalancePage>(reply).balance?.[0];
    };
    expect((await read('union-bank'))?.available_balance).toBeNull();
    expect(await read('wema-bank')).not.toHaveProperty('available_balance');
    expect((await read('gtbank'))?.available_balance).toEqual(expect.any(Number));
  });
});

describe('refresh and check start records', () => {
  it('refresh answers at once with a callback_url on this API and method BALANCE', async () => {
    const reply = await api.post('/balance/refresh', { account_id: link.accounts[2]?._id });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: 'success', message: 'Balance checking...' });
    const started = dataOf<ProviderRecordStarted>(reply);
    expect(started.method).toBe('BALANCE');
    expect(started.callback_url).toBe(
      `${sandbox.apiBaseUrl}/callback?record=${started.record}&method=BALANCE`,
    );
  });

  it("check answers with method CHECK_BALANCE and accepts okra-node's record_id", async () => {
    const reply = await api.post('/balance/check', { account_id: accountId, record_id: 'whatever' });
    expect(reply.status).toBe(201);
    const started = dataOf<ProviderRecordStarted>(reply);
    expect(started.callback_url).toContain('method=CHECK_BALANCE');
  });
});

describe('bad input gets the error envelope', () => {
  it.each([
    ['no key', {}, 401],
    ['a wrong key', { authorization: 'Bearer sk_wrong' }, 401],
    ['a key without Bearer', { authorization: 'sk_sandbox' }, 401],
  ])('%s: 401', async (_name, headers, status) => {
    const reply = await api.request('POST', '/balance/getByAccount', {
      body: JSON.stringify({ account_id: accountId }),
      headers: { authorization: '', ...headers },
    });
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({ status: 'error', message: expect.stringContaining('secret key') });
  });

  it('an unknown route is a 404, a known route with the wrong method a 405', async () => {
    expect((await api.post('/balance/nothing', {})).status).toBe(404);
    expect((await api.post('/balance/refresh/', {})).status).toBe(404);
    const wrong = await api.get('/balance/refresh');
    expect(wrong.status).toBe(405);
    expect(wrong.body).toMatchObject({ status: 'error', message: expect.stringContaining('POST') });
    expect((await api.post('/callback', {})).status).toBe(405);
  });

  it('a route outside /v2 is a 404 even when its path matches one inside', async () => {
    const origin = new URL(sandbox.apiBaseUrl).origin;
    expect((await api.post(`${origin}/balance/getByAccount`, { account_id: accountId })).status).toBe(404);
  });

  it.each([
    ['malformed JSON', '{"account_id": ', 'not valid JSON'],
    ['a JSON array', '[1,2]', 'JSON object'],
    ['no account id', '{}', 'account_id'],
    ['a number for the id', '{"account_id": 42}', 'account_id'],
    ['a bad page', `{"account_id": "x", "page": 0}`, 'page'],
    ['a huge limit', `{"account_id": "x", "limit": 5000}`, 'limit'],
  ])('%s: 400', async (_name, body, words) => {
    const reply = await api.request('POST', '/balance/getByAccount', { body });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ status: 'error', message: expect.stringContaining(words) });
  });

  it.each(['/balance/refresh', '/balance/check', '/balance/getByAccount', '/transactions/getByAccount'])(
    'an unknown account on %s: 404',
    async (path) => {
      const reply = await api.post(path, { account_id: 'no-such-account' });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ status: 'error', message: 'Account no-such-account not found' });
    },
  );

  it('getById of an unknown balance: 404; byOptions with no options: 400', async () => {
    expect((await api.post('/balance/getById', { id: 'nope' })).status).toBe(404);
    expect((await api.post('/balance/byOptions', { options: {} })).status).toBe(400);
    expect((await api.post('/balance/byOptions', { options: 'linkToken' })).status).toBe(400);
  });
});
