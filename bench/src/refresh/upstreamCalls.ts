import type { Sandbox } from '@okra-balance/sandbox';

/** Upstream calls for one account, grouped the way they cost: bank sessions, callback polls, reads. */
export interface UpstreamCalls {
  /** `POST /balance/refresh` and `POST /balance/check`: each one is a session with the bank. */
  refreshes: number;
  callbacks: number;
  /** Everything else about the account: balance and transaction reads. */
  reads: number;
  total: number;
}

/**
 * The sandbox's count of calls about one account, grouped.
 *
 * @example
 * const calls = upstreamCalls(stack.sandbox, account.providerAccountId);
 */
export function upstreamCalls(sandbox: Pick<Sandbox, 'counts'>, providerAccountId: string): UpstreamCalls {
  const byEndpoint = sandbox.counts().byAccount[providerAccountId] ?? {};
  let refreshes = 0;
  let callbacks = 0;
  let reads = 0;
  for (const [endpoint, count] of Object.entries(byEndpoint)) {
    if (endpoint === 'POST /balance/refresh' || endpoint === 'POST /balance/check') refreshes += count;
    else if (endpoint === 'GET /callback') callbacks += count;
    else reads += count;
  }
  return { refreshes, callbacks, reads, total: refreshes + callbacks + reads };
}

/**
 * `refresh / callback / read` for a table cell.
 *
 * @example
 * formatCalls({ refreshes: 1, callbacks: 1, reads: 1, total: 3 }); // '3 (1 / 1 / 1)'
 */
export function formatCalls(calls: UpstreamCalls): string {
  return `${calls.total} (${calls.refreshes} / ${calls.callbacks} / ${calls.reads})`;
}
