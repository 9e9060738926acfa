import type { Logger } from '../logger.ts';
import type { RetentionPolicy, Store, SweepResult } from './Store.ts';

/** Retention: how long rows stay once they stop mattering, and how often to sweep. */
export interface RetentionOptions extends Partial<RetentionPolicy> {
  /** How often the route sweeps on its own. Default one hour. */
  everyMs?: number;
}

export interface Sweeper {
  /** Sweeps now. */
  sweep(): Promise<SweepResult>;
  /** Sweeps when the last sweep of this process is `everyMs` old (or there was none); never throws. */
  sweepIfDue(): Promise<void>;
  /** Sweeps every `everyMs` on an unref'd timer, until stopped. */
  start(): () => void;
}

export const DEFAULT_RETENTION: Required<RetentionOptions> = {
  linkTokensMs: 24 * 3_600_000,
  webhookEventsMs: 7 * 24 * 3_600_000,
  jobsMs: 30 * 24 * 3_600_000,
  eventsMs: 3_600_000,
  everyMs: 3_600_000,
};

/**
 * Deletes expired link tokens, old webhook events and old settled jobs on a schedule, so nothing grows without
 * bound. Snapshots (the balance history) and accounts are never swept.
 *
 * @example
 * const sweeper = createSweeper(store, {}, () => new Date(), logger); const stop = sweeper.start();
 */
export function createSweeper(
  store: Store,
  options: RetentionOptions,
  now: () => Date,
  logger: Logger,
): Sweeper {
  const { everyMs, ...policy } = { ...DEFAULT_RETENTION, ...options };
  let last = Number.NEGATIVE_INFINITY;
  const sweep = async () => {
    last = now().getTime();
    const result = await store.sweep(now().toISOString(), policy);
    if (result.linkTokens + result.webhookEvents + result.jobs + result.events > 0)
      logger.info('swept old rows', { ...result });
    return result;
  };
  const sweepIfDue = async () => {
    if (now().getTime() - last < everyMs) return;
    await sweep().catch((error: unknown) => logger.error('could not sweep old rows', { error }));
  };
  return {
    sweep,
    sweepIfDue,
    start() {
      void sweepIfDue();
      const timer = setInterval(() => void sweepIfDue(), everyMs);
      timer.unref?.();
      return () => clearInterval(timer);
    },
  };
}
