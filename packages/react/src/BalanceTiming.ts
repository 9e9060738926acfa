import { BalanceApiError } from './BalanceApiError.ts';

// Apart from BalanceContext (which needs React) so that the directive-free queries entry can use it.
/** How often to poll and retry. The defaults suit people; tests shrink them. */
export interface BalanceTiming {
  /** First delay between polls of a running refresh job (ms). Default 1000; each poll waits 1.5× longer. */
  pollMs: number;
  /** Longest delay between polls (ms). Default 15000. */
  maxPollMs: number;
  /** First delay before asking again for a link the provider is still writing (ms). Default 250, doubling. */
  linkRetryMs: number;
  /** How many times to ask again. Default 5. */
  linkRetries: number;
  /**
   * How many times a failed read is asked again, with TanStack Query's growing delay. Only when no answer
   * came or the server failed (5xx): a 4xx would answer the same. Default 3.
   */
  retries: number;
}

export const defaultTiming: BalanceTiming = {
  pollMs: 1000,
  maxPollMs: 15_000,
  linkRetryMs: 250,
  linkRetries: 5,
  retries: 3,
};

/**
 * TanStack Query's `retry` for the route's reads: never after a 4xx (refused, not found, signed out, rate
 * limited: asking again gets the same answer), otherwise up to `timing.retries` times.
 */
export function retryFor(timing: BalanceTiming) {
  return (failureCount: number, error: unknown): boolean =>
    failureCount < timing.retries &&
    !(error instanceof BalanceApiError && error.status >= 400 && error.status < 500);
}
