import { BalanceApiError, type BalanceApiErrorCode } from './BalanceApiError.ts';
import { explainFailure } from './explainFailure.ts';

/** How to reach the balance route (`@okra-balance/server`). */
export interface BalanceClientConfig {
  /** Where the route is mounted, e.g. `/api/balance` or `https://example.com/api/balance`. */
  baseUrl: string;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Default: `same-origin`, so the session cookie goes along. */
  credentials?: RequestCredentials | undefined;
  /** Extra headers for every request, e.g. an `authorization` header. */
  headers?: Record<string, string> | undefined;
}

/** One call to the route. */
export interface RouteCall {
  /** Under the base URL, e.g. `/accounts`. */
  path: string;
  /** Default `GET`. */
  method?: 'GET' | 'POST' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** A key the reply must have, so an HTML error page or a proxy's reply never passes for data. */
  expect?: string;
  signal?: AbortSignal | undefined;
}

/**
 * Calls the route and returns its JSON body, or throws a {@link BalanceApiError} whose message names the call.
 * In development builds each failed call also writes one console warning with the likely fix.
 *
 * @example
 * const { accounts } = await requestJson<AccountsResponse>(config, { path: '/accounts', expect: 'accounts' });
 */
export async function requestJson<T>(config: BalanceClientConfig, call: RouteCall): Promise<T> {
  const { path, method = 'GET', body, expect, signal } = call;
  const url = config.baseUrl.replace(/\/+$/, '') + path;
  const request = { method, url: absolute(url) };
  const fail = (code: BalanceApiErrorCode, status: number, message: string) => {
    const error = new BalanceApiError(code, status, message, request);
    if (process.env.NODE_ENV !== 'production') console.warn(explainFailure(error));
    return error;
  };
  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(url, {
      method,
      credentials: config.credentials ?? 'same-origin',
      headers: { 'content-type': 'application/json', ...config.headers },
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw fail('network_error', 0, `${method} ${request.url}: no answer (${String(cause)})`);
  }
  const json: unknown = await response.json().catch(() => null);
  signal?.throwIfAborted();
  // The route's error body, recognised by its shape: a code this version does not know yet passes through.
  const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    throw fail(error.code, response.status, error.message);
  }
  if (!response.ok || (expect && !(expect in Object(json)))) {
    const type = response.headers.get('content-type') || 'no content type';
    throw fail(
      'invalid_response',
      response.status,
      `${method} ${request.url} answered ${response.status} (${type}), not the balance route's JSON`,
    );
  }
  return json as T;
}

/** The URL as the browser resolves it, so a message shows where a relative base URL really pointed. */
function absolute(url: string): string {
  try {
    return new URL(url, globalThis.location?.href).href;
  } catch {
    return url;
  }
}
