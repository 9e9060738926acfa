import type { Hono } from 'hono';
import { z } from 'zod';
import type { RefreshSchedule } from '@okra-balance/core';
import { isId } from '../store/ids.ts';
import { ApiError } from './ApiError.ts';
import { readJsonBody } from './readJsonBody.ts';
import type { RouteDeps, RouteEnv } from './RouteDeps.ts';
import { scheduleView } from './scheduleView.ts';

const HOURS = 'everyHours must be a whole number of hours from 1 to 168, null (off) or "route"';
const scheduleBody = z.strictObject({
  everyHours: z.union([z.number().int(HOURS).min(1, HOURS).max(168, HOURS), z.null(), z.literal('route')], {
    error: HOURS,
  }),
});

/**
 * `PUT /accounts/:id/schedule` with a `ScheduleRequest`: how often this account refreshes on its own. Answers
 * the account's `RefreshSchedule` as it now stands; another user's account is a 404.
 */
export function scheduleRoutes(app: Hono<RouteEnv>, deps: RouteDeps): void {
  app.put('/accounts/:id/schedule', async (c) => {
    const id = c.req.param('id');
    const { everyHours } = await readJsonBody(c.req.raw, scheduleBody, {
      maxBytes: deps.maxBodyBytes,
      allowEmpty: false,
      requireJsonType: true,
    });
    const account = isId('acct', id)
      ? await deps.store.setSchedule(c.get('user').id, id, everyHours, deps.now().toISOString())
      : null;
    if (account === null) throw new ApiError('not_found', 'No such account');
    const body: RefreshSchedule = scheduleView(account, deps.schedule);
    return c.json(body);
  });
}
