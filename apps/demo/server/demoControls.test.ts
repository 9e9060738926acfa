import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '@okra-balance/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoConfig } from './config.ts';
import { newSessionId, SESSION_COOKIE } from './session.ts';
import { startDemo, type DemoServer } from './startDemo.ts';

let demo: DemoServer;
let sandbox: Sandbox;
let dataDir: string;
const cookie = `${SESSION_COOKIE}=${newSessionId()}`;

const config = (dir: string): DemoConfig => ({
  host: '127.0.0.1',
  port: 0,
  provider: null,
  databaseUrl: null,
  dataDir: dir,
  publicUrl: null,
  timeScale: 1,
});

function call(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  return fetch(`${demo.url}${path}`, {
    method: init.method ?? 'POST',
    headers: { cookie, origin: demo.url, 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
}

/** Links one sandbox account for the cookie's user, as the widget and the page would. */
async function linkOne(): Promise<{ accountId: string; providerId: string }> {
  const session = (await (await call('/api/link-sessions', { body: '{}' })).json()) as { linkToken: string };
  const linked = await sandbox.linkAccount({ options: { linkToken: session.linkToken }, accounts: 1 });
  const reply = await call('/api/links', { body: JSON.stringify({ linkToken: session.linkToken }) });
  const { accounts } = (await reply.json()) as { accounts: { id: string }[] };
  return { accountId: accounts[0]?.id ?? '', providerId: linked.accounts[0]?._id ?? '' };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'okra-demo-controls-'));
  demo = await startDemo(config(dataDir));
  if (demo.sandbox === null) throw new Error('the demo started without its sandbox');
  sandbox = demo.sandbox;
});

afterAll(async () => {
  await demo.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('POST /demo/accounts/:id/expire', () => {
  it('expires the link of that account in the sandbox, and no other', async () => {
    const first = await linkOne();
    const second = await linkOne();
    expect(first.providerId).not.toBe(second.providerId);
    const reply = await call(`/demo/accounts/${first.accountId}/expire`, {
      body: JSON.stringify({ status: 'token_required' }),
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ status: 'token_required' });
    expect(sandbox.linkStatus(first.providerId).status).toBe('token_required');
    expect(sandbox.linkStatus(second.providerId).status).toBe('active');
    // An empty body expires it as a refused password.
    expect((await call(`/demo/accounts/${second.accountId}/expire`)).status).toBe(200);
    expect(sandbox.linkStatus(second.providerId).status).toBe('invalid');
  });

  it('is a 404 for another user’s account, and 4xx with a code for a bad request', async () => {
    const { accountId, providerId } = await linkOne();
    const stranger = `${SESSION_COOKIE}=${newSessionId()}`;
    const cases: [Parameters<typeof call>[1], number, string][] = [
      [{ headers: { cookie: stranger } }, 404, 'not_found'],
      [{ body: '{"status":"gone"}' }, 400, 'invalid_request'],
      [{ body: '{"status":"invalid","extra":1}' }, 400, 'invalid_request'],
      [{ body: '{not json' }, 400, 'invalid_json'],
      [{ body: '{}', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
      [{ body: '{}', headers: { origin: 'http://evil.example' } }, 403, 'cross_site_request'],
      [{ method: 'GET' }, 405, 'method_not_allowed'],
    ];
    for (const [init, status, code] of cases) {
      const reply = await call(`/demo/accounts/${accountId}/expire`, init);
      expect([reply.status, ((await reply.json()) as { error: { code: string } }).error.code]).toEqual([
        status,
        code,
      ]);
    }
    expect((await call('/demo/accounts/acct_nope/expire')).status).toBe(404);
    expect(sandbox.linkStatus(providerId).status).toBe('active');
  });
});

describe('the demo with a real provider', () => {
  it('serves no sandbox controls', async () => {
    const provider = await startSandbox({ port: 0, widgetPort: 0, seed: 2 });
    const dir = await mkdtemp(join(tmpdir(), 'okra-demo-provider-'));
    const withProvider = await startDemo({
      ...config(dir),
      provider: { provider: provider.provider, ...provider.credentials },
    });
    try {
      const reply = await fetch(`${withProvider.url}/demo/accounts/acct_x/expire`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(reply.status).toBe(404);
      expect(await reply.json()).toMatchObject({ error: { code: 'not_found' } });
    } finally {
      await withProvider.close();
      await provider.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
