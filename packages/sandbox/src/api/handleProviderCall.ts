import type { FaultKind } from '../faults.ts';
import { STATUS_FAULTS } from '../faults.ts';
import type { ApiContext, ProviderCall } from './ApiContext.ts';
import { fail, type Reply } from './envelope.ts';
import { methodsFor, ROUTES } from './routes.ts';
import { shapeReply } from './shapeReply.ts';

const MAX_BODY_BYTES = 1_000_000;

type Body = { ok: true; value: unknown } | { ok: false; reply: Reply };

/**
 * One call to the provider API, in the order a provider would meet it: counted (rejected calls cost too),
 * routed (404/405), authenticated (401), parsed (400), then faults, the route, and the reply's shape faults.
 */
export async function handleProviderCall(request: Request, ctx: ApiContext): Promise<Response> {
  const url = new URL(request.url);
  const inApi = /^\/v2(\/|$)/.test(url.pathname);
  const path = inApi ? url.pathname.slice(3) || '/' : url.pathname;
  const method = request.method.toUpperCase();
  const endpoint = `${method} ${path}`;
  const body = await readBody(request, method);
  ctx.counter.record(endpoint, accountOf(ctx, path, body, url.searchParams));

  const take = (kind: FaultKind) => ctx.faults.take(endpoint, kind);
  const route = inApi ? ROUTES[endpoint] : undefined;
  let reply: Reply;
  let faultable = false;
  if (route === undefined) {
    const allowed = inApi ? methodsFor(path) : [];
    reply =
      allowed.length === 0
        ? fail(404, `Cannot ${method} ${url.pathname}: no such route`)
        : fail(405, `${method} is not allowed on ${url.pathname}: use ${allowed.join(' or ')}`);
  } else if (!authorized(request, ctx.secretKey)) {
    reply = fail(401, 'Invalid or missing secret key: send Authorization: Bearer <your secret key>');
  } else if (!body.ok) {
    faultable = true;
    reply = body.reply;
  } else {
    faultable = true;
    const statusFault = ctx.faults.takeFirst(endpoint, STATUS_FAULTS);
    if (statusFault?.kind === 'hang') return hang(request, ctx);
    const call: ProviderCall = {
      endpoint,
      body: body.value,
      query: url.searchParams,
      apiBase: `${url.origin}/v2`,
      fault: take,
    };
    reply = statusFault === null ? route(call, ctx) : statusReply(statusFault.kind);
    // The call did its work (a record made, a bank session started), then its answer never came back.
    if (statusFault === null && take('lost-answer') !== null) return hang(request, ctx);
  }
  if (!faultable) return write(reply, false);
  return write(shapeReply(reply, endpoint, take), take('malformed-json') !== null);
}

function statusReply(kind: FaultKind): Reply {
  if (kind === '429') return fail(429, 'Too many requests: try again in 60 seconds', 'RATE_LIMIT');
  if (kind === '503') return fail(503, 'The bank took more than a minute to answer: retry shortly');
  return fail(500, 'Something went wrong on our side');
}

async function readBody(request: Request, method: string): Promise<Body> {
  if (method === 'GET' || method === 'HEAD') return { ok: true, value: {} };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, reply: fail(413, 'Request body is too large') };
  const text = await request.text().catch(() => null);
  if (text === null) return { ok: false, reply: fail(400, 'Could not read the request body') };
  if (text.length > MAX_BODY_BYTES) return { ok: false, reply: fail(413, 'Request body is too large') };
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ok: true, value };
    return { ok: false, reply: fail(400, 'The request body must be a JSON object') };
  } catch {
    return { ok: false, reply: fail(400, 'The request body is not valid JSON') };
  }
}

function authorized(request: Request, secretKey: string): boolean {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1] === secretKey;
}

/** The known account a call is about, for the per-account counts. */
function accountOf(ctx: ApiContext, path: string, body: Body, query: URLSearchParams): string | null {
  const { store } = ctx;
  let id: unknown = null;
  if (path === '/callback') id = store.records.get(query.get('record') ?? '')?.accountId;
  else if (body.ok && typeof body.value === 'object' && body.value !== null) {
    const fields = body.value as Record<string, unknown>;
    id = fields.account_id ?? fields.account;
    if (path === '/balance/getById' && typeof fields.id === 'string')
      id = store.balanceById(fields.id)?.accountId;
  }
  return typeof id === 'string' && store.accounts.has(id) ? id : null;
}

/** Holds the request until the client gives up or the sandbox closes. */
async function hang(request: Request, ctx: ApiContext): Promise<Response> {
  await new Promise<void>((resolve) => {
    const wake = () => {
      ctx.hangs.delete(wake);
      resolve();
    };
    ctx.hangs.add(wake);
    request.signal.addEventListener('abort', wake, { once: true });
  });
  return new Response(null, { status: 499 });
}

function write(reply: Reply, malformed: boolean): Response {
  const text = JSON.stringify(reply.body);
  const body = malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
  return new Response(body, {
    status: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
