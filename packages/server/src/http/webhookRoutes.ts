import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from './ApiError.ts';
import { readJsonBody } from './readJsonBody.ts';
import type { RouteDeps, RouteEnv } from './RouteDeps.ts';
import { bearerMatches, sha256Hex } from '../secrets.ts';

// The provider's webhook body is unpublished: read it loosely, keyed on the record.
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
 * The webhook routes. Nothing in a body is trusted: a delivery only wakes the job waiting on its record, which
 * then asks the provider itself, and at most once per poll interval, never inside a rate-limit wait, so even a
 * forged one costs no more upstream calls than polling would.
 *
 * - `POST /webhooks/:provider`: the dashboard webhook, with the bearer token compared in constant time.
 * - `POST /webhooks/:provider/:key`: a link's own address, handed to the widget as its `callback_url`. The
 *   unguessable key is the proof; it wakes only jobs of that link's accounts. A status saying the link needs
 *   its user (see `createLinkHealth`) marks that link's accounts, or only the one the body names.
 *
 * The dashboard webhook marks nothing: its token is shared by every link (and some providers send it to the
 * widget's `callback_url`, which a page chooses), so a leaked one must not be able to lock accounts. Its
 * delivery wakes the job, whose own poll then finds out from the provider.
 */
export function webhookRoutes(app: Hono<RouteEnv>, deps: RouteDeps): void {
  app.post('/webhooks/:provider', async (c) => {
    if (c.req.param('provider') !== deps.provider.id || deps.webhookToken === null) {
      throw new ApiError('not_found', 'No such webhook (webhooks need the webhookToken option)');
    }
    if (!(await bearerMatches(c.req.header('authorization'), deps.webhookToken))) {
      throw new ApiError('unauthenticated', 'Missing or wrong webhook bearer token');
    }
    return receive(c, deps, null);
  });

  app.post('/webhooks/:provider/:key', async (c) => {
    const key = c.req.param('key');
    const accounts =
      c.req.param('provider') === deps.provider.id && /^[\w-]{20,100}$/.test(key)
        ? await deps.store.findHook(await sha256Hex(key))
        : null;
    if (accounts === null) throw new ApiError('not_found', 'No such webhook');
    return receive(c, deps, accounts);
  });
}

async function receive(c: Context<RouteEnv>, deps: RouteDeps, onlyAccounts: string[] | null) {
  const event = await readJsonBody(c.req.raw, eventSchema, {
    maxBytes: deps.maxBodyBytes * 4,
    allowEmpty: false,
    requireJsonType: false,
  });
  const recordId = recordOf(event);
  const now = deps.now().toISOString();
  const fresh = await deps.store.recordWebhookEvent({
    provider: deps.provider.id,
    key:
      recordId === null ? `body:${await sha256Hex(JSON.stringify(event))}` : `${recordId}:${kindOf(event)}`,
    recordId,
    body: event,
    now,
  });
  if (onlyAccounts !== null) await markFromWebhook(deps, event, onlyAccounts, now);
  if (fresh && recordId !== null && (onlyAccounts === null || onlyAccounts.length > 0)) {
    const woken = await deps.store.nudgeRecord(recordId, now, {
      minGapMs: deps.refresh.pollIntervalMs,
      ...(onlyAccounts === null ? {} : { upstreamKeys: onlyAccounts }),
    });
    if (woken.length > 0) await deps.driveJobs(woken, 'change');
  }
  return c.json({ received: true, duplicate: !fresh });
}

// Idempotent (an account already marked keeps its first mark), so a redelivery need not be told apart.
async function markFromWebhook(deps: RouteDeps, event: WebhookEvent, keys: string[], now: string) {
  const problem = deps.linkHealth.fromWebhook(event);
  if (problem === null || keys.length === 0) return;
  const named = typeof event.account === 'string' ? `${deps.provider.id}:${event.account}` : null;
  const marked = named === null ? keys : keys.filter((key) => key === named);
  await deps.store.markNeedsReauth(marked, { ...problem, since: now });
}

function recordOf(event: WebhookEvent): string | null {
  const nested =
    typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {};
  for (const value of [event.record, event.record_id, nested.record, nested.record_id]) {
    if (typeof value === 'string' && /^[\w.:-]{1,200}$/.test(value)) return value;
  }
  return null;
}

/**
 * What happened to the record, as one of a closed set: a redelivery, or a forgery that only varies the free
 * text of `type` or `status`, has the same key as the first and is a duplicate.
 */
function kindOf(event: WebhookEvent): 'success' | 'failed' | 'other' {
  const words = [event.type, event.event, event.callback_type, event.status]
    .filter((value): value is string => typeof value === 'string')
    .join(' ')
    .toLowerCase();
  if (/fail|error/.test(words)) return 'failed';
  if (/success|complete|done/.test(words)) return 'success';
  return 'other';
}
