import type { RefreshJobResponse } from '@okra-balance/core';
import { linkAccounts } from '../../harness/linkAccounts.ts';
import { startProcessStack } from '../../harness/startProcessStack.ts';
import { upstreamCalls } from '../../refresh/upstreamCalls.ts';
import { waitSettled } from '../checkRefresh.ts';
import { childHealth, type ChildHealth } from '../childHealth.ts';

/** One debounce window: what the concurrent clients got and what the bank was asked. */
export interface ScaleOutWindow {
  /** Distinct jobs the clients were handed (one expected). */
  jobs: number;
  /** Answers that were not 202. */
  rejected: number;
  /** Requests served by each process. */
  perProcess: [number, number];
  /** `POST /balance/refresh` calls the sandbox counted in this window (one expected). */
  upstreamRefreshes: number;
  settledAs: string;
}

/** Options of {@link scaleOut}. */
export interface ScaleOutOptions {
  /** A PostgreSQL database both processes use. */
  connectionString: string;
  /** Concurrent refreshes per window, spread across the two processes. */
  clients: number;
  windows: number;
  seed: number;
}

const DEBOUNCE_MS = 1_000;

/**
 * Reliability 4: two route processes on one PostgreSQL database, `clients` concurrent refreshes of one account
 * per window, alternating between them; each window must make exactly one upstream refresh.
 *
 * @example
 * const { windows } = await scaleOut({ connectionString, clients: 100, windows: 1, seed: 1 });
 */
export async function scaleOut(
  options: ScaleOutOptions,
): Promise<{ windows: ScaleOutWindow[]; health: ChildHealth[] }> {
  const stack = await startProcessStack({
    store: { kind: 'postgres', connectionString: options.connectionString },
    servers: 2,
    sandbox: { latencyMs: 200, duplicateDelayMs: 0, seed: options.seed },
    route: { refresh: { debounceMs: DEBOUNCE_MS, pollIntervalMs: 100, maxPollIntervalMs: 400 } },
  });
  try {
    const clients = [stack.client(0, 'scale-out'), stack.client(1, 'scale-out')] as const;
    const [account] = await linkAccounts(clients[0], stack.sandbox, 1);
    const windows: ScaleOutWindow[] = [];
    for (let w = 0; w < options.windows; w += 1) {
      const refreshesBefore = upstreamCalls(stack.sandbox, account!.providerAccountId).refreshes;
      const replies = await Promise.all(
        Array.from({ length: options.clients }, (_, i) =>
          clients[i % 2]!.request<RefreshJobResponse>('POST', `/accounts/${account!.id}/refresh`, {}),
        ),
      );
      const accepted = replies.filter((reply) => reply.status === 202);
      const jobs = new Set(accepted.map((reply) => reply.body.job.id));
      const first = accepted[0]?.body.job;
      const settled = first === undefined ? null : await waitSettled(clients[1], account!.id, first, 30_000);
      windows.push({
        jobs: jobs.size,
        rejected: replies.length - accepted.length,
        perProcess: [Math.ceil(options.clients / 2), Math.floor(options.clients / 2)],
        upstreamRefreshes:
          upstreamCalls(stack.sandbox, account!.providerAccountId).refreshes - refreshesBefore,
        settledAs: settled?.state ?? 'none',
      });
      // The next window opens once this one's job is older than the debounce.
      await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS + 200));
    }
    const health = [
      await childHealth(stack.servers[0]!, stack.sandbox),
      await childHealth(stack.servers[1]!, stack.sandbox),
    ];
    return { windows, health };
  } finally {
    await stack.close();
  }
}
