import type { LinkSessionResponse, RefreshJobResponse } from '@okra-balance/core';
import type { ProcessStack } from '../../harness/startProcessStack.ts';

/** What one attack did: the answers it got and what it cost upstream. */
export interface AttackReport {
  name: string;
  requests: number;
  /** Answers per status. */
  byStatus: Record<number, number>;
  /** 500 answers (`internal_error`): must be none. A typed 502/503 is the provider's fault, said as such. */
  internalErrors: number;
  /** Calls the route made to the provider during the attack. */
  upstreamCalls: number;
  /** Refresh jobs the attack started that ended, by how they ended. */
  jobs: Record<string, number>;
}

/**
 * A provider whose every answer is hostile (text no database holds, amounts past 2^53 kobo, script logos):
 * `flows` users each link an account and refresh one they had. Nothing may answer 500.
 *
 * @example
 * const report = await hostileProvider(stack, accountIdsByUser, 20);
 */
export async function hostileProvider(
  stack: ProcessStack,
  accounts: { userId: string; accountId: string }[],
): Promise<AttackReport> {
  const report = emptyReport('hostile provider payloads');
  const before = stack.sandbox.counts().total;
  stack.sandbox.setFaults({ '*': [{ kind: 'hostile-data' }] });
  try {
    for (const { userId, accountId } of accounts) {
      const client = stack.client(0, userId);
      const session = await client.request<LinkSessionResponse>('POST', '/link-sessions', {});
      count(report, session.status);
      if (session.status === 201) {
        await stack.sandbox.linkAccount({ options: { linkToken: session.body.linkToken }, accounts: 1 });
        count(report, (await client.request('POST', '/links', { linkToken: session.body.linkToken })).status);
      }
      const started = await client.request<RefreshJobResponse>('POST', `/accounts/${accountId}/refresh`, {});
      count(report, started.status);
      if (started.status !== 202) continue;
      for (let poll = 0; poll < 200; poll++) {
        const reply = await client.request<RefreshJobResponse>(
          'GET',
          `/accounts/${accountId}/refresh/${started.body.job.id}`,
        );
        count(report, reply.status);
        const { state, failure } = reply.body.job;
        if (state === 'succeeded' || state === 'unchanged' || state === 'failed') {
          const key = failure === null ? state : `${state}: ${failure.reason}`;
          report.jobs[key] = (report.jobs[key] ?? 0) + 1;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  } finally {
    stack.sandbox.setFaults({});
  }
  report.upstreamCalls = stack.sandbox.counts().total - before;
  return report;
}

/**
 * `identities` signed-in users, each new: a link session, then three confirmations of its token (which the
 * provider never heard of), and one of a made-up token. Per-user limits cannot see this; what bounds it is the
 * per-token cap and the route-wide cap on confirmations in flight.
 *
 * @example
 * const report = await freshIdentities(stack, 200);
 */
export async function freshIdentities(stack: ProcessStack, identities: number): Promise<AttackReport> {
  const report = emptyReport(`flood from ${identities} fresh identities`);
  const before = stack.sandbox.counts().total;
  await Promise.all(
    Array.from({ length: identities }, async (_, i) => {
      const client = stack.client(0, `flood-${i}-${crypto.randomUUID()}`);
      const session = await client.request<LinkSessionResponse>('POST', '/link-sessions', {});
      count(report, session.status);
      const token = session.status === 201 ? session.body.linkToken : 'lt_missing';
      for (const linkToken of [token, token, token, `lt_${'x'.repeat(40)}`]) {
        count(report, (await client.request('POST', '/links', { linkToken })).status);
      }
    }),
  );
  report.upstreamCalls = stack.sandbox.counts().total - before;
  return report;
}

function emptyReport(name: string): AttackReport {
  return { name, requests: 0, byStatus: {}, internalErrors: 0, upstreamCalls: 0, jobs: {} };
}

function count(report: AttackReport, status: number): void {
  report.requests += 1;
  report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
  if (status === 500) report.internalErrors += 1;
}
