import type { ReauthReason } from '@okra-balance/core';

const messages: Record<ReauthReason, string> = {
  invalid_credentials:
    'Your bank no longer accepts the saved sign-in details (a changed password, perhaps). Reconnect to sign in again.',
  token_required: 'Your bank needs a one-time code to keep sharing this balance. Reconnect to enter it.',
  disconnected: 'This account was disconnected from your bank. Reconnect to see its balance again.',
  consent_expired: 'Your permission to read this account has run out. Reconnect to give it again.',
};

/** The sentence when the reason is unknown: a refresh answered 409 `needs_reauth`, or a newer server's reason. */
export const REAUTH_SENTENCE = 'The bank needs you to sign in again. Reconnect the account to refresh it.';

/**
 * Why an account must be reconnected, in words for the account holder, keyed on the link health's stable
 * reason (`LinkedAccount.health.reason`). Without a reason, or with one from a newer server, the general
 * sentence.
 *
 * @example
 * describeReauthReason('token_required'); // 'Your bank needs a one-time code to keep sharing this balance. …'
 */
export function describeReauthReason(reason?: ReauthReason | (string & {}) | null): string {
  return messages[reason as ReauthReason] ?? REAUTH_SENTENCE;
}
