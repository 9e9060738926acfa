import type { ApiErrorCode } from '@okra-balance/core';

/**
 * The route's own error codes, plus `network_error` (no answer) and `invalid_response` (not the route's JSON).
 * Open: a code from a newer server arrives as the server sent it, so keep a default branch.
 */
export type BalanceApiErrorCode = ApiErrorCode | 'network_error' | 'invalid_response' | (string & {});

/** Which call failed: the method and the full URL. */
export interface BalanceApiRequest {
  method: string;
  url: string;
}

/**
 * A failed call to the balance route. Branch on `code`; `message` is for logs (the server's words, or what
 * came back instead of the route's JSON); `status` is the HTTP status, 0 when no answer came.
 *
 * @example
 * if (error instanceof BalanceApiError && error.code === 'rate_limited') showLater();
 */
export class BalanceApiError extends Error {
  override readonly name = 'BalanceApiError';
  /** The method and full URL of the call, when known. */
  readonly request: BalanceApiRequest | null;

  constructor(
    readonly code: BalanceApiErrorCode,
    readonly status: number,
    message: string,
    request: BalanceApiRequest | null = null,
  ) {
    super(message);
    this.request = request;
  }
}
