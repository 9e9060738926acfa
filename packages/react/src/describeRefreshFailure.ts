import type { RefreshFailureReason } from '@okra-balance/core';

const messages: Record<RefreshFailureReason, string> = {
  deadline_exceeded: 'The bank took too long to answer.',
  rate_limited: 'Too many refreshes just now. Wait a minute, then try again.',
  bank_unavailable: 'The bank is not answering right now. Try again later.',
  provider_error: 'The balance service had a problem. Try again in a moment.',
  provider_rejected: 'The balance service turned the refresh down. Try again later.',
  unsafe_callback_url: 'The refresh was stopped for safety. Contact support if this keeps happening.',
  account_unavailable: 'This account can no longer be read. Link it again to see its balance.',
  needs_reauth: 'The bank needs you to sign in again. Reconnect the account to refresh it.',
};

/**
 * Why a refresh failed, in words for the account holder, keyed on the job's stable failure reason. A reason
 * from a newer server gets the general sentence.
 *
 * @example
 * describeRefreshFailure('deadline_exceeded'); // 'The bank took too long to answer.'
 */
export function describeRefreshFailure(reason: RefreshFailureReason | (string & {})): string {
  return messages[reason as RefreshFailureReason] ?? messages.provider_error;
}
