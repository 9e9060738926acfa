import type { Hono } from 'hono';
import { ApiError } from './ApiError.ts';
import { limitQuery } from './limitQuery.ts';
import type { RouteDeps, RouteEnv } from './RouteDeps.ts';
import { bearerMatches } from '../secrets.ts';

const runQuery = limitQuery(500);

/**
 * `GET|POST /jobs/run`: runs the due refresh job steps, for a scheduler on a host with no background work
 * (a Vercel cron sends `GET` with `Authorization: Bearer $CRON_SECRET`). Off (404) without `cronSecret`.
 */
export function jobRoutes(app: Hono<RouteEnv>, deps: RouteDeps): void {
  app.on(['GET', 'POST'], '/jobs/run', async (c) => {
    if (deps.cronSecret === null) {
      throw new ApiError('not_found', 'No such route (running jobs on request needs the cronSecret option)');
    }
    if (!(await bearerMatches(c.req.header('authorization'), deps.cronSecret))) {
      throw new ApiError('unauthenticated', 'Missing or wrong cron bearer secret');
    }
    const query = runQuery.safeParse({ limit: c.req.query('limit') });
    if (!query.success) {
      throw new ApiError('invalid_request', query.error.issues[0]?.message ?? 'Invalid query');
    }
    const result = await deps.runDueJobs(query.data.limit === undefined ? {} : { limit: query.data.limit });
    return c.json(result);
  });
}
