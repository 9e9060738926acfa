import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { z } from 'zod';
import type { SandboxCounts } from '../CallCounter.ts';
import type { FaultPlan } from '../faults.ts';
import type { Latency } from '../latency.ts';
import type { ExpireLinkInput } from '../LinkBook.ts';
import type { LinkAccountOptions, LinkAccountResult } from '../linkCustomer.ts';
import type { LinkState } from '../linkStates.ts';
import type { ReauthAccountOptions } from '../reauthAccount.ts';
import type { WebhookDelivery } from '../WebhookSender.ts';
import { expireSchema, latencySchema, linkSchema, parseFaultPlan, reauthSchema } from './controlSchemas.ts';

/** What the control route drives: the same operations as the programmatic API. */
export interface SandboxControl {
  counts(): SandboxCounts;
  resetCounts(): void;
  faults(): FaultPlan;
  setFaults(plan: FaultPlan): void;
  latency(): Latency;
  setLatency(latency: Latency): void;
  linkAccount(options: LinkAccountOptions): LinkAccountResult;
  /** Undefined for an unknown account. */
  linkStatus(accountId: string): LinkState | undefined;
  expireLink(accountId: string, input: ExpireLinkInput): LinkState | undefined;
  /** Throws a RangeError for an unknown account. */
  reauthAccount(accountId: string, options: ReauthAccountOptions): LinkAccountResult;
  webhookDeliveries(): WebhookDelivery[];
}

/**
 * `/__sandbox`: counts, faults, latency, links, link statuses and webhook deliveries, behind the same secret
 * key as the provider API. Its errors use `{ error: { code, message } }`, not the provider's envelope: it is
 * ours. It answers CORS so that a page holding the key (a browser test) can drive it; the key still guards it.
 */
export function controlApp(control: SandboxControl, secretKey: string): Hono {
  const app = new Hono();
  app.use('*', cors({ origin: '*', allowHeaders: ['authorization', 'content-type'] }));
  app.use('*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    if (header.trim() !== `Bearer ${secretKey}`) {
      return problem(401, 'unauthenticated', 'Send Authorization: Bearer <the sandbox secret key>');
    }
    await next();
    return undefined;
  });
  app.get('/counts', (c) => c.json(control.counts()));
  app.delete('/counts', (c) => {
    control.resetCounts();
    return c.body(null, 204);
  });
  app.get('/faults', (c) => c.json(control.faults()));
  app.put('/faults', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return problem(400, 'invalid_json', 'The request body is not valid JSON');
    }
    const plan = parseFaultPlan(body);
    if (!plan.ok) return problem(400, 'invalid_request', plan.message);
    control.setFaults(plan.plan);
    return c.json(control.faults());
  });
  app.get('/latency', (c) => c.json({ latencyMs: control.latency() }));
  app.put('/latency', async (c) => {
    const body = await parse(c, latencySchema, 'latencyMs');
    if (body instanceof Response) return body;
    control.setLatency(body);
    return c.json({ latencyMs: control.latency() });
  });
  app.post('/link', async (c) => {
    const body = await parse(c, linkSchema);
    if (body instanceof Response) return body;
    try {
      return c.json(control.linkAccount(stripUndefined(body) as LinkAccountOptions), 201);
    } catch (error) {
      return problem(400, 'invalid_request', error instanceof Error ? error.message : String(error));
    }
  });
  app.get('/accounts/:accountId/link', (c) => {
    const state = control.linkStatus(c.req.param('accountId'));
    return state === undefined ? unknownAccount(c.req.param('accountId')) : c.json(state);
  });
  app.post('/accounts/:accountId/expire', async (c) => {
    const body = await parse(c, expireSchema);
    if (body instanceof Response) return body;
    const state = control.expireLink(c.req.param('accountId'), stripUndefined(body) as ExpireLinkInput);
    return state === undefined ? unknownAccount(c.req.param('accountId')) : c.json(state);
  });
  app.post('/accounts/:accountId/reauth', async (c) => {
    const body = await parse(c, reauthSchema);
    if (body instanceof Response) return body;
    const accountId = c.req.param('accountId');
    if (control.linkStatus(accountId) === undefined) return unknownAccount(accountId);
    return c.json(control.reauthAccount(accountId, stripUndefined(body) as ReauthAccountOptions), 201);
  });
  app.get('/webhooks', (c) => c.json({ deliveries: control.webhookDeliveries() }));
  app.notFound((c) => problem(404, 'not_found', `No control route ${c.req.method} ${c.req.path}`));
  return app;
}

async function parse<S extends z.ZodType>(
  c: Context,
  schema: S,
  field?: string,
): Promise<z.output<S> | Response> {
  let json: unknown;
  try {
    // No body at all reads as `{}`: every field of these calls is optional or named by the schema.
    const text = await c.req.text();
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return problem(400, 'invalid_json', 'The request body is not valid JSON');
  }
  const input = field === undefined ? json : (json as Record<string, unknown> | null)?.[field];
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = [field, ...(issue?.path ?? [])].filter((part) => part !== undefined).join('.');
  return problem(400, 'invalid_request', `${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`);
}

function unknownAccount(accountId: string): Response {
  return problem(
    404,
    'account_not_found',
    `No account ${accountId}: use an id from linkAccount or the widget`,
  );
}

function problem(status: 400 | 401 | 404, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
