import type { RefreshJob, RefreshJobResponse } from '@okra-balance/core';
import type { Sandbox } from '@okra-balance/sandbox';
import type { BenchAccount } from '../../harness/linkAccounts.ts';
import type { RouteClient } from '../../harness/routeClient.ts';
import { refreshProblems, storedBalance, waitSettled } from '../checkRefresh.ts';
import type { FaultCase } from './faultCases.ts';

/** How one refresh under faults ended, and what was wrong with it (empty when nothing was). */
export interface FaultOutcome {
  name: string;
  job: RefreshJob | null;
  elapsedMs: number;
  problems: string[];
}

/**
 * One refresh with the case's faults armed: the job must reach a terminal state with a typed reason, and the
 * stored balance must be intact: unchanged after a failure, the provider's own figures after a success.
 *
 * @example
 * const outcome = await runFaultCase(stack.sandbox, client, account, faultCase, 6_000);
 */
export async function runFaultCase(
  sandbox: Sandbox,
  client: RouteClient,
  account: BenchAccount,
  faultCase: FaultCase,
  settleWithinMs: number,
): Promise<FaultOutcome> {
  const before = await storedBalance(client, account.id);
  const startedAt = performance.now();
  sandbox.setFaults(faultCase.plan);
  let job: RefreshJob | null = null;
  let problems: string[] = [];
  try {
    const started = await client.request<RefreshJobResponse>('POST', `/accounts/${account.id}/refresh`, {});
    if (started.status !== 202) problems.push(`POST refresh answered ${started.status}: ${started.text}`);
    else job = await waitSettled(client, account.id, started.body.job, settleWithinMs);
  } finally {
    sandbox.setFaults({});
  }
  const elapsedMs = performance.now() - startedAt;
  if (job !== null) problems = await refreshProblems(sandbox, client, account, job, before);
  return { name: faultCase.name, job, elapsedMs, problems };
}
