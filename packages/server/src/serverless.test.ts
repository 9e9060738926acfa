import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshJobResponse } from '@okra-balance/core';
import { startHarness, type Harness } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';
import { waitFor } from './testing/waitFor.ts';

const CRON_SECRET = 'cron_secret_0123456789';

// A host with no background work (a serverless function): no worker, no timers. Every job step must come from
// a request the route answers, a webhook, or a scheduler calling runDueJobs.
describe.each(storeBackends)('refreshes with no background worker on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    if (backend.skipReason !== null) return;
    h = await startHarness({
      location: await backend.location(),
      route: { worker: false, refresh: { debounceMs: 0 } },
    });
  });
  afterAll(() => h?.close());
  const test = it.skipIf(backend.skipReason !== null);

  const startRefresh = async (user: string, accountId: string) => {
    const reply = await h.json<RefreshJobResponse>(`/accounts/${accountId}/refresh`, {
      method: 'POST',
      user,
    });
    expect(reply.status).toBe(202);
    return reply.body.job;
  };
  // Reads the job from the database, not through the route: a read through the route would move it on.
  const stored = async (upstreamId: string) =>
    (await h.store.latestJobs([`sandbox:${upstreamId}`])).get(`sandbox:${upstreamId}`);
  // The provider's own view of the record, asked directly: has the bank answered?
  const bankAnswered = async (callbackUrl: string) => {
    const reply = await fetch(callbackUrl, {
      headers: { authorization: `Bearer ${h.sandbox.credentials.secretKey}` },
    });
    const body = (await reply.json()) as { data?: { status?: string } };
    return body.data?.status === 'completed' ? true : undefined;
  };

  /**
   * A refresh nobody watches (no webhook, no status polls) whose bank has answered: the job waits for a
   * request or a scheduler to go on. Returns the provider's account id.
   */
  const answeredUnwatched = async (user: string) => {
    const { account, upstreamId } = await h.link(user);
    h.sandbox.setFaults({ 'POST /balance/refresh': [{ kind: 'webhook-never', times: 1 }] });
    try {
      await startRefresh(user, account.id);
    } finally {
      h.sandbox.setFaults({});
    }
    const waiting = await stored(upstreamId);
    expect(waiting?.step).toBe('refresh_waiting');
    await waitFor(() => bankAnswered(waiting?.callbackUrl ?? ''), 5_000, 'the bank to answer');
    return upstreamId;
  };

  test('the refresh request starts the job, and the browser’s status polls carry it to the end', async () => {
    const { account, upstreamId } = await h.link('polls');
    const job = await startRefresh('polls', account.id);
    // The billed call ran before the answer: the job already waits for the bank.
    expect(job.state).toBe('waiting');
    expect(h.upstream(upstreamId, 'POST /balance/refresh')).toBe(1);
    const done = await waitFor(async () => {
      const { body } = await h.json<RefreshJobResponse>(`/accounts/${account.id}/refresh/${job.id}`, {
        user: 'polls',
      });
      return body.job.state === 'waiting' ? undefined : body.job;
    });
    expect(done.state).toBe('succeeded');
    expect(h.upstream(upstreamId, 'POST /balance/refresh')).toBe(1);
  });

  test('a webhook alone completes the job: no poll from the browser, no timer', async () => {
    const { account, upstreamId } = await h.link('hooked');
    const job = await startRefresh('hooked', account.id);
    const recordId = (await stored(upstreamId))?.recordId;
    expect(recordId).toEqual(expect.any(String));
    const delivered = await waitFor(() =>
      h.sandbox.webhookDeliveries().find((entry) => entry.event.record === recordId && entry.delivered),
    );
    expect(delivered.status).toBe(200);
    // The route answered the webhook only after running the step it woke.
    expect((await stored(upstreamId))?.step).toBe('succeeded');
    expect((await stored(upstreamId))?.id).toBe(job.id);
  });

  test('nothing moves between requests; a scheduler calling runDueJobs finishes the job', async () => {
    const upstreamId = await answeredUnwatched('cron');
    // The bank has answered, yet with no worker and no request the job is where it was.
    expect((await stored(upstreamId))?.step).toBe('refresh_waiting');

    const result = await h.route.runDueJobs();
    expect(result).toMatchObject({ ran: 1, settled: 1 });
    expect((await stored(upstreamId))?.step).toBe('succeeded');
    expect(h.upstream(upstreamId, 'POST /balance/refresh')).toBe(1);
  });

  test('/jobs/run runs due jobs for a cron holding the secret, and for nobody else', async () => {
    await h.useRoute({ cronSecret: CRON_SECRET });
    try {
      const upstreamId = await answeredUnwatched('vercel cron');

      const anonymous = await h.request('/jobs/run', { user: null });
      expect(anonymous.status).toBe(401);
      const wrong = await h.request('/jobs/run', { user: null, headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      expect((await stored(upstreamId))?.step).toBe('refresh_waiting');

      const run = await h.request('/jobs/run', {
        user: null,
        headers: { authorization: `Bearer ${CRON_SECRET}` },
      });
      expect(run.status).toBe(200);
      expect(await run.json()).toMatchObject({ ran: 1, settled: 1, nextDueAt: null });
      expect((await stored(upstreamId))?.step).toBe('succeeded');
    } finally {
      await h.useRoute();
    }
  });

  test('/jobs/run is off without a cronSecret', async () => {
    const reply = await h.request('/jobs/run', {
      user: null,
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    expect(reply.status).toBe(404);
  });
});
