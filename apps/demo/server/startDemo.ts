import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import type { Sandbox } from '@okra-balance/sandbox';
import { createBalanceRoute, createRateLimiter } from '@okra-balance/server';
import type { DemoConfig, ProviderConfig } from './config.ts';
import { demoControls } from './demoControls.ts';
import { demoTiming } from './demoTiming.ts';
import { openDemoStore } from './openDemoStore.ts';
import { pageSecurityHeaders } from './securityHeaders.ts';
import { authenticateDemoUser, newSessionId, SESSION_COOKIE, sessionCookie, sessionIdOf } from './session.ts';
import { startDemoSandbox } from './startDemoSandbox.ts';
import { staticSite } from './staticSite.ts';

export interface DemoServer {
  url: string;
  /** The embedded sandbox, when no provider is configured. */
  sandbox: Sandbox | null;
  /** The length of the demo's hour: shorter in fast time. */
  hourMs: number;
  close(): Promise<void>;
}

const appRoot = fileURLToPath(new URL('..', import.meta.url));
/** How often the sandbox's accounts refresh on their own unless a person changes it. */
const SANDBOX_SCHEDULE_HOURS = 6;

/**
 * Starts the demo: its HTTP server, the embedded sandbox when no provider is configured, the balance route
 * at /api on the configured database, and the app (built files, or Vite in dev mode).
 */
export async function startDemo(config: DemoConfig, options: { dev?: boolean } = {}): Promise<DemoServer> {
  let handleApi: (request: Request) => Promise<Response> = () =>
    Promise.resolve(
      Response.json(
        { error: { code: 'provider_unavailable', message: 'The demo is starting.' } },
        { status: 503 },
      ),
    );
  const apiListener = getRequestListener((request) => handleApi(request));
  let pageListener: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;

  // Every browser without a cookie is a new user, so the route's per-user limits alone would let one
  // address make link sessions (each a stored token) without end: the demo limits per address too.
  const perAddress = createRateLimiter(60, 60_000);
  const server = createServer((req, res) => {
    if (req.method === 'POST' && /^\/api\/link(s|-sessions)\b/.test(req.url ?? '')) {
      const wait = perAddress.hit(req.socket.remoteAddress ?? 'unknown', Date.now());
      if (wait !== null) return tooMany(res, wait);
    }
    giveSession(req, res, config.publicUrl?.startsWith('https:') ?? false);
    const path = req.url ?? '/';
    if (path.startsWith('/api/') || path.startsWith('/demo/') || path === '/demo-info.json') {
      void apiListener(req, res);
    } else pageListener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const publicUrl = config.publicUrl ?? url;

  const closers: (() => Promise<void>)[] = [() => new Promise((resolve) => server.close(() => resolve()))];
  const close = async () => {
    server.closeAllConnections();
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };

  try {
    await mkdir(config.dataDir, { recursive: true });
    const webhookToken = config.provider?.webhookToken ?? randomBytes(18).toString('base64url');
    const timing = demoTiming(config.timeScale);
    let sandbox: Sandbox | null = null;
    let provider: ProviderConfig;
    if (config.provider !== null) {
      provider = config.provider;
    } else {
      sandbox = await startDemoSandbox(config.dataDir, {
        seed: 1,
        webhookUrl: `${url}/api/webhooks/sandbox`,
        webhookToken,
        ...timing.sandbox,
      });
      const started = sandbox;
      closers.push(() => started.close());
      provider = { provider: sandbox.provider, ...sandbox.credentials, webhookToken };
    }

    const scheduleEveryHours = sandbox ? SANDBOX_SCHEDULE_HOURS : null;
    const demoStore = await openDemoStore({
      dataDir: join(config.dataDir, 'db'),
      databaseUrl: config.databaseUrl,
    });
    closers.push(() => demoStore.close());
    const route = await createBalanceRoute({
      ...provider,
      store: demoStore.store,
      authenticate: authenticateDemoUser,
      basePath: '/api',
      publicUrl: `${publicUrl}/api`,
      allowedOrigins: [new URL(publicUrl).origin],
      refresh: {
        ...timing.refresh,
        // The sandbox is free: its accounts refresh on their own, as Flick suggests (6 or 12 hours).
        schedule: { everyHours: scheduleEveryHours, hourMs: timing.hourMs },
      },
    });
    closers.push(() => route.close());

    const info = JSON.stringify({
      mode: sandbox ? 'sandbox' : 'provider',
      providerName: provider.provider.name,
      login: sandbox ? sandbox.login : null,
      hourMs: timing.hourMs,
      scheduleEveryHours,
    });
    const controls = sandbox
      ? demoControls({
          sandbox,
          providerAccountIdOf: (userId, accountId) => demoStore.providerAccountIdOf(userId, accountId),
          origin: new URL(publicUrl).origin,
        })
      : null;
    handleApi = async (request) => {
      const { pathname } = new URL(request.url);
      if (pathname === '/demo-info.json') {
        return new Response(info, {
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        });
      }
      if (pathname.startsWith('/demo/')) {
        return controls
          ? controls(request)
          : Response.json(
              { error: { code: 'not_found', message: 'The demo controls drive its sandbox only' } },
              { status: 404 },
            );
      }
      return route.fetch(request);
    };

    pageListener = options.dev
      ? await viteListener(closers)
      : getRequestListener(
          withHeaders(staticSite(`${appRoot}dist`), pageSecurityHeaders(provider.provider.widgetOrigin)),
        );
    return { url, sandbox, hourMs: timing.hourMs, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function tooMany(res: ServerResponse, waitMs: number): void {
  const seconds = String(Math.ceil(waitMs / 1000));
  res.writeHead(429, {
    'content-type': 'application/json',
    'retry-after': seconds,
    'cache-control': 'no-store',
  });
  res.end(
    JSON.stringify({
      error: { code: 'rate_limited', message: `Too many links from this address: try again in ${seconds} s` },
    }),
  );
}

/** Every browser gets a session cookie on its first request, before anything reads it. */
function giveSession(req: IncomingMessage, res: ServerResponse, secure: boolean): void {
  if (sessionIdOf(req.headers.cookie) !== null) return;
  const sessionId = newSessionId();
  res.setHeader('set-cookie', sessionCookie(sessionId, secure));
  // A malformed session cookie is replaced, as the browser will replace it, not shadowed by a second one.
  const others = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.startsWith(`${SESSION_COOKIE}=`));
  req.headers.cookie = [...others, `${SESSION_COOKIE}=${sessionId}`].join('; ');
}

function withHeaders(
  handler: (request: Request) => Promise<Response>,
  headers: Record<string, string>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    // A failure still gets a page with the security headers, never an empty 500.
    const response = await handler(request).catch((error: unknown) => {
      console.error('demo page failed:', error);
      return new Response('Something went wrong serving the demo page.', { status: 500 });
    });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
}

async function viteListener(closers: (() => Promise<void>)[]) {
  const { createServer: createVite } = await import('vite');
  const vite = await createVite({
    root: appRoot,
    configFile: `${appRoot}vite.config.ts`,
    server: { middlewareMode: true },
    appType: 'spa',
  });
  closers.push(() => vite.close());
  return (req: IncomingMessage, res: ServerResponse) => vite.middlewares(req, res);
}
