import type { ProviderBalancePage, WidgetSuccessPayload } from '@okra-balance/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../sandboxTypes.ts';
import { startSandbox } from '../startSandbox.ts';
import { dataOf, eventually, providerClient } from '../testing/providerClient.ts';
import { webhookReceiver } from '../testing/webhookReceiver.ts';

/** The widget server's JSON: a problem, or the session or login result. */
type WidgetReply = { error?: { code?: string; attemptsLeft?: number } } & Record<string, unknown>;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function setup() {
  const sandbox: Sandbox = await startSandbox({ latencyMs: 10 });
  cleanups.push(() => sandbox.close());
  const call = async (path: string, body: unknown) => {
    const response = await fetch(`${sandbox.widgetOrigin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as WidgetReply };
  };
  const keys = {
    key: sandbox.credentials.publicKey,
    token: sandbox.credentials.clientToken,
    env: 'production-sandbox',
    products: ['auth', 'balance'],
  };
  const open = async (extra: Record<string, unknown> = {}) => {
    const reply = await call('/api/session', { ...keys, ...extra });
    expect(reply.status).toBe(200);
    return reply.body as { session: string; banks: { _id: string; slug: string }[] };
  };
  return { sandbox, call, keys, open };
}

describe('the widget page', () => {
  it('is served with a nonce CSP, no external assets, and shows the sandbox login', async () => {
    const { sandbox } = await setup();
    const response = await fetch(`${sandbox.widgetOrigin}/?isIframe=true&withOptions=true`);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(response.status).toBe(200);
    expect(csp).toMatch(/script-src 'nonce-[^']+'/);
    expect(csp).toContain("connect-src 'self'");
    expect(html).toContain(JSON.stringify(sandbox.login));
    expect(html).toContain('postMessage');
    expect(html).toContain('ifameLoaded');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toMatch(/<label for="username">/);
  });

  it('answers 404 for anything else', async () => {
    const { sandbox } = await setup();
    expect((await fetch(`${sandbox.widgetOrigin}/nothing`)).status).toBe(404);
  });
});

describe('opening a session checks key, token and env', () => {
  it.each([
    [{ key: 'pk_wrong' }, 401, 'invalid_key'],
    [{ token: 'wrong' }, 401, 'invalid_token'],
    [{ env: 'production' }, 400, 'wrong_env'],
    [{ callback_url: 'javascript:alert(1)' }, 400, 'invalid_callback_url'],
    [{ key: 42 }, 400, 'invalid_options'],
  ])('%o: %i %s', async (override, status, code) => {
    const { call, keys } = await setup();
    const reply = await call('/api/session', { ...keys, ...override });
    expect(reply).toMatchObject({ status, body: { error: { code } } });
  });

  it('lists every bank, or those the filter names', async () => {
    const { open, sandbox } = await setup();
    expect((await open()).banks).toHaveLength(sandbox.banks().length);
    const filtered = await open({ filter: { banks: ['gtbank', 'uba'] } });
    expect(filtered.banks.map((bank) => bank.slug)).toEqual(['gtbank', 'uba']);
  });

  it('refuses malformed JSON with a 400', async () => {
    const { call } = await setup();
    expect((await call('/api/session', '{')).status).toBe(400);
    expect((await call('/api/login', '{')).status).toBe(400);
  });
});

describe('logging in', () => {
  it('creates the customer, accounts and records server-side, with the options and webhook', async () => {
    const receiver = await webhookReceiver();
    cleanups.push(receiver.close);
    const { open, call, sandbox } = await setup();
    const { session, banks } = await open({ options: { linkToken: 'w-1' }, callback_url: receiver.url });
    const bank = banks.find((entry) => entry.slug === 'first-bank');
    const reply = await call('/api/login', { session, bankId: bank?._id, ...sandbox.login });
    expect(reply.status).toBe(200);
    const payload = reply.body as WidgetSuccessPayload;
    expect(payload.auth?.bank_details?.slug).toBe('first-bank');

    const found = await providerClient(sandbox).post('/balance/byOptions', { options: { linkToken: 'w-1' } });
    const balances = dataOf<ProviderBalancePage>(found).balance ?? [];
    expect(balances.map((balance) => (balance.account as { _id: string })._id).sort()).toEqual(
      (payload.accounts ?? []).map((account) => account.id).sort(),
    );
    const hooks = await eventually(() => (receiver.received.length === 2 ? receiver.received : undefined));
    expect(hooks.every((hook) => hook.body.customer === payload.auth?.customer_id)).toBe(true);

    const again = await call('/api/login', { session, bankId: bank?._id, ...sandbox.login });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_linked' } } });
  });

  it('counts wrong logins down to too_many_attempts, then locks the session', async () => {
    const { open, call, sandbox } = await setup();
    const { session, banks } = await open();
    const attempt = () =>
      call('/api/login', { session, bankId: banks[0]?._id, username: 'demo', password: 'no' });
    expect((await attempt()).body.error).toMatchObject({ code: 'wrong_credentials', attemptsLeft: 2 });
    expect((await attempt()).body.error).toMatchObject({ code: 'wrong_credentials', attemptsLeft: 1 });
    expect((await attempt()).body.error).toMatchObject({ code: 'too_many_attempts', attemptsLeft: 0 });
    const locked = await call('/api/login', { session, bankId: banks[0]?._id, ...sandbox.login });
    expect(locked).toMatchObject({ status: 423, body: { error: { code: 'too_many_attempts' } } });
  });

  it('an unknown session or bank is refused', async () => {
    const { open, call, sandbox } = await setup();
    const { session } = await open();
    expect((await call('/api/login', { session: 'nope', bankId: 'x', ...sandbox.login })).status).toBe(404);
    expect((await call('/api/login', { session, bankId: 'nope', ...sandbox.login })).status).toBe(400);
  });
});

describe('re-authenticating one link (reauth_account + reauth_bank)', () => {
  async function expiredLink(status: 'invalid' | 'token_required') {
    const ctx = await setup();
    const link = await ctx.sandbox.linkAccount({ bankId: 'access-bank', accounts: 2 });
    const account = link.accounts[0];
    ctx.sandbox.expireLink(account?._id ?? '', { status });
    return { ...ctx, link, accountId: account?._id ?? '', bankId: link.bank._id };
  }

  it('opens on that account and bank, and asks for the OTP when the link is token_required', async () => {
    const { open, accountId, bankId, link } = await expiredLink('token_required');
    const session = (await open({ reauth_account: accountId, reauth_bank: bankId })) as unknown as {
      reauth: Record<string, unknown>;
    };
    expect(session.reauth).toEqual({
      accountId,
      nuban: `\u2022\u2022\u2022\u2022 ${link.accounts[0]?.nuban.slice(-4) ?? ''}`,
      type: link.accounts[0]?.type,
      bank: expect.objectContaining({ _id: bankId, slug: 'access-bank' }),
      status: 'token_required',
      otp: true,
    });
    const bySlug = (await open({ reauth_account: accountId, reauth_bank: 'access-bank' })) as unknown as {
      reauth: { accountId: string };
    };
    expect(bySlug.reauth.accountId).toBe(accountId);
  });

  it('needs the OTP, then restores the same account with a record carrying the options', async () => {
    const { open, call, sandbox, accountId, bankId, link } = await expiredLink('token_required');
    const { session } = await open({
      reauth_account: accountId,
      reauth_bank: bankId,
      options: { linkToken: 'w-re' },
    });
    const login = { session, bankId, ...sandbox.login };
    const noOtp = await call('/api/login', { ...login, otp: undefined });
    expect(noOtp.body.error).toMatchObject({ code: 'wrong_credentials', attemptsLeft: 2 });
    expect((await call('/api/login', { ...login, otp: '000000' })).body.error?.code).toBe(
      'wrong_credentials',
    );
    expect(sandbox.linkStatus(accountId).status).toBe('token_required');

    const reply = await call('/api/login', login);
    expect(reply.status).toBe(200);
    const payload = reply.body as WidgetSuccessPayload;
    expect(payload.accounts?.map((account) => account.id)).toEqual([accountId]);
    expect(payload.auth?.customer_id).toBe(link.customerId);
    expect(sandbox.linkStatus(accountId).status).toBe('active');
    const found = await providerClient(sandbox).post('/balance/byOptions', {
      options: { linkToken: 'w-re' },
    });
    expect(
      dataOf<ProviderBalancePage>(found).balance?.map((b) => (b.account as { _id: string })._id),
    ).toEqual([accountId]);
  });

  it('an invalid link needs no OTP', async () => {
    const { open, call, sandbox, accountId, bankId } = await expiredLink('invalid');
    const { session } = await open({ reauth_account: accountId, reauth_bank: bankId });
    expect(
      (await call('/api/login', { session, bankId, username: 'demo', password: 'okra-sandbox' })).status,
    ).toBe(200);
    expect(sandbox.linkStatus(accountId).status).toBe('active');
  });

  it.each([
    [{ reauth_account: 'nope', reauth_bank: 'access-bank' }, 404, 'unknown_account'],
    [{ reauth_account: undefined, reauth_bank: 'access-bank' }, 400, 'invalid_reauth'],
    [{ reauth_bank: 'gtbank' }, 400, 'bank_mismatch'],
  ])('refuses %o: %i %s', async (override, status, code) => {
    const { call, keys, accountId } = await expiredLink('invalid');
    const reply = await call('/api/session', { ...keys, reauth_account: accountId, ...override });
    expect(reply).toMatchObject({ status, body: { error: { code } } });
  });

  it('a re-authentication session cannot log in to another bank', async () => {
    const { open, call, sandbox, accountId, bankId } = await expiredLink('invalid');
    const { session, banks } = await open({ reauth_account: accountId, reauth_bank: bankId });
    const other = banks.find((bank) => bank._id !== bankId)?._id;
    const reply = await call('/api/login', { session, bankId: other, ...sandbox.login });
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'unknown_bank' } } });
    expect(sandbox.linkStatus(accountId).status).toBe('invalid');
  });
});
