import type { RefreshSchedule } from '@okra-balance/core';
import { hoursOf, nextScheduledAt } from '../store/scheduleQueries.ts';
import type { ScheduleRules, StoredAccount } from '../store/Store.ts';

/**
 * An account's periodic refresh as the browser sees it: paused (no `nextAt`) while the link needs its user.
 *
 * @example
 * scheduleView(account, deps.schedule); // { everyHours: 6, source: 'route', nextAt: '2026-...' }
 */
export function scheduleView(account: StoredAccount, rules: ScheduleRules): RefreshSchedule {
  return {
    everyHours: hoursOf(account.schedule, rules),
    source: account.schedule.source,
    nextAt: account.health.state === 'ok' ? nextScheduledAt(account.schedule, rules) : null,
  };
}
