import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineProvider } from '@okra-balance/core';
import type { BalanceRouteOptions } from './BalanceRouteOptions.ts';
import { createBalanceRoute, type BalanceRoute } from './createBalanceRoute.ts';
import { serveNode, type NodeServer } from './serveNode.ts';
import type { LogLine } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';
import type { StoreLocation } from './testing/storeBackends.ts';

// POST /link-sessions never calls the provider: nothing listens on port 9 (discard).
const provider = defineProvider({
  id: 'nowhere',
  apiBaseUrl: 'http://127.0.0.1:9/v2',
  widgetOrigin: 'http://127.0.0.1:9',
});

interface Served {
  port: number;
  logs: LogLine[];
  /** POST /link-sessions with exactly these headers (Host included), over real HTTP. */
  post(headers: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/**
 * The route on a real HTTP server. `nextLike` puts it behind what a Next.js route handler does: whatever
 * Host the browser used, `request.url` is `http://localhost:PORT`.
 */
async function serve(
  location: StoreLocation,
  nextLike: boolean,
  options: (port: number) => Partial<BalanceRouteOptions>,
): Promise<Served> {
  const logs: LogLine[] = [];
  let route: BalanceRoute | null = null;
  const server: NodeServer = await serveNode(
    {
      async fetch(request) {
        if (route === null) return new Response('starting', { status: 503 });
        if (!nextLike) return route.fetch(request);
        const url = new URL(request.url);
        const rewritten = `http://localhost:${server.port}${url.pathname}${url.search}`;
        const body = request.method === 'GET' ? null : await request.arrayBuffer();
        return route.fetch(
          new Request(rewritten, { method: request.method, headers: request.headers, body }),
        );
      },
    },
    { port: 0 },
  );
  const store = await location.open();
  route = await createBalanceRoute({
    provider,
    secretKey: 'sk_cross_site_test',
    publicKey: 'pk_cross_site_test',
    clientToken: 'token',
    env: 'production-sandbox',
    authenticate: () => ({ id: 'u1' }),
    store,
    logger: {
      info: (message, details) => logs.push({ level: 'info', message, details }),
      warn: (message, details) => logs.push({ level: 'warn', message, details }),
      error: (message, details) => logs.push({ level: 'error', message, details }),
    },
    ...options(server.port),
  });
  return {
    port: server.port,
    logs,
    // node:http, not fetch: fetch always sends the Host of the URL, and a browser's Host is what is tested.
    post: (headers) =>
      new Promise((resolve, reject) => {
        const outgoing = httpRequest(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/link-sessions',
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
          },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          },
        );
        outgoing.on('error', reject);
        outgoing.end('{}');
      }),
    async close() {
      await server.close();
      await route?.close();
      await store.close();
    },
  };
}

const warnings = (served: Served) =>
  served.logs.filter((line) => line.level === 'warn').map((line) => line.message);

describe('same-origin check', () => {
  let location: StoreLocation;
  beforeAll(async () => {
    location = await storeBackends[0]!.location();
  });
  afterAll(() => location?.dispose());

  describe('behind Next.js, with nothing configured', () => {
    let next: Served;
    beforeAll(async () => {
      next = await serve(location, true, () => ({}));
    });
    afterAll(() => next?.close());

    it('accepts a page on whatever host the browser used, though request.url says localhost', async () => {
      const statuses = [];
      for (const host of [`127.0.0.1:${next.port}`, `localhost:${next.port}`]) {
        statuses.push(
          await next.post({ host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' }),
          await next.post({ host, origin: `http://${host}` }),
        );
      }
      expect(statuses).toEqual([201, 201, 201, 201]);
      expect(warnings(next)).toEqual([]);
    });

    it('refuses a foreign Origin, Origin null, and a browser request without an Origin, logging why', async () => {
      const host = `127.0.0.1:${next.port}`;
      const refused = [
        await next.post({ host, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }),
        await next.post({ host, origin: 'null' }),
        await next.post({ host, 'sec-fetch-site': 'cross-site' }),
        await next.post({ host, 'sec-fetch-site': 'same-site' }),
        // The browser says the page is not same-origin, whatever its Origin claims.
        await next.post({ host, origin: `http://${host}`, 'sec-fetch-site': 'same-site' }),
      ];
      expect(refused).toEqual([403, 403, 403, 403, 403]);
      expect(warnings(next)).toEqual([
        `cross_site_request refused: Origin https://evil.example is not on this request's Host ${host} nor in publicUrl/allowedOrigins`,
        'cross_site_request refused: Origin null (a sandboxed page, a file or a redirect) is never allowed',
        'cross_site_request refused: no Origin, and Sec-Fetch-Site is cross-site',
        'cross_site_request refused: no Origin, and Sec-Fetch-Site is same-site',
        `cross_site_request refused: Sec-Fetch-Site is same-site for Origin http://${host}, not same-origin`,
      ]);
    });

    it('accepts a client that is not a browser (no Origin, no Sec-Fetch-Site)', async () => {
      expect(await next.post({ host: `127.0.0.1:${next.port}` })).toBe(201);
    });
  });

  describe('with publicUrl and allowedOrigins configured', () => {
    let node: Served;
    let next: Served;
    const configured = (port: number) => ({
      publicUrl: `http://127.0.0.1:${port}`,
      allowedOrigins: ['https://app.example.com'],
    });
    beforeAll(async () => {
      node = await serve(location, false, configured);
      next = await serve(location, true, configured);
    });
    afterAll(async () => {
      await node?.close();
      await next?.close();
    });

    it('refuses a foreign Host, even with an Origin to match (DNS rebinding), in Node and behind Next.js', async () => {
      for (const served of [node, next]) {
        const host = `rebind.evil.example:${served.port}`;
        expect(await served.post({ host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' })).toBe(
          403,
        );
        expect(warnings(served)).toEqual([
          `cross_site_request refused: Host ${host} is not the host of publicUrl or allowedOrigins (nor a loopback host)`,
        ]);
      }
    });

    it('accepts the configured origins whatever the Host (a proxy), and loopback pages', async () => {
      for (const served of [node, next]) {
        const statuses = [
          await served.post({
            host: `127.0.0.1:${served.port}`,
            origin: 'https://app.example.com',
            'sec-fetch-site': 'cross-site',
          }),
          await served.post({ host: 'internal:8080', origin: `http://127.0.0.1:${served.port}` }),
          await served.post({ host: `localhost:${served.port}`, origin: `http://localhost:${served.port}` }),
        ];
        expect(statuses).toEqual([201, 201, 201]);
      }
    });

    it('still refuses a foreign Origin', async () => {
      expect(
        await node.post({ host: `127.0.0.1:${node.port}`, origin: 'https://app.example.com.evil.example' }),
      ).toBe(403);
    });
  });
});
