import type { RefreshFailureReason } from '@okra-balance/core';

/** Every typed failure reason: a failed job must carry one of these. */
export const FAILURE_REASONS = [
  'deadline_exceeded',
  'rate_limited',
  'bank_unavailable',
  'provider_error',
  'provider_rejected',
  'unsafe_callback_url',
  'account_unavailable',
] as const satisfies readonly RefreshFailureReason[];

// Fails to compile when core adds a reason this list does not have.
const complete: Exclude<RefreshFailureReason, (typeof FAILURE_REASONS)[number]> extends never ? true : false =
  true;
void complete;
