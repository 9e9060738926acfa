import { BENCH_USER_HEADER } from '../../harness/benchUser.ts';
import type { SeededRandom } from '../../harness/seededRandom.ts';

/** One generated request. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** Real values to mix in, so the generator reaches past the first check of each route. */
export interface FuzzTargets {
  userId: string;
  /** One of the user's accounts; never deleted by the fuzz. */
  accountId: string;
  /** Another user's account: must be a 404 for this user. */
  foreignAccountId: string;
  jobId: string;
  webhookToken: string;
  origin: string;
}

// Methods Node's HTTP parser knows (it answers 400 itself, before any app, to tokens it does not), that the
// route does not serve.
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'PURGE'];

// Each route with the method it serves: most requests use it, so they get past routing to the deeper checks.
const TEMPLATES: [path: string, method: string][] = [
  ['/health', 'GET'],
  ['/webhooks/sandbox', 'POST'],
  ['/webhooks/{word}', 'POST'],
  ['/webhooks/sandbox/{word}', 'POST'],
  ['/link-sessions', 'POST'],
  ['/links', 'POST'],
  ['/accounts', 'GET'],
  ['/accounts/{id}', 'DELETE'],
  ['/accounts/{id}/balance', 'GET'],
  ['/accounts/{id}/refresh', 'POST'],
  ['/accounts/{id}/refresh/{job}', 'GET'],
  ['/accounts/{id}/history', 'GET'],
  ['/{word}', 'GET'],
  ['/accounts/{id}/{word}', 'POST'],
];

const JUNK_IDS = [
  '',
  '..',
  '%00',
  '%ZZ',
  '%2e%2e%2f',
  "'%20OR%201=1--",
  'acct_',
  `acct_${'0'.repeat(32)}`,
  `acct_${'z'.repeat(32)}`,
  'job_1',
  '-1',
  '1e309',
  '%F0%9F%92%A5',
  'a'.repeat(3000),
  'acct_%0d%0aSet-Cookie:%20x=1',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  '*/*',
];

const BODIES = [
  '',
  '{',
  'null',
  '[]',
  '1',
  '"text"',
  'true',
  '{}',
  '{"extra":1}',
  '{"linkToken":123}',
  '{"linkToken":"short"}',
  `{"linkToken":"${'x'.repeat(300)}"}`,
  '{"linkToken":"lt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","customerId":{}}',
  '{"linkToken":"lt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","customerId":""}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '\u0000',
  '\uFEFF{}',
  '{"record":123}',
  `{"record":"${'r'.repeat(300)}"}`,
  '{"record":"nope","type":"balance.success","status":"success"}',
  '{"data":{"record":null}}',
  '{"data":{"record_id":"r1"},"event":{}}',
  '{"a":1,"a":2}',
  '{"n":1e999}',
  // Text no database holds, escaped inside valid JSON, in every field a route reads (and in a key).
  '{"record":"r\\u0000","type":"balance.success"}',
  '{"record":"r1","type":"balance.\\ud800success"}',
  '{"record":"r1","status":"\\udfff","data":{"x":"\\u0000"}}',
  '{"linkToken":"lt_\\u0000aaaaaaaaaaaaaaaaaaaaaaaaa"}',
  '{"linkToken":"lt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","customerId":"c\\ud800"}',
  '{"k\\u0000":1}',
  '{"record":"r1","amount":1e22,"type":"balance.success"}',
];

/**
 * One bad request from the seed: a method, a path (a real route or not, real ids or junk), headers (the
 * signed-in user or not, odd content types, cross-site origins, webhook tokens) and a body (broken JSON,
 * wrong types, deep nesting, too large, not UTF-8). Most are wrong in one or more ways; a few are valid.
 *
 * @example
 * const request = badRequest(seededRandom(1), targets);
 */
export function badRequest(random: SeededRandom, targets: FuzzTargets): FuzzRequest {
  const [template, served] = random.pick(TEMPLATES);
  const method = random.chance(0.65) ? served : random.pick(METHODS);
  const id = () =>
    random.pick([targets.accountId, targets.foreignAccountId, random.pick(JUNK_IDS), random.pick(JUNK_IDS)]);
  let path = template
    .replace('{word}', random.pick(['x', 'okra', 'flick', '%7B%7D', 'accounts', 'a'.repeat(500)]))
    .replace('{job}', random.pick([targets.jobId, ...JUNK_IDS]))
    .replace('{id}', () => {
      const value = id();
      // The fuzz never deletes the account it needs to reach deep paths.
      return method === 'DELETE' && value === targets.accountId ? 'acct_x' : value;
    });
  if (random.chance(0.3)) path += random.pick(QUERIES);

  const headers: Record<string, string> = {};
  const user = random.pick([
    targets.userId,
    targets.userId,
    targets.userId,
    '',
    'someone-else',
    'u'.repeat(4000),
  ]);
  if (random.chance(0.9)) headers[BENCH_USER_HEADER] = user;
  // Bytes past ASCII in headers the route reads (a header cannot carry a NUL at all).
  if (random.chance(0.05)) headers.origin = 'https://\u00ff\u00fe.example';
  if (random.chance(0.7)) headers['content-type'] = random.pick(CONTENT_TYPES);
  if (random.chance(0.2)) headers.origin = random.pick(['https://evil.example', 'null', targets.origin]);
  if (random.chance(0.15))
    headers['sec-fetch-site'] = random.pick(['cross-site', 'same-site', 'same-origin', 'none']);
  if (random.chance(0.3)) {
    headers.authorization = random.pick([
      `Bearer ${targets.webhookToken}`,
      'Bearer wrong',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      `Bearer ${'t'.repeat(2000)}`,
      'Bearer \u00ff\u00fe\u00e9',
    ]);
  }
  const content = method === 'GET' || method === 'HEAD' ? undefined : body(random);
  return content === undefined ? { method, path, headers } : { method, path, headers, body: content };
}

const QUERIES = [
  '?limit=-1',
  '?limit=0',
  '?limit=1',
  '?limit=101',
  '?limit=abc',
  '?limit=1e3',
  '?limit=',
  '?limit=99999999999999999999',
  '?limit=1&limit=2',
  '?%zz',
  `?${'a=1&'.repeat(500)}`,
];

function body(random: SeededRandom): string | Uint8Array<ArrayBuffer> | undefined {
  const kind = random.int(0, 9);
  if (kind === 0) return undefined;
  if (kind === 1) return `${'['.repeat(random.int(100, 20_000))}${']'.repeat(random.int(0, 3))}`;
  if (kind === 2) return JSON.stringify({ linkToken: 'x'.repeat(random.int(10_000, 200_000)) });
  if (kind === 3) return new Uint8Array(random.int(1, 64)).map(() => random.int(0, 255));
  return random.pick(BODIES);
}
