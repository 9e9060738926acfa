import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  REFRESH_FAILURE_REASONS,
  type BalanceResponse,
  type HistoryResponse,
  type RefreshFailureReason,
  type RefreshJob,
  type RefreshJobResponse,
} from '@okra-balance/core';
import { FAULT_KINDS, type FaultKind } from '@okra-balance/sandbox';
import { startHarness, type Harness, type Linked } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';
import { waitFor } from './testing/waitFor.ts';

type Outcome = 'succeeded' | RefreshFailureReason;

// What one fault (applied once) does to a refresh job, per endpoint. Where nothing is listed, the job succeeds.
const EXPECTED: Record<string, Partial<Record<FaultKind, Outcome>>> = {
  // A 500, a hang or a garbled answer loses the answer, not the call: the job looks for the balance that call
  // would bring (none here, but the garbled one's), and asks again only after the lost-answer window.
  'POST /balance/refresh': {
    '429': 'rate_limited', // the 60 s wait runs past the 5 s deadline, so it fails at once
    'foreign-callback-url': 'unsafe_callback_url',
    'record-failed': 'bank_unavailable',
    // The bank asks for a one-time code: the link needs its user (the account is marked, see reauth.test.ts).
    'token-required': 'needs_reauth',
  },
  'GET /callback': { '429': 'rate_limited' },
  // Figures past 2^53 kobo and text no database holds: refused at once, not retried to the deadline.
  'POST /balance/getByAccount': { '429': 'rate_limited', 'hostile-data': 'provider_error' },
};

describe('every sandbox fault ends a refresh job in a typed state, the last balance intact', () => {
  let h: Harness;
  let foreign: Server;
  let foreignRequests: { url: string; authorization: string | undefined }[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    // A server posing as the foreign host the 'foreign-callback-url' fault names: if the route ever called
    // that URL, the request (and whatever credentials it carried) would land here.
    foreign = createServer((request, response) => {
      foreignRequests.push({ url: request.url ?? '', authorization: request.headers.authorization });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{}}');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    const foreignPort = (foreign.address() as AddressInfo).port;
    const asIfResolved: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.hostname.endsWith('.invalid')) {
        url.hostname = '127.0.0.1';
        url.port = String(foreignPort);
      }
      return fetch(url, init);
    };
    h = await startHarness({
      location: await storeBackends[0]!.location(),
      fetch: asIfResolved,
      route: { refresh: { debounceMs: 0 }, rateLimit: { refreshPerMinute: 1000 } },
    });
  });
  // Checked after each test, so it holds for any test run alone too.
  afterEach(() => {
    expect(unhandled.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await h?.close();
    await new Promise((resolve) => foreign?.close(resolve));
  });

  const refreshUnder = async (
    user: string,
    linked: Linked,
    plan: Parameters<Harness['sandbox']['setFaults']>[0],
  ) => {
    const before = (await h.json<BalanceResponse>(`/accounts/${linked.account.id}/balance`, { user })).body
      .balance;
    const historyBefore = (await h.json<HistoryResponse>(`/accounts/${linked.account.id}/history`, { user }))
      .body;
    h.sandbox.setFaults(plan);
    let job: RefreshJob;
    try {
      const started = (
        await h.json<RefreshJobResponse>(`/accounts/${linked.account.id}/refresh`, { method: 'POST', user })
      ).body;
      job = await waitFor(
        async () => {
          const { body } = await h.json<RefreshJobResponse>(
            `/accounts/${linked.account.id}/refresh/${started.job.id}`,
            { user },
          );
          return ['succeeded', 'unchanged', 'failed'].includes(body.job.state) ? body.job : undefined;
        },
        10_000,
        'the job to settle',
      );
    } finally {
      h.sandbox.setFaults({});
    }
    const after = (await h.json<BalanceResponse>(`/accounts/${linked.account.id}/balance`, { user })).body
      .balance;
    const historyAfter = (await h.json<HistoryResponse>(`/accounts/${linked.account.id}/history`, { user }))
      .body;
    if (job.state === 'failed') {
      expect(REFRESH_FAILURE_REASONS).toContain(job.failure?.reason);
      expect(job.failure?.message).toEqual(expect.any(String));
      expect(after).toEqual(before);
      expect(historyAfter.snapshots).toEqual(historyBefore.snapshots);
    } else {
      expect(historyAfter.snapshots).toHaveLength(historyBefore.snapshots.length + 1);
      expect(Number.isInteger(after?.ledger)).toBe(true);
    }
    return job;
  };

  for (const endpoint of Object.keys(EXPECTED)) {
    it(`${endpoint}: each fault kind, once`, async () => {
      const user = `faults ${endpoint}`;
      const linked = await h.link(user);
      for (const kind of FAULT_KINDS) {
        // A late callback comes 150 ms late here instead of the sandbox's default (at least a second).
        const fault = kind === 'late-callback' ? { kind, times: 1, delayMs: 150 } : { kind, times: 1 };
        const job = await refreshUnder(user, linked, { [endpoint]: [fault] });
        const outcome = job.state === 'failed' ? job.failure?.reason : job.state;
        expect({ kind, outcome }).toEqual({ kind, outcome: EXPECTED[endpoint]?.[kind] ?? 'succeeded' });
        if (kind === 'missing-available' && endpoint === 'POST /balance/getByAccount') {
          // The bank's available figure went missing: it is derived from pending transactions, and says so.
          const { body } = await h.json<BalanceResponse>(`/accounts/${linked.account.id}/balance`, { user });
          expect(body.balance).toMatchObject({ derived: true, available: expect.any(Number) });
        }
      }
    });
  }

  it('a refresh whose answer is lost costs no second bank session: the job finds its balance instead', async () => {
    const lost = await h.link('lost answer');
    const job = await refreshUnder('lost answer', lost, {
      'POST /balance/refresh': [{ kind: 'lost-answer', times: 1 }],
    });
    expect(job.state).toBe('succeeded');
    expect(h.upstream(lost.upstreamId, 'POST /balance/refresh')).toBe(1);
    expect(h.sandbox.counts().refreshSessions[lost.upstreamId]).toBe(1);

    // A call that hung before the bank saw it started nothing: after the window it is asked once more.
    const hung = await h.link('hung call');
    const again = await refreshUnder('hung call', hung, {
      'POST /balance/refresh': [{ kind: 'hang', times: 1 }],
    });
    expect(again.state).toBe('succeeded');
    expect(h.upstream(hung.upstreamId, 'POST /balance/refresh')).toBe(2);
    expect(h.sandbox.counts().refreshSessions[hung.upstreamId]).toBe(1);
  });

  it('a fault that lasts past the deadline fails the job with the reason that kept it', async () => {
    await h.useRoute({
      refresh: { debounceMs: 0, deadlineMs: 1_000 },
      rateLimit: { refreshPerMinute: 1000 },
    });
    try {
      const linked = await h.link('deadline');
      const busy = await refreshUnder('deadline', linked, { 'GET /callback': [{ kind: '503' }] });
      expect(busy.failure?.reason).toBe('bank_unavailable');
      const stuck = await refreshUnder('deadline', linked, { 'GET /callback': [{ kind: 'hang' }] });
      expect(stuck.failure?.reason).toBe('deadline_exceeded');
    } finally {
      await h.useRoute();
    }
  });

  it('never calls a callback URL on a foreign host, so the secret key never goes there', async () => {
    const linked = await h.link('foreign');
    foreignRequests = [];
    const calls = h.providerCalls.length;
    const job = await refreshUnder('foreign', linked, {
      'POST /balance/refresh': [{ kind: 'foreign-callback-url' }],
    });
    expect(foreignRequests).toEqual([]);
    expect(h.providerCalls.slice(calls).some((url) => url.includes('.invalid'))).toBe(false);
    expect(job.failure?.reason).toBe('unsafe_callback_url');
  });
});
