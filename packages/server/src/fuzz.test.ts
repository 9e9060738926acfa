import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/startHarness.ts';
import { storeBackends } from './testing/storeBackends.ts';

const USERS = ['owner', 'other'];

describe('fuzzing bodies, params, headers and methods', () => {
  let h: Harness;
  let accountIds: string[] = [];
  let jobId = 'job_00000000000000000000000000000000';

  beforeAll(async () => {
    h = await startHarness({
      location: await storeBackends[0]!.location(),
      route: { rateLimit: { refreshPerMinute: 10_000 } },
    });
    accountIds = [
      (await h.link('owner')).account.id,
      (await h.link('owner')).account.id,
      (await h.link('other')).account.id,
    ];
    const started = await h.json<{ job: { id: string } }>(`/accounts/${accountIds[0]}/refresh`, {
      method: 'POST',
      user: 'owner',
    });
    jobId = started.body.job.id;
  });
  afterAll(() => h?.close());

  // What a request could change: who has which accounts, and which job each account has.
  const fingerprint = async () => {
    const accounts = await Promise.all(USERS.map((user) => h.store.listAccounts(user)));
    const jobs = await Promise.all(
      accounts
        .flat()
        .map(
          async (account) =>
            (await h.store.latestJobs([account.upstreamKey])).get(account.upstreamKey)?.id ?? null,
        ),
    );
    return JSON.stringify({ accounts: accounts.map((list) => list.map((account) => account.id)), jobs });
  };

  it('never answers 5xx, and a refused request changes nothing', async () => {
    const id = () =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...accountIds) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'acct_00000000000000000000000000000000',
            'acct_',
            '..',
            '%2e%2e',
            '%',
            '%zz',
            '%E0%A4%A',
          ),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) },
      );
    const path = fc.oneof(
      fc.constantFrom(
        '/health',
        '/accounts',
        '/link-sessions',
        '/links',
        '/links',
        '/webhooks/sandbox',
        '/webhooks/okra',
        '/',
        '',
      ),
      id().map((account) => `/accounts/${account}/refresh`),
      id().map((account) => `/accounts/${account}`),
      id().map((account) => `/accounts/${account}/balance`),
      id().map((account) => `/accounts/${account}/refresh`),
      fc
        .tuple(id(), fc.oneof(fc.constant(jobId), fc.string({ maxLength: 40 }).map(encodeURIComponent)))
        .map(([account, job]) => `/accounts/${account}/refresh/${job}`),
      fc
        .tuple(id(), fc.string({ maxLength: 12 }))
        .map(([account, limit]) => `/accounts/${account}/history?limit=${encodeURIComponent(limit)}`),
      fc.webPath(),
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.constant(''),
      fc.json(),
      fc.string({ maxLength: 200 }),
      fc
        .record({ linkToken: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }, { requiredKeys: [] })
        .map((value) => JSON.stringify(value)),
      fc.constant('x'.repeat(70_000)),
      fc.constant('{"a":'.repeat(2_000)),
    );
    // Mostly well-formed headers, so most requests get past the guards to the bodies and params behind them.
    const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight: number) =>
      fc.oneof({ weight: 10 - weight, arbitrary: fc.constant(undefined) }, { weight, arbitrary });
    const headers = fc.record({
      'x-test-user': fc.oneof(
        { weight: 6, arbitrary: fc.constant('owner') },
        { weight: 2, arbitrary: fc.constantFrom('other', '') },
        { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
      ),
      origin: sometimes(fc.oneof(fc.constantFrom('null', 'https://evil.example', h.url), fc.webUrl()), 2),
      'sec-fetch-site': sometimes(
        fc.constantFrom('cross-site', 'same-site', 'same-origin', 'none', 'bogus'),
        2,
      ),
      'content-type': fc.oneof(
        { weight: 6, arbitrary: fc.constant('application/json') },
        {
          weight: 3,
          arbitrary: fc.constantFrom(
            'text/plain',
            'application/json; charset=utf-8',
            'application/x-www-form-urlencoded',
          ),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      ),
      authorization: sometimes(
        fc.oneof(fc.constantFrom('Bearer ', 'Bearer x', 'Basic Zm9vOmJhcg=='), fc.string({ maxLength: 30 })),
        2,
      ),
    });
    const method = fc.oneof(
      { weight: 3, arbitrary: fc.constant('GET') },
      { weight: 5, arbitrary: fc.constant('POST') },
      { weight: 2, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS') },
    );

    // Half the time a route's own method, so the bodies and params get read; else any method on any path.
    const routed = fc.oneof(
      fc.constantFrom<[string, string]>(
        ['POST', '/links'],
        ['POST', '/link-sessions'],
        ['POST', '/webhooks/sandbox'],
      ),
      id().map((account): [string, string] => ['POST', `/accounts/${account}/refresh`]),
      id().map((account): [string, string] => ['GET', `/accounts/${account}/balance`]),
      id().map((account): [string, string] => ['DELETE', `/accounts/${account}`]),
      path.map((target): [string, string] => ['GET', target]),
    );
    const request = fc.oneof(routed, fc.tuple(method, path));

    // State only moves on a 2xx, so the fingerprint after one request is the "before" of the next.
    let state = await fingerprint();
    await fc.assert(
      fc.asyncProperty(request, headers, body, async ([verb, target], head, payload) => {
        const clean = Object.fromEntries(
          Object.entries(head).filter(
            (entry): entry is [string, string] => entry[1] !== undefined && /^[\t\x20-\x7e]*$/.test(entry[1]),
          ),
        );
        const response = await fetch(h.url + (target.startsWith('/') ? target : `/${target}`), {
          method: verb,
          headers: clean,
          body: verb === 'GET' || verb === 'HEAD' ? null : (payload ?? null),
        });
        const text = await response.text();
        expect(response.status, `${verb} ${target} -> ${text.slice(0, 200)}`).toBeLessThan(500);
        const after = await fingerprint();
        if (response.status >= 400) expect(after, `${verb} ${target} changed state`).toBe(state);
        state = after;
      }),
      { numRuns: 300, seed: 20_261_121 },
    );
    expect(h.logs.filter((line) => line.level === 'error')).toEqual([]);
  });
});
