import { defineProvider } from '@okra-balance/core';
import {
  createBalanceRoute,
  createPgliteStore,
  createPostgresStore,
  serveNode,
  type BalanceRouteOptions,
} from '@okra-balance/server';
import { BENCH_RATE_LIMIT } from './benchSettings.ts';
import { authenticateBenchUser } from './benchUser.ts';
import { childSide } from './childSide.ts';

/** How the parent configures a balance-route child (JSON in `BENCH_SERVER`). */
export interface ServerProcessConfig {
  port: number;
  apiBaseUrl: string;
  widgetOrigin: string;
  secretKey: string;
  publicKey: string;
  clientToken: string;
  webhookToken: string;
  store: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; connectionString: string };
  refresh?: BalanceRouteOptions['refresh'];
  providerTimeoutMs?: number;
  events?: BalanceRouteOptions['events'];
}

// A balance route in its own process, as it runs in production: killed, restarted, or run twice on one database.
const ready = childSide();
const config = JSON.parse(process.env.BENCH_SERVER ?? '{}') as ServerProcessConfig;
const store =
  config.store.kind === 'pglite'
    ? await createPgliteStore({ dataDir: config.store.dataDir })
    : await createPostgresStore({ connectionString: config.store.connectionString });
const route = await createBalanceRoute({
  provider: defineProvider({
    id: 'sandbox',
    apiBaseUrl: config.apiBaseUrl,
    widgetOrigin: config.widgetOrigin,
    amountUnit: 'major',
  }),
  secretKey: config.secretKey,
  publicKey: config.publicKey,
  clientToken: config.clientToken,
  env: 'production-sandbox',
  webhookToken: config.webhookToken,
  authenticate: authenticateBenchUser,
  store,
  rateLimit: BENCH_RATE_LIMIT,
  ...(config.refresh === undefined ? {} : { refresh: config.refresh }),
  ...(config.providerTimeoutMs === undefined ? {} : { providerTimeoutMs: config.providerTimeoutMs }),
  ...(config.events === undefined ? {} : { events: config.events }),
});
const server = await serveNode(route, { port: config.port });

const stop = async () => {
  await server.close();
  await route.close();
  await store.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
ready(server.url);
