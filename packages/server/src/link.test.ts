import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkedAccount, LinkSessionResponse } from '@okra-balance/core';
import { startHarness, type Harness } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';

const pglite = storeBackends[0];

describe('linking accounts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ location: await pglite!.location() });
  });
  afterAll(() => h?.close());

  const session = async (user: string) =>
    (await h.json<LinkSessionResponse>('/link-sessions', { method: 'POST', user, body: '{}' })).body;
  const confirm = (user: string, linkToken: string) =>
    h.json<{ accounts?: LinkedAccount[]; error?: { code: string } }>('/links', {
      method: 'POST',
      user,
      body: JSON.stringify({ linkToken }),
    });

  it('links end to end: the widget config, the provider record found by the token, accounts stored with a balance', async () => {
    const opened = await session('linker');
    expect(opened.widget).toMatchObject({
      key: h.sandbox.credentials.publicKey,
      token: h.sandbox.credentials.clientToken,
      env: 'production-sandbox',
      products: ['auth', 'balance'],
      widgetOrigin: h.sandbox.widgetOrigin,
      options: { linkToken: opened.linkToken },
    });
    // The link's own webhook address, under a key of its own: another session gets another.
    expect(opened.widget.callbackUrl).toMatch(new RegExp(`^${h.url}/webhooks/sandbox/[\\w-]{40,}$`));
    expect((await session('linker')).widget.callbackUrl).not.toBe(opened.widget.callbackUrl);
    const provider = await h.sandbox.linkAccount({
      options: opened.widget.options,
      bankId: 'gtbank',
      accounts: 2,
    });
    const linked = await confirm('linker', opened.linkToken);
    expect(linked.status).toBe(201);
    const accounts = linked.body.accounts ?? [];
    expect(accounts).toHaveLength(2);
    expect(accounts.map((account) => account.maskedNuban).sort()).toEqual(
      provider.accounts.map((upstream) => `******${String(upstream.nuban).slice(-4)}`).sort(),
    );
    for (const account of accounts) {
      expect(account.bank.name).toBe('Guaranty Trust Bank');
      expect(account.balance?.currency).toBe('NGN');
      expect(Number.isInteger(account.balance?.ledger)).toBe(true);
    }
    const listed = await h.json<{ accounts: LinkedAccount[] }>('/accounts', { user: 'linker' });
    expect(listed.body.accounts.map((account) => account.id).sort()).toEqual(
      accounts.map((account) => account.id).sort(),
    );
  });

  it("refuses a used token, another user's token, and an unknown one", async () => {
    const opened = await session('once');
    await h.sandbox.linkAccount({ options: opened.widget.options, accounts: 1 });
    expect((await confirm('other', opened.linkToken)).body.error?.code).toBe('link_token_invalid');
    expect((await confirm('once', opened.linkToken)).status).toBe(201);
    const again = await confirm('once', opened.linkToken);
    expect([again.status, again.body.error?.code]).toEqual([409, 'link_token_used']);
    expect((await confirm('once', 'lt_not_a_token_at_all')).body.error?.code).toBe('link_token_invalid');
  });

  it('keeps a token usable while the provider has no record for it yet', async () => {
    const opened = await session('early');
    const before = await confirm('early', opened.linkToken);
    expect([before.status, before.body.error?.code]).toEqual([404, 'link_not_found']);
    await h.sandbox.linkAccount({ options: opened.widget.options, accounts: 1 });
    expect((await confirm('early', opened.linkToken)).status).toBe(201);
  });

  it('derives the available balance from pending transactions when the bank reports none, and says so', async () => {
    const opened = await session('derived');
    const provider = await h.sandbox.linkAccount({
      options: opened.widget.options,
      bankId: 'union-bank',
      accounts: 5,
    });
    const accounts = (await confirm('derived', opened.linkToken)).body.accounts ?? [];
    expect(accounts).toHaveLength(5);
    let withPending = 0;
    for (const upstream of provider.accounts) {
      const ours = accounts.find((account) => account.maskedNuban.endsWith(String(upstream.nuban).slice(-4)));
      // Worked out here from the provider's own transactions: ledger - pending debits + pending credits, in kobo.
      const reply = await fetch(`${h.sandbox.apiBaseUrl}/transactions/getByAccount`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${h.sandbox.credentials.secretKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ account_id: upstream._id, page: 1, limit: 100 }),
      });
      const { data } = (await reply.json()) as {
        data: { transaction: { debit?: number; credit?: number; cleared_date: string | null }[] };
      };
      const pending = data.transaction.filter((transaction) => transaction.cleared_date === null);
      if (pending.length > 0) withPending += 1;
      const delta = pending.reduce(
        (sum, t) => sum + Math.round((t.credit ?? 0) * 100) - Math.round((t.debit ?? 0) * 100),
        0,
      );
      expect(ours?.balance).toMatchObject({
        derived: true,
        available: (ours?.balance?.ledger ?? NaN) + delta,
      });
    }
    expect(withPending).toBeGreaterThan(0);
  });

  it("refuses an expired token, and a body that carries the widget's own account list", async () => {
    const opened = await session('late');
    await h.sandbox.linkAccount({ options: opened.widget.options, accounts: 1 });
    const forged = await h.json<{ error: { code: string } }>('/links', {
      method: 'POST',
      user: 'late',
      body: JSON.stringify({ linkToken: opened.linkToken, accounts: [{ id: 'someone-elses' }] }),
    });
    expect([forged.status, forged.body.error.code]).toEqual([400, 'invalid_request']);
    await h.useRoute({ now: () => new Date(Date.now() + 16 * 60_000) });
    try {
      const expired = await confirm('late', opened.linkToken);
      expect([expired.status, expired.body.error?.code]).toEqual([410, 'link_token_expired']);
    } finally {
      await h.useRoute();
    }
  });

  it("falls back to the customer's accounts for a provider without byOptions, only those made after the token", async () => {
    const withoutByOptions: typeof fetch = (input, init) =>
      (input instanceof Request ? input.url : input.toString()).endsWith('/balance/byOptions')
        ? Promise.resolve(Response.json({ status: 'error', message: 'Route not found' }, { status: 404 }))
        : fetch(input, init);
    const body = (linkToken: string, customerId?: string) =>
      JSON.stringify({ linkToken, ...(customerId ? { customerId } : {}) });
    await h.useRoute({ linkFallback: 'accounts-by-customer', fetch: withoutByOptions });
    try {
      const opened = await session('fallback');
      const provider = await h.sandbox.linkAccount({ options: opened.widget.options, accounts: 2 });
      const missing = await h.json<{ error: { code: string } }>('/links', {
        method: 'POST',
        user: 'fallback',
        body: body(opened.linkToken),
      });
      expect([missing.status, missing.body.error.code]).toEqual([400, 'invalid_request']);
      const linked = await h.json<{ accounts: LinkedAccount[] }>('/links', {
        method: 'POST',
        user: 'fallback',
        body: body(opened.linkToken, provider.customerId),
      });
      expect(linked.status).toBe(201);
      expect(linked.body.accounts).toHaveLength(2);

      // A token from later than the customer's accounts cannot claim them: they were linked before it existed.
      await h.useRoute({
        linkFallback: 'accounts-by-customer',
        fetch: withoutByOptions,
        now: () => new Date(Date.now() + 5 * 60_000),
      });
      const later = await session('thief');
      const claimed = await h.json<{ error: { code: string } }>('/links', {
        method: 'POST',
        user: 'thief',
        body: body(later.linkToken, provider.customerId),
      });
      expect([claimed.status, claimed.body.error.code]).toEqual([404, 'link_not_found']);
    } finally {
      await h.useRoute();
    }
  });
});
