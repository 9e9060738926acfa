import { BalanceApiError, type BalanceApiErrorCode } from './BalanceApiError.ts';

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

/**
 * Calls one route and returns its JSON body, or throws a {@link BalanceApiError}. `expect` names a key the
 * reply must have, so an HTML error page or a proxy's reply never passes for data.
 */
export async function requestJson<T>(
  config: BalanceClientConfig,
  path: string,
  expect?: string,
  method = 'GET',
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const response = await (config.fetch ?? fetch)(config.baseUrl.replace(/\/+$/, '') + path, {
    method,
    credentials: config.credentials ?? 'same-origin',
    headers: { 'content-type': 'application/json', ...config.headers },
    body: body === undefined ? null : JSON.stringify(body),
    signal: signal ?? null,
  }).catch((cause: unknown) => {
    throw signal?.aborted ? cause : new BalanceApiError('network_error', 0, String(cause));
  });
  const json: unknown = await response.json().catch(() => null);
  // The route's error body, recognised by its shape: a code this version does not know yet passes through.
  const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    throw new BalanceApiError(error.code as BalanceApiErrorCode, response.status, error.message);
  }
  if (!response.ok || (expect && !(expect in Object(json)))) {
    throw new BalanceApiError('invalid_response', response.status, `${method} ${path}: unexpected reply`);
  }
  return json as T;
}
