import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import type { Sandbox } from '../sandboxTypes.ts';
import { startSandbox } from '../startSandbox.ts';
import { providerClient } from '../testing/providerClient.ts';
import { ENDPOINTS } from './routes.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ latencyMs: 5, seed: 99 });
});
afterAll(() => sandbox.close());

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const EXTRA_PATHS = [
  '/',
  '/v2',
  '/v2/',
  '/v2/balance',
  '/v2/callback?record=',
  '/v2/callback?method=BALANCE&record=%00',
  '/v2/../etc/passwd',
  '/v2/balance/refresh?x=1',
  '/__sandbox/counts',
  '/v2/%E0%A4%A',
];
const VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  '',
  ' ',
  'x'.repeat(5000),
  [],
  {},
  [1, 'a'],
  { $gt: '' },
  '🙂',
];
const FIELDS = [
  'account_id',
  'account',
  'customer',
  'id',
  'options',
  'page',
  'limit',
  'record_id',
  'includePeriodic',
  '__proto__',
  'constructor',
];

/** A bad request from the seed: a method, a path, headers and a body, each likely wrong. */
function badRequest(random: ReturnType<typeof createRandom>, key: string) {
  const endpoint = random.pick(ENDPOINTS);
  const [, path = ''] = endpoint.split(' ');
  const method = random.next() < 0.6 ? (endpoint.split(' ')[0] ?? 'POST') : random.pick(METHODS);
  const url = random.next() < 0.8 ? `/v2${path}` : random.pick(EXTRA_PATHS);
  const auth =
    random.next() < 0.7 ? `Bearer ${key}` : random.pick(['', 'Bearer', `bearer ${key}x`, 'Basic abc']);
  const bodyKind = random.int(0, 4);
  let body: string | undefined;
  if (bodyKind === 0) body = random.pick(['{', '}', 'null', '"str"', '[]', '{"a":', '\u0000', 'nan']);
  if (bodyKind >= 1) {
    const fields: Record<string, unknown> = {};
    for (let i = random.int(0, 4); i > 0; i -= 1) fields[random.pick(FIELDS)] = random.pick(VALUES);
    body = JSON.stringify(fields);
  }
  const contentType = random.pick([
    'application/json',
    'text/plain',
    '',
    'application/x-www-form-urlencoded',
  ]);
  return { method, url, auth, body: method === 'GET' || method === 'HEAD' ? undefined : body, contentType };
}

it('survives 400 seeded bad requests: never a 5xx, always an envelope, still answering after', async () => {
  const random = createRandom(2024);
  const origin = new URL(sandbox.apiBaseUrl).origin;
  const statuses = new Map<number, number>();
  for (let i = 0; i < 400; i += 1) {
    const bad = badRequest(random, sandbox.credentials.secretKey);
    const headers: Record<string, string> = { authorization: bad.auth };
    if (bad.contentType !== '') headers['content-type'] = bad.contentType;
    const response = await fetch(`${origin}${bad.url}`, {
      method: bad.method,
      headers,
      ...(bad.body === undefined ? {} : { body: bad.body }),
    });
    const text = await response.text();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    expect(response.status, `${bad.method} ${bad.url} ${bad.body ?? ''}`).toBeLessThan(500);
    if (bad.method !== 'HEAD' && response.status !== 204) {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      expect(
        parsed.status === 'error' || parsed.status === 'success' || 'error' in parsed || 'total' in parsed,
      ).toBe(true);
    }
  }
  expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
  const link = await sandbox.linkAccount({ accounts: 1 });
  const ok = await providerClient(sandbox).post('/balance/getByAccount', {
    account_id: link.accounts[0]?._id,
  });
  expect(ok.status).toBe(200);
});
