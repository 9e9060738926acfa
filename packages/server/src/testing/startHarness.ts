import {
  isSettled,
  type LinkedAccount,
  type LinkSessionResponse,
  type RefreshJob,
  type RefreshJobResponse,
} from '@okra-balance/core';
import { startSandbox, type Sandbox, type SandboxOptions } from '@okra-balance/sandbox';
import type { BalanceRouteOptions } from '../BalanceRouteOptions.ts';
import { createBalanceRoute, type BalanceRoute } from '../createBalanceRoute.ts';
import type { Logger } from '../logger.ts';
import { serveNode, type NodeServer } from '../serveNode.ts';
import { storeOf } from '../store/createSqlStore.ts';
import type { BalanceStore, Store } from '../store/Store.ts';
import type { StoreLocation } from './storeBackends.ts';
import { waitFor } from './waitFor.ts';

export const WEBHOOK_TOKEN = 'whk_test_token_0123456789';

/** One captured log line. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  details: unknown;
}

/** An account we linked, and the provider's id for it (the sandbox counts calls by it). */
export interface Linked {
  account: LinkedAccount;
  upstreamId: string;
}

export type RouteOverrides = Partial<Omit<BalanceRouteOptions, 'provider' | 'store'>>;

/**
 * A sandbox, a store, and our route behind one real HTTP server on loopback, with fast job timings. The
 * server's URL stays the same when the route is swapped (`useRoute`) or the whole process is "restarted"
 * (`restart`: route and store closed, the store reopened from the same place).
 */
export interface Harness {
  sandbox: Sandbox;
  url: string;
  route: BalanceRoute;
  store: Store;
  logs: LogLine[];
  /** Every URL the provider client fetched, in order. */
  providerCalls: string[];
  /** A request as user `user` from the route's own origin (pass `user: null` for none). */
  request(path: string, init?: RequestInit & { user?: string | null }): Promise<Response>;
  json<T>(path: string, init?: RequestInit & { user?: string | null }): Promise<{ status: number; body: T }>;
  /** Polls a job through the route (as its browser would) until it settles; fails after `timeoutMs`. */
  settled(user: string, accountId: string, jobId: string, timeoutMs?: number): Promise<RefreshJob>;
  /** Links one account for a user end to end (session, widget login done server side, confirm). */
  link(user: string, options?: { bankId?: string }): Promise<Linked>;
  /**
   * Reconnects a linked account end to end: a re-authentication session, the widget's sign-in done server
   * side, and the confirmation, whose answer comes back as it is.
   */
  reconnect(
    user: string,
    linked: Linked,
  ): Promise<{ session: LinkSessionResponse; status: number; body: { accounts?: LinkedAccount[] } }>;
  /** How many times the provider saw `endpoint` for a provider account. */
  upstream(upstreamId: string, endpoint: string): number;
  /** A second route (a second server process) on its own HTTP server, over `store`. */
  spawnRoute(
    store: BalanceStore,
    overrides?: RouteOverrides,
  ): Promise<{ url: string; close(): Promise<void> }>;
  /** Opens the harness's database again, as another process would (only where the backend is shared). */
  openStore(): Promise<BalanceStore>;
  useRoute(overrides?: RouteOverrides): Promise<void>;
  restart(overrides?: RouteOverrides): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  location: StoreLocation;
  sandbox?: SandboxOptions;
  route?: RouteOverrides;
  /** Wraps the provider client's fetch (after the call is recorded). */
  fetch?: typeof fetch;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  let current: BalanceRoute | null = null;
  const server: NodeServer = await serveNode(
    {
      fetch: (request) =>
        current === null
          ? Promise.resolve(new Response('starting', { status: 503 }))
          : current.fetch(request),
    },
    { port: 0 },
  );
  const sandbox = await startSandbox({
    latencyMs: 40,
    duplicateDelayMs: 0,
    webhookUrl: `${server.url}/webhooks/sandbox`,
    webhookToken: WEBHOOK_TOKEN,
    webhookRetryDelayMs: 20,
    ...options.sandbox,
  });
  const logs: LogLine[] = [];
  const providerCalls: string[] = [];
  const logger: Logger = {
    info: (message, details) => logs.push({ level: 'info', message, details }),
    warn: (message, details) => logs.push({ level: 'warn', message, details }),
    error: (message, details) => logs.push({ level: 'error', message, details }),
  };
  const inner = options.fetch ?? globalThis.fetch;
  const recordingFetch: typeof fetch = (input, init) => {
    providerCalls.push(input instanceof Request ? input.url : String(input));
    return inner(input, init);
  };
  let store = await options.location.open();
  let overrides: RouteOverrides = options.route ?? {};

  const makeRoute = (routeStore = store, routeOverrides = overrides) =>
    createBalanceRoute({
      provider: sandbox.provider,
      ...sandbox.credentials,
      authenticate: (request) => {
        const id = request.headers.get('x-test-user');
        return id === null || id === '' ? null : { id };
      },
      publicUrl: server.url,
      webhookToken: WEBHOOK_TOKEN,
      store: routeStore,
      providerTimeoutMs: 400,
      fetch: recordingFetch,
      logger,
      ...routeOverrides,
      refresh: {
        pollIntervalMs: 20,
        maxPollIntervalMs: 100,
        deadlineMs: 5_000,
        lostAnswerWindowMs: 300,
        ...routeOverrides.refresh,
      },
    });
  current = await makeRoute();

  const harness: Harness = {
    sandbox,
    url: server.url,
    get route() {
      return current as BalanceRoute;
    },
    get store() {
      return storeOf(store);
    },
    logs,
    providerCalls,
    request(path, init = {}) {
      const { user = 'user-a', ...rest } = init;
      const headers = new Headers(rest.headers);
      if (user !== null) headers.set('x-test-user', user);
      if (rest.body !== undefined && !headers.has('content-type'))
        headers.set('content-type', 'application/json');
      return fetch(server.url + path, { ...rest, headers });
    },
    async json<T>(path: string, init?: RequestInit & { user?: string | null }) {
      const response = await harness.request(path, init);
      return { status: response.status, body: (await response.json().catch(() => null)) as T };
    },
    async link(user, linkOptions = {}) {
      const session = await harness.json<LinkSessionResponse>('/link-sessions', {
        method: 'POST',
        user,
        body: '{}',
      });
      if (session.status !== 201) throw new Error(`link session failed: ${JSON.stringify(session.body)}`);
      const provider = await sandbox.linkAccount({
        options: session.body.widget.options,
        accounts: 1,
        ...linkOptions,
      });
      const linked = await harness.json<{ accounts: LinkedAccount[] }>('/links', {
        method: 'POST',
        user,
        body: JSON.stringify({ linkToken: session.body.linkToken }),
      });
      const [account] = linked.body.accounts ?? [];
      const upstreamId = provider.accounts[0]?._id;
      if (linked.status !== 201 || account === undefined || upstreamId === undefined) {
        throw new Error(`link failed: ${JSON.stringify(linked.body)}`);
      }
      return { account, upstreamId };
    },
    async reconnect(user, { account, upstreamId }) {
      const session = await harness.json<LinkSessionResponse>('/link-sessions', {
        method: 'POST',
        user,
        body: JSON.stringify({ reauthAccountId: account.id }),
      });
      if (session.status !== 201) throw new Error(`reauth session failed: ${JSON.stringify(session.body)}`);
      const { options, callbackUrl } = session.body.widget;
      await sandbox.reauthAccount(upstreamId, {
        options,
        ...(callbackUrl === undefined ? {} : { callbackUrl }),
      });
      const confirmed = await harness.json<{ accounts?: LinkedAccount[] }>('/links', {
        method: 'POST',
        user,
        body: JSON.stringify({ linkToken: session.body.linkToken }),
      });
      return { session: session.body, ...confirmed };
    },
    settled: (user, accountId, jobId, timeoutMs = 8_000) =>
      waitFor(
        async () => {
          const { body } = await harness.json<RefreshJobResponse>(`/accounts/${accountId}/refresh/${jobId}`, {
            user,
          });
          return isSettled(body.job) ? body.job : undefined;
        },
        timeoutMs,
        `job ${jobId} to settle`,
      ),
    upstream: (upstreamId, endpoint) => sandbox.counts().byAccount[upstreamId]?.[endpoint] ?? 0,
    async spawnRoute(otherStore, extra = {}) {
      const route = await makeRoute(otherStore, { ...overrides, ...extra });
      const other = await serveNode(route, { port: 0 });
      return {
        url: other.url,
        close: async () => {
          await other.close();
          await route.close();
        },
      };
    },
    openStore: () => options.location.open(),
    async useRoute(next = {}) {
      await current?.close();
      overrides = { ...(options.route ?? {}), ...next };
      current = await makeRoute();
    },
    async restart(next = {}) {
      await current?.close();
      current = null;
      await store.close();
      store = await options.location.open();
      overrides = { ...(options.route ?? {}), ...next };
      current = await makeRoute();
    },
    async close() {
      await current?.close();
      await store.close();
      await sandbox.close();
      await server.close();
      await options.location.dispose();
    },
  };
  return harness;
}
