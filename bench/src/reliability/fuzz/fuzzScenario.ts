import type { RefreshJobResponse } from '@okra-balance/core';
import { WEBHOOK_TOKEN } from '../../harness/benchSettings.ts';
import { linkAccounts } from '../../harness/linkAccounts.ts';
import { startProcessStack } from '../../harness/startProcessStack.ts';
import type { ServerChildOptions } from '../../harness/spawnServer.ts';
import { childHealth, type ChildHealth } from '../childHealth.ts';
import { freshIdentities, hostileProvider, type AttackReport } from './attacks.ts';
import { runFuzz, type FuzzReport } from './runFuzz.ts';

/**
 * Reliability 1: a route process with linked accounts and a refresh job, then `count` bad requests over every
 * route (hostile bytes among them), then a provider answering hostile payloads and a flood from fresh
 * identities; returns what they got and how the process came through.
 *
 * @example
 * const { report, health } = await fuzzScenario({ seed: 1, count: 10_000, store });
 */
export async function fuzzScenario(options: {
  seed: number;
  count: number;
  store: ServerChildOptions['store'];
  /** The attacks after the fuzz: hostile-provider flows (one per account linked for them), fresh identities. */
  attacks: { flows: number; identities: number };
}): Promise<{ report: FuzzReport; attacks: AttackReport[]; health: ChildHealth }> {
  const stack = await startProcessStack({
    store: options.store,
    sandbox: { latencyMs: 20, duplicateDelayMs: 0, seed: options.seed },
    route: { refresh: { debounceMs: 0, pollIntervalMs: 20, deadlineMs: 5_000 } },
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
    const victims = await linkAccounts(stack.client(0, 'hostile-user'), stack.sandbox, options.attacks.flows);
    const attacks = [
      await hostileProvider(
        stack,
        victims.map((victim) => ({ userId: 'hostile-user', accountId: victim.id })),
      ),
      await freshIdentities(stack, options.attacks.identities),
    ];
    return { report, attacks, health: await childHealth(stack.servers[0]!, stack.sandbox) };
  } finally {
    await stack.close();
  }
}
