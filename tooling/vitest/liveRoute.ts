import type { LinkedAccount } from '@okra-balance/core';
import { createPgliteStore } from '../../packages/server/src/store/createPgliteStore.ts';
import { startHarness, type Harness } from '../../packages/server/src/testing/startHarness.ts';

/** What a browser test gets from the `startLiveRoute` command. */
export interface LiveRoute {
  /** The route's base URL on loopback. */
  url: string;
  /** Two accounts linked through the sandbox for the one signed-in user: one per test, since a refresh
   * joins the previous one for a while. */
  accounts: LinkedAccount[];
}

const started = new Map<string, Harness>();

/**
 * A real balance route (PGlite in memory, the sandbox as its provider, fast job timings) on loopback, for
 * browser tests: it lets the test page's `origin` call it, and signs every request in as one user, since an
 * EventSource can send neither a header nor, from another site, a cookie.
 */
export async function startLiveRoute(origin: string): Promise<LiveRoute> {
  const harness = await startHarness({
    location: { open: () => createPgliteStore(), dispose: () => Promise.resolve() },
    route: { allowedOrigins: [origin], authenticate: () => ({ id: 'browser-user' }) },
  });
  started.set(harness.url, harness);
  const accounts = [
    (await harness.link('browser-user')).account,
    (await harness.link('browser-user')).account,
  ];
  return { url: harness.url, accounts };
}

/** Closes a route `startLiveRoute` started. */
export async function stopLiveRoute(url: string): Promise<void> {
  await started.get(url)?.close();
  started.delete(url);
}
