import type { RefreshJobResponse } from '@okra-balance/core';
import { WEBHOOK_TOKEN } from '../../harness/benchSettings.ts';
import { linkAccounts } from '../../harness/linkAccounts.ts';
import { startProcessStack } from '../../harness/startProcessStack.ts';
import type { ServerChildOptions } from '../../harness/spawnServer.ts';
import { childHealth, type ChildHealth } from '../childHealth.ts';
import { runFuzz, type FuzzReport } from './runFuzz.ts';

/**
 * Reliability 1: a route process with linked accounts and a refresh job, then `count` bad requests over every
 * route; returns what they got and how the process came through.
 *
 * @example
 * const { report, health } = await fuzzScenario({ seed: 1, count: 10_000, store });
 */
export async function fuzzScenario(options: {
  seed: number;
  count: number;
  store: ServerChildOptions['store'];
}): Promise<{ report: FuzzReport; health: ChildHealth }> {
  const stack = await startProcessStack({
    store: options.store,
    sandbox: { latencyMs: 20, duplicateDelayMs: 0, seed: options.seed },
    route: { refresh: { debounceMs: 0, pollIntervalMs: 20 } },
  });
  try {
    const own = stack.client(0, 'fuzz-user');
    const [account] = await linkAccounts(own, stack.sandbox, 2);
    const [foreign] = await linkAccounts(stack.client(0, 'other-user'), stack.sandbox, 1);
    const job = await own.request<RefreshJobResponse>('POST', `/accounts/${account!.id}/refresh`, {});
    const report = await runFuzz(
      stack.servers[0]!.url,
      {
        userId: 'fuzz-user',
        accountId: account!.id,
        foreignAccountId: foreign!.id,
        jobId: job.body.job.id,
        webhookToken: WEBHOOK_TOKEN,
        origin: stack.servers[0]!.url,
      },
      { seed: options.seed, count: options.count },
    );
    return { report, health: await childHealth(stack.servers[0]!, stack.sandbox) };
  } finally {
    await stack.close();
  }
}
