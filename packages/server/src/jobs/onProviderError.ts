import type { ProviderError } from '../provider/ProviderError.ts';
import type { StoredJob } from '../store/Store.ts';
import type { JobContext } from './JobContext.ts';
import { backoffMs, fail, retryLater } from './settle.ts';

/** Where in a job a provider call failed: starting a record (not idempotent), polling, or reading. */
export type JobStage = 'request' | 'poll' | 'read';

/**
 * Decides what a provider failure does to a job: ask again later (only where that is safe and the wait fits
 * before the deadline) or fail it with a typed reason.
 */
export function onProviderError(
  ctx: JobContext,
  job: StoredJob,
  error: ProviderError,
  stage: JobStage,
): Promise<void> {
  const again = () => retryLater(ctx, job, backoffMs(ctx, job.attempt), error.kind);
  switch (error.kind) {
    case 'unsafe_url':
      return fail(ctx, job, 'unsafe_callback_url', error.message);
    case 'unauthorized':
    case 'rejected':
      return fail(ctx, job, 'provider_rejected', error.message);
    case 'not_found':
      return stage === 'poll'
        ? fail(ctx, job, 'provider_rejected', error.message)
        : fail(ctx, job, 'account_unavailable', error.message);
    case 'rate_limited': {
      // The 60 s rule: never sooner. If the wait runs past the deadline, say so now rather than wait to fail.
      const wait = Math.max(error.retryAfterMs ?? 60_000, ctx.timings.pollIntervalMs);
      if (ctx.now().getTime() + wait >= Date.parse(job.deadlineAt)) {
        return fail(ctx, job, 'rate_limited', `${error.message} (the wait runs past the job's deadline)`);
      }
      return retryLater(ctx, job, wait, error.kind);
    }
    case 'unavailable':
      return again();
    case 'network':
      // A request that may have reached the provider could have started a billed bank session: not repeated.
      return stage === 'request' && error.requestSent
        ? fail(ctx, job, 'provider_error', error.message)
        : again();
    case 'timeout':
    case 'malformed':
      return stage === 'request' ? fail(ctx, job, 'provider_error', error.message) : again();
    case 'server_error':
      if (stage === 'request') return fail(ctx, job, 'provider_error', error.message);
      // The provider's own envelope (say BANK_ERROR on a callback) means the record failed: asking again will not help.
      if (stage === 'poll' && error.type !== null) return fail(ctx, job, 'bank_unavailable', error.message);
      return again();
  }
}
