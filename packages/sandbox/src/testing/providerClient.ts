import type { Sandbox } from '../sandboxTypes.ts';

/** A reply as a test reads it: the status and the parsed body (or the raw text when it is not JSON). */
export interface TestReply {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

/** The reply's `data`, read as the wire type the test expects (from core's provider types). */
export function dataOf<T>(reply: TestReply): T {
  return reply.body.data as T;
}

/**
 * A small fetch client for the sandbox's tests: real HTTP to 127.0.0.1, the secret key by default.
 *
 * @example
 * const api = providerClient(sandbox);
 * const { status, body } = await api.post('/balance/refresh', { account_id });
 */
export function providerClient(sandbox: Sandbox) {
  const auth = `Bearer ${sandbox.credentials.secretKey}`;
  const request = async (
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ) => {
    const url = path.startsWith('http') ? path : `${sandbox.apiBaseUrl}${path}`;
    const headers = { authorization: auth, 'content-type': 'application/json', ...init.headers };
    const response = await fetch(url, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const text = await response.text();
    let body: TestReply['body'] = {};
    try {
      body = JSON.parse(text) as TestReply['body'];
    } catch {
      body = {};
    }
    return { status: response.status, body, text };
  };
  return {
    request,
    post: (path: string, body: unknown, headers?: Record<string, string>) =>
      request('POST', path, { body: JSON.stringify(body), ...(headers === undefined ? {} : { headers }) }),
    get: (path: string, headers?: Record<string, string>) =>
      request('GET', path, headers === undefined ? {} : { headers }),
    control: (method: string, path: string, body?: unknown) =>
      request(
        method,
        `${new URL(sandbox.apiBaseUrl).origin}/__sandbox${path}`,
        body === undefined ? {} : { body: JSON.stringify(body) },
      ),
  };
}

/** Waits until `check` returns a value other than undefined, polling every few ms; fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
