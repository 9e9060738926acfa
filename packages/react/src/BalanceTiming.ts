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
}

export const defaultTiming: BalanceTiming = {
  pollMs: 1000,
  maxPollMs: 15_000,
  linkRetryMs: 250,
  linkRetries: 5,
};
