import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { childSide } from '../harness/childSide.ts';

/** The bodies the bare handler returns (JSON in `BENCH_BARE`), copied from the real route's answers. */
export interface BareHonoConfig {
  port: number;
  accounts: unknown;
  balance: unknown;
}

// The floor to compare against: a bare Hono app answering the same JSON from memory, on the same adapter.
const ready = childSide();
const config = JSON.parse(process.env.BENCH_BARE ?? '{}') as BareHonoConfig;
const app = new Hono();
app.get('/accounts', (c) => c.json(config.accounts));
app.get('/accounts/:id/balance', (c) => c.json(config.balance));
const server = serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' }, (info) =>
  ready(`http://127.0.0.1:${info.port}`),
);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
