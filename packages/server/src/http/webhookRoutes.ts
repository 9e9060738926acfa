import type { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from './ApiError.ts';
import { readJsonBody } from './readJsonBody.ts';
import type { RouteDeps, RouteEnv } from './RouteDeps.ts';
import { bearerMatches, sha256Hex } from './secrets.ts';

// The provider's webhook body is unpublished: read it loosely, keyed on the record (see the contract, §5).
const eventSchema = z.looseObject({
  type: z.unknown().optional(),
  event: z.unknown().optional(),
  callback_type: z.unknown().optional(),
  status: z.unknown().optional(),
  record: z.unknown().optional(),
  record_id: z.unknown().optional(),
  data: z.unknown().optional(),
});

type WebhookEvent = z.infer<typeof eventSchema>;

/**
 * `POST /webhooks/:provider`. Checks the bearer token in constant time, stores each event once (a duplicate
 * delivery changes nothing), and only nudges the job waiting on that record: the job then asks the provider
 * itself, so nothing in the body is trusted.
 */
export function webhookRoutes(app: Hono<RouteEnv>, deps: RouteDeps): void {
  app.post('/webhooks/:provider', async (c) => {
    if (c.req.param('provider') !== deps.provider.id || deps.webhookToken === null) {
      throw new ApiError('not_found', 'No such webhook (webhooks need the webhookToken option)');
    }
    if (!(await bearerMatches(c.req.header('authorization'), deps.webhookToken))) {
      throw new ApiError('unauthenticated', 'Missing or wrong webhook bearer token');
    }
    const event = await readJsonBody(c.req.raw, eventSchema, {
      maxBytes: deps.maxBodyBytes * 4,
      allowEmpty: false,
      requireJsonType: false,
    });
    const recordId = recordOf(event);
    const fresh = await deps.store.recordWebhookEvent({
      provider: deps.provider.id,
      key: recordId === null ? `body:${await sha256Hex(JSON.stringify(event))}` : eventKey(recordId, event),
      recordId,
      body: event,
      now: deps.now().toISOString(),
    });
    if (fresh && recordId !== null) {
      const nudged = await deps.store.nudgeRecord(recordId, deps.now().toISOString());
      if (nudged.length > 0) await deps.driveJobs(nudged);
    }
    return c.json({ received: true, duplicate: !fresh });
  });
}

function recordOf(event: WebhookEvent): string | null {
  const nested =
    typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {};
  for (const value of [event.record, event.record_id, nested.record, nested.record_id]) {
    if (typeof value === 'string' && value.trim() !== '' && value.length <= 200) return value;
  }
  return null;
}

// One record completes once per kind of event: a redelivery (even with a new timestamp) has the same key.
function eventKey(recordId: string, event: WebhookEvent): string {
  const word = (value: unknown) => (typeof value === 'string' ? value.slice(0, 60) : '');
  return [
    recordId,
    word(event.type) || word(event.event) || word(event.callback_type),
    word(event.status),
  ].join(':');
}
