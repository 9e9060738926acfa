import { z } from 'zod';
import { limitQuery } from './limitQuery.ts';

/** The most snapshots one history answer holds: a month of hourly balances. */
export const MAX_HISTORY_LIMIT = 1000;

/**
 * The schema of `GET /accounts/:id/history`'s query: `limit` (1 to {@link MAX_HISTORY_LIMIT}, default 30) and
 * `since`, an ISO time (a week or a month back, for a chart).
 *
 * @example
 * historyQuery.safeParse({ limit: c.req.query('limit'), since: c.req.query('since') });
 */
export const historyQuery = limitQuery(MAX_HISTORY_LIMIT).extend({
  since: z
    .string()
    .max(40)
    .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), {
      message: 'since must be an ISO time, e.g. 2026-01-01T00:00:00Z',
    })
    .transform((value) => new Date(Date.parse(value)).toISOString())
    .optional(),
});
