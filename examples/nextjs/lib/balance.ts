import 'server-only';
import { join } from 'node:path';
import type { SandboxLogin } from '@okra-balance/sandbox';
import { createBalanceRoute, createPgliteStore, type BalanceRoute } from '@okra-balance/server';
import { BALANCE_PATH } from './balancePath';
import { providerFromEnv } from './providerFromEnv';
import { authenticate } from './session';

export interface Balance {
  route: BalanceRoute;
  sandboxLogin: SandboxLogin | null;
}

// On globalThis: Next.js may load this module more than once (route handlers and pages are bundled apart,
// and `next dev` reloads modules), but the process must open its database folder and sandbox ports once.
const shared = globalThis as typeof globalThis & { okraBalance?: Promise<Balance> };

/**
 * The balance route of this server process, made on first use (not while `next build` loads the modules):
 * the embedded database in `BALANCE_DATA_DIR` (default `.data`), the provider from the environment.
 * A failed start is tried again on the next call.
 */
export function balance(): Promise<Balance> {
  shared.okraBalance ??= start().catch((error: unknown) => {
    delete shared.okraBalance;
    throw error;
  });
  return shared.okraBalance;
}

async function start(): Promise<Balance> {
  const dataDir = process.env.BALANCE_DATA_DIR?.trim() || '.data';
  // For several server processes, use createPostgresStore({ connectionString }) instead.
  const store = await createPgliteStore({ dataDir: join(dataDir, 'balance') });
  const provider = await providerFromEnv(process.env, dataDir).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const route = await createBalanceRoute({
    ...provider.options,
    authenticate,
    basePath: BALANCE_PATH,
    store,
    // On a function platform nothing runs between requests: BALANCE_WORKER=off, and a cron on /jobs/run.
    worker: process.env.BALANCE_WORKER !== 'off',
    ...(process.env.CRON_SECRET ? { cronSecret: process.env.CRON_SECRET } : {}),
  });
  return { route, sandboxLogin: provider.sandboxLogin };
}
