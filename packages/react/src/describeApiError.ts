import { BalanceApiError } from './BalanceApiError.ts';
import { REAUTH_SENTENCE } from './describeReauthReason.ts';

/**
 * A sentence a person can act on for a failed request; the technical detail stays on the error for logs.
 *
 * @example
 * describeApiError(new BalanceApiError('network_error', 0, 'fetch failed')); // "We could not reach the server…"
 */
export function describeApiError(error: unknown): string {
  const code = error instanceof BalanceApiError ? error.code : null;
  if (code === 'network_error')
    return 'We could not reach the server. Check your connection, then try again.';
  if (code === 'rate_limited') return 'Too many attempts just now. Wait a minute, then try again.';
  if (code === 'unauthenticated') return 'You are signed out. Sign in again, then try again.';
  // The account's link needs its user: `<AccountBalance>` offers to reconnect it.
  if (code === 'needs_reauth') return REAUTH_SENTENCE;
  return 'Something went wrong on our side. Try again in a moment.';
}
