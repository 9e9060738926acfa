import type { ApiErrorCode } from '@okra-balance/core';

/** The route's own error codes, plus `network_error` (no answer) and `invalid_response` (not our JSON). */
export type BalanceApiErrorCode = ApiErrorCode | 'network_error' | 'invalid_response';

/**
 * A failed call to the balance route. Branch on `code`; `message` is the server's, for logs. A code newer
 * than this package (from a newer server) arrives as the server sent it, so keep a default branch.
 *
 * @example
 * if (error instanceof BalanceApiError && error.code === 'rate_limited') showLater();
 */
export class BalanceApiError extends Error {
  override readonly name = 'BalanceApiError';

  constructor(
    readonly code: BalanceApiErrorCode,
    /** The HTTP status, or 0 when no answer came. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
