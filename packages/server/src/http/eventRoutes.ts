import type { Hono } from 'hono';
import { ApiError } from './ApiError.ts';
import type { RouteDeps, RouteEnv } from './RouteDeps.ts';
import { sseStream } from './sseStream.ts';
import { runUserEvents } from './userEvents.ts';

/**
 * `GET /events`: the signed-in user's Server-Sent Events stream (see `BalanceStreamEvent` in core). Resumes from
 * `Last-Event-ID` (the header EventSource sends on its own reconnects, or `?lastEventId=`).
 */
export function eventRoutes(app: Hono<RouteEnv>, deps: RouteDeps): void {
  app.get('/events', (c) => {
    const user = c.get('user');
    const lastId = parseEventId(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
    const stream = sseStream();
    if (!deps.streams.add(user.id, stream)) {
      stream.close();
      throw new ApiError('rate_limited', 'Too many open event streams for this user: close one first');
    }
    void runUserEvents(deps, user.id, lastId, stream, deps.events.keepAliveMs);
    return new Response(stream.body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        // Proxies that buffer (nginx) would hold events back until the buffer fills.
        'x-accel-buffering': 'no',
      },
    });
  });
}

// An id we never handed out (not a whole number) is treated as none: the client refetches.
function parseEventId(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}
