import type { BenchAccount } from '../../harness/linkAccounts.ts';
import type { RouteClient } from '../../harness/routeClient.ts';
import type { SeededRandom } from '../../harness/seededRandom.ts';

/** What a stretch of traffic sent and got. */
export interface TrafficCount {
  requests: number;
  /** Answers per status; a 5xx here is a failure of the soak. */
  byStatus: Record<number, number>;
}

/**
 * Sends a realistic mix (account lists, balances, refreshes, job polls, history, link sessions, and some bad
 * requests) from `concurrency` loops until `stopAt` (a `performance.now()` time).
 *
 * @example
 * const count = await mixedTraffic(client, accounts, seededRandom(1), performance.now() + 5_000, 4);
 */
export async function mixedTraffic(
  client: RouteClient,
  accounts: BenchAccount[],
  random: SeededRandom,
  stopAt: number,
  concurrency: number,
): Promise<TrafficCount> {
  const count: TrafficCount = { requests: 0, byStatus: {} };
  const jobs = new Map<string, string>();
  const loop = async () => {
    while (performance.now() < stopAt) {
      const account = random.pick(accounts);
      const path = `/accounts/${account.id}`;
      const roll = random.next();
      let reply;
      if (roll < 0.25) reply = await client.request('GET', '/accounts');
      else if (roll < 0.55) reply = await client.request('GET', `${path}/balance`);
      else if (roll < 0.65) {
        reply = await client.request<{ job?: { id: string } }>('POST', `${path}/refresh`, {});
        if (reply.body?.job !== undefined) jobs.set(account.id, reply.body.job.id);
      } else if (roll < 0.72 && jobs.has(account.id)) {
        reply = await client.request('GET', `${path}/refresh/${jobs.get(account.id)}`);
      } else if (roll < 0.82) reply = await client.request('GET', `${path}/history?limit=10`);
      else if (roll < 0.87) reply = await client.request('POST', '/link-sessions', {});
      else if (roll < 0.94) reply = await client.request('GET', `/accounts/acct_${'0'.repeat(32)}/balance`);
      else reply = await client.request('POST', `${path}/refresh`, { unexpected: true });
      count.requests += 1;
      count.byStatus[reply.status] = (count.byStatus[reply.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return count;
}
