import {
  isSettled,
  toMinorUnits,
  type Balance,
  type BalanceResponse,
  type ProviderBalance,
  type RefreshJob,
  type RefreshJobResponse,
} from '@okra-balance/core';
import type { Sandbox } from '@okra-balance/sandbox';
import type { BenchAccount } from '../harness/linkAccounts.ts';
import type { RouteClient } from '../harness/routeClient.ts';
import { REFRESH_FAILURE_REASONS } from '@okra-balance/core';

/**
 * Polls `GET /accounts/:id/refresh/:jobId` until the job settles or `withinMs` passes; returns the last seen.
 * Unanswered polls (a server restarting) are retried.
 *
 * @example
 * const job = await waitSettled(client, account.id, started.job, 10_000);
 */
export async function waitSettled(
  client: RouteClient,
  accountId: string,
  first: RefreshJob,
  withinMs: number,
): Promise<RefreshJob> {
  const deadline = performance.now() + withinMs;
  let job = first;
  while (!isSettled(job) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const reply = await client
      .request<RefreshJobResponse>('GET', `/accounts/${accountId}/refresh/${first.id}`)
      .catch(() => null);
    if (reply?.status === 200) job = reply.body.job;
  }
  return job;
}

/**
 * What is wrong with a refresh that should be over: not settled, failed without a typed reason, or a stored
 * balance that is not intact (changed by a failure, or not the provider's figures after a success).
 *
 * @example
 * expect(await refreshProblems(sandbox, client, account, job, before)).toEqual([]);
 */
export async function refreshProblems(
  sandbox: Sandbox,
  client: RouteClient,
  account: BenchAccount,
  job: RefreshJob,
  before: Balance | null,
): Promise<string[]> {
  const problems: string[] = [];
  if (!isSettled(job)) problems.push(`job still ${job.state}`);
  if (job.state === 'failed' && !REFRESH_FAILURE_REASONS.some((reason) => reason === job.failure?.reason)) {
    problems.push(`failed without a typed reason: ${JSON.stringify(job.failure)}`);
  }
  const after = (await client.request<BalanceResponse>('GET', `/accounts/${account.id}/balance`)).body
    .balance;
  if (after === null) {
    problems.push('the balance is gone');
  } else if (job.state === 'failed' && !sameFigures(before, after)) {
    problems.push(
      `a failed refresh changed the balance: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
    );
  } else if (job.state === 'succeeded') {
    const ledger = (await providerBalance(sandbox, account.providerAccountId))?.ledger_balance;
    if (typeof ledger !== 'number' || after.ledger !== toMinorUnits(ledger, 'major', after.currency)) {
      problems.push(`stored ledger ${after.ledger} is not the provider's ${String(ledger)}`);
    }
  }
  return problems;
}

/**
 * The balance the route holds for an account now.
 *
 * @example
 * const before = await storedBalance(client, account.id);
 */
export async function storedBalance(client: RouteClient, accountId: string): Promise<Balance | null> {
  return (await client.request<BalanceResponse>('GET', `/accounts/${accountId}/balance`)).body.balance;
}

function sameFigures(a: Balance | null, b: Balance): boolean {
  return (
    a !== null &&
    a.ledger === b.ledger &&
    a.available === b.available &&
    a.currency === b.currency &&
    a.asOf === b.asOf
  );
}

/** The provider's current balance, read straight from the sandbox (call it with the faults off). */
async function providerBalance(sandbox: Sandbox, accountId: string): Promise<ProviderBalance | undefined> {
  const response = await fetch(`${sandbox.apiBaseUrl}/balance/getByAccount`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.credentials.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ account_id: accountId, page: 1, limit: 1 }),
  });
  const envelope = (await response.json()) as { data?: { balance?: ProviderBalance[] } };
  return envelope.data?.balance?.[0];
}
