import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoServer } from './startDemo.ts';

let demo: DemoServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'okra-demo-server-'));
  demo = await startDemo({
    host: '127.0.0.1',
    port: 0,
    provider: null,
    databaseUrl: null,
    dataDir,
    publicUrl: null,
    timeScale: 1,
  });
});

afterAll(async () => {
  await demo.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the demo server', () => {
  it('answers a path with bad percent-encoding with a 400 page that has its security headers', async () => {
    const reply = await fetch(`${demo.url}/%zz`);
    expect(reply.status).toBe(400);
    expect(await reply.text()).toMatch(/not a valid address/);
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('replaces a malformed session cookie instead of adding a second one', async () => {
    const reply = await fetch(`${demo.url}/api/accounts`, {
      headers: { cookie: 'theme=dark; ob_demo_session=<forged>' },
    });
    // The request is served as the new session's (empty) user, not refused for the malformed cookie.
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ accounts: [] });
    expect(reply.headers.get('set-cookie')).toMatch(/^ob_demo_session=[A-Za-z0-9_-]{22,}; Path=\//);
  });
});

describe('link sessions from one address', () => {
  it('are limited per address, not only per user: fresh cookies on every request do not get past 60 a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) {
      // No cookie: each request is a new browser, so a new user to the route.
      const reply = await fetch(`${demo.url}/api/link-sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: demo.url },
        body: '{}',
      });
      statuses.push(reply.status);
    }
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(201));
    expect(new Set(statuses.slice(60))).toEqual(new Set([429]));
  });
});

describe('a restarted demo', () => {
  it('starts its sandbox on the same ports, so callback URLs stored before the restart still match', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'okra-demo-restart-'));
    const config = {
      host: '127.0.0.1',
      port: 0,
      provider: null,
      databaseUrl: null,
      dataDir: dir,
      publicUrl: null,
      timeScale: 1,
    };
    try {
      const first = await startDemo(config);
      const before = { api: first.sandbox?.apiBaseUrl, widget: first.sandbox?.widgetOrigin };
      await first.close();
      const second = await startDemo(config);
      const after = { api: second.sandbox?.apiBaseUrl, widget: second.sandbox?.widgetOrigin };
      await second.close();
      expect(before.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      expect(after).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
