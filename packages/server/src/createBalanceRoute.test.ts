import { describe, expect, it } from 'vitest';
import { defineProvider } from '@okra-balance/core';
import type { BalanceRouteOptions } from './BalanceRouteOptions.ts';
import { createBalanceRoute } from './createBalanceRoute.ts';
import { handlers } from './handlers.ts';
import { storeBackends } from './testing/storeBackends.ts';

// Nothing listens on port 9 (discard): this route never needs its provider.
const provider = defineProvider({
  id: 'nowhere',
  apiBaseUrl: 'http://127.0.0.1:9/v2',
  widgetOrigin: 'http://127.0.0.1:9',
});
const options: BalanceRouteOptions = {
  provider,
  secretKey: 'sk_mount_test',
  publicKey: 'pk_mount_test',
  clientToken: 'token',
  env: 'production-sandbox',
  authenticate: (request) => (request.headers.get('cookie') === 'session=u1' ? { id: 'u1' } : null),
  basePath: '/api/balance',
};

describe('createBalanceRoute', () => {
  it('mounts under its base path as Next.js route handlers, on its own in-memory store, and closes it', async () => {
    const route = await createBalanceRoute(options);
    const { GET, POST } = handlers(route);
    const health = await GET(new Request('http://localhost/api/balance/health'));
    expect(await health.json()).toEqual({ ok: true });
    expect((await GET(new Request('http://localhost/health'))).status).toBe(404);
    const session = await POST(
      new Request('http://localhost/api/balance/link-sessions', {
        method: 'POST',
        headers: { cookie: 'session=u1' },
      }),
    );
    expect(session.status).toBe(201);
    const body = (await session.json()) as { linkToken: string; widget: Record<string, unknown> };
    expect(body.widget).toMatchObject({
      key: 'pk_mount_test',
      env: 'production-sandbox',
      options: { linkToken: body.linkToken },
    });
    expect(body.widget).not.toHaveProperty('callbackUrl');
    expect(JSON.stringify(body)).not.toContain('sk_mount_test');
    await route.close();
    await expect(route.store.ping()).rejects.toThrow();
  });

  it('makes the route lazily on the first request, once, and again after a failed start', async () => {
    let starts = 0;
    const made: { close(): Promise<void> }[] = [];
    const { GET } = handlers(async () => {
      starts += 1;
      if (starts === 1) throw new Error('database not up yet');
      const location = await storeBackends[0]!.location();
      const store = await location.open();
      const route = await createBalanceRoute({ ...options, basePath: '/lazy', store });
      made.push({
        close: () =>
          route
            .close()
            .then(() => store.close())
            .then(() => location.dispose()),
      });
      return route;
    });
    expect(starts).toBe(0);
    await expect(GET(new Request('http://localhost/lazy/health'))).rejects.toThrow('database not up yet');
    const answers = await Promise.all([1, 2, 3].map(() => GET(new Request('http://localhost/lazy/health'))));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(starts).toBe(2);
    await Promise.all(made.map((route) => route.close()));
  });

  it('refuses options that cannot work, saying what to pass', async () => {
    const bad: [Partial<BalanceRouteOptions>, RegExp][] = [
      [{ authenticate: undefined as never }, /authenticate is required/],
      [{ secretKey: ' ' }, /secretKey must be a non-empty string/],
      [{ env: 'sandbox' as never }, /env must be 'production' or 'production-sandbox'/],
      [{ basePath: 'api' }, /basePath must start with "\/"/],
      [{ publicUrl: 'example.com/api' }, /publicUrl must be an absolute http\(s\) URL/],
      [{ webhookToken: 'short' }, /webhookToken must be at least 16 characters/],
      [{ refresh: { strategy: 'sometimes' as never } }, /refresh.strategy/],
      [{ allowedOrigins: ['not a url'] }, /Invalid URL/],
      [
        { refresh: { schedule: { everyHours: 0 } } },
        /everyHours must be a whole number of hours from 1 to 168/,
      ],
      [{ refresh: { schedule: { everyHours: 2.5 } } }, /everyHours/],
      [{ refresh: { schedule: { jitter: 0.9 } } }, /jitter must be a fraction from 0 to 0.5/],
      [{ refresh: { schedule: { hourMs: 0 } } }, /hourMs/],
      [{ refresh: { schedule: { strategy: 'never' as never } } }, /refresh.schedule.strategy/],
      [{ linkHealth: { statuses: { LOCKED: 'locked' as never } } }, /linkHealth.statuses.LOCKED must be/],
    ];
    for (const [override, message] of bad) {
      await expect(
        createBalanceRoute({ ...options, store: undefined as never, ...override }),
      ).rejects.toThrow(message);
    }
  });
});
