import { emitEvent } from './eventQueries.ts';
import { toAccount } from './rows.ts';
import type { SqlClient } from './SqlClient.ts';
import type { ScheduleRules, StoredAccount, StoredSchedule } from './Store.ts';
import type { StoreEvent } from './StoreEvent.ts';

// The hours an account refreshes every ($1: the route's default), and when its next refresh is due: the SQL
// twin of `nextScheduledAt` below. Keep the two in step.
const HOURS = `(CASE WHEN schedule_source = 'account' THEN schedule_hours ELSE $1::integer END)`;
const DUE_AT = `scheduled_from + (${HOURS} * $2::double precision * (1 + $3::double precision * schedule_seed))
  * interval '1 millisecond'`;

/**
 * When the account's next scheduled refresh is due (ISO), or null when its schedule is off.
 *
 * @example
 * nextScheduledAt(account.schedule, { everyHours: 6, jitter: 0.1, hourMs: 3_600_000 });
 */
export function nextScheduledAt(schedule: StoredSchedule, rules: ScheduleRules): string | null {
  const hours = hoursOf(schedule, rules);
  if (hours === null) return null;
  const ms = hours * rules.hourMs * (1 + rules.jitter * schedule.seed);
  return new Date(Date.parse(schedule.from) + Math.round(ms)).toISOString();
}

/** The hours between the account's refreshes, or null when off. */
export function hoursOf(schedule: StoredSchedule, rules: ScheduleRules): number | null {
  return schedule.source === 'account' ? schedule.hours : rules.everyHours;
}

export async function setSchedule(
  sql: SqlClient,
  userId: string,
  accountId: string,
  everyHours: number | null | 'route',
  now: string,
  emitted: StoreEvent[],
): Promise<StoredAccount | null> {
  return sql.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE okra_accounts SET schedule_source = $3, schedule_hours = $4 WHERE id = $1 AND user_id = $2
       RETURNING *`,
      [
        accountId,
        userId,
        everyHours === 'route' ? 'route' : 'account',
        everyHours === 'route' ? null : everyHours,
      ],
    );
    if (rows[0] === undefined) return null;
    await emitEvent(tx, emitted, 'accounts', userId, now);
    return toAccount(rows[0]);
  });
}

/**
 * Moves the due accounts' next refresh on and returns them. SKIP LOCKED and the moved `scheduled_from` keep
 * two processes off the same account: a row another one took is locked, then no longer due.
 */
export async function claimScheduledRefreshes(
  sql: SqlClient,
  now: string,
  rules: ScheduleRules,
  limit: number,
  emitted: StoreEvent[],
): Promise<StoredAccount[]> {
  return sql.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE okra_accounts SET scheduled_from = $4
     WHERE id IN (
       SELECT id FROM okra_accounts
       WHERE reauth_since IS NULL AND ${HOURS} IS NOT NULL AND ${DUE_AT} <= $4
       ORDER BY scheduled_from LIMIT $5
       FOR UPDATE SKIP LOCKED
     )
     RETURNING *`,
      [rules.everyHours, rules.hourMs, rules.jitter, now, limit],
    );
    const accounts = rows.map(toAccount);
    // Their lists show the next scheduled time, which just moved.
    for (const userId of new Set(accounts.map((account) => account.userId))) {
      await emitEvent(tx, emitted, 'accounts', userId, now);
    }
    return accounts;
  });
}
