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
