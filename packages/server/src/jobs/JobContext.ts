import type { AmountUnit, RefreshStrategy } from '@okra-balance/core';
import type { Logger } from '../logger.ts';
import type { ProviderClient } from '../provider/createProviderClient.ts';
import type { LinkHealthReader } from '../provider/createLinkHealth.ts';
import type { ScheduleRules, Store } from '../store/Store.ts';

/** Timings of refresh jobs. */
export interface JobTimings {
  /** First wait before polling a callback; doubles per poll up to `maxPollIntervalMs`. */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** How long a lost billed call's balance is looked for before the call is asked again. */
  lostAnswerWindowMs: number;
  /** How long a lease lasts; a running step renews it every third of this, so a dead worker's ends soon. */
  leaseMs: number;
}

/** Periodic refreshes: the store's rules, and how the jobs they make are made. */
export interface JobSchedule extends ScheduleRules {
  strategy: RefreshStrategy;
  debounceMs: number;
  deadlineMs: number;
  /** How often at most a worker looks for due schedules (a query each). */
  lookEveryMs: number;
}

/** What running a job needs. */
export interface JobContext {
  store: Store;
  client: ProviderClient;
  unit: AmountUnit;
  timings: JobTimings;
  /** Store the earlier balances a record carries (`periodic`) as history too. */
  includePeriodic: boolean;
  /** Recognises a link that needs its user in what the provider answers. */
  linkHealth: LinkHealthReader;
  schedule: JobSchedule;
  /** This worker's name on the leases it takes. */
  owner: string;
  logger: Logger;
  now: () => Date;
  /** Scrubs secrets from text that leaves the server (a failure message may quote the provider). */
  scrub: (text: string) => string;
}
