import type { AmountUnit } from '@okra-balance/core';
import type { Logger } from '../logger.ts';
import type { ProviderClient } from '../provider/createProviderClient.ts';
import type { Store } from '../store/Store.ts';

/** Timings of refresh jobs. */
export interface JobTimings {
  /** First wait before polling a callback; doubles per poll up to `maxPollIntervalMs`. */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** How long a worker holds a job while advancing it; must outlast one step. */
  leaseMs: number;
}

/** What advancing a job needs. */
export interface JobContext {
  store: Store;
  client: ProviderClient;
  unit: AmountUnit;
  timings: JobTimings;
  /** This worker's name on the leases it takes. */
  owner: string;
  logger: Logger;
  now: () => Date;
  /** Scrubs secrets from text that leaves the server (a failure message may quote the provider). */
  scrub: (text: string) => string;
}
