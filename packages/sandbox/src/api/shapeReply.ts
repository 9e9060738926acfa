import type { Fault, FaultKind } from '../faults.ts';
import type { Reply } from './envelope.ts';

/**
 * The envelope variants clients must read: `msg` in place of `message`, and nested data (`data.data` on
 * success; `data: { message: [..], method }` on errors, as an SDK shows); and, with `hostile-data`, a success
 * whose data no client should store as it is.
 */
export function shapeReply(reply: Reply, endpoint: string, take: (kind: FaultKind) => Fault | null): Reply {
  let body = { ...reply.body };
  if (body.status === 'success' && take('hostile-data') !== null) body.data = hostile(body.data);
  if (take('nested-data') !== null) {
    if (body.status === 'success') {
      body.data = { data: body.data };
    } else {
      const { message, ...rest } = body;
      body = { ...rest, data: { message: [message], method: endpoint } };
    }
  }
  if ('message' in body && take('msg-instead-of-message') !== null) {
    const { message, ...rest } = body;
    body = { ...rest, msg: message };
  }
  return { status: reply.status, body };
}

// What a broken or hostile provider could send: text no database holds (a NUL, half a surrogate pair),
// an amount past 2^53 kobo, a script URL for a logo. Every string value and every amount is replaced.
function hostile(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (key === 'logo' || key === 'icon') return 'javascript:alert(document.cookie)';
    if (key === '_id' || key === 'id' || key === 'callback_url' || key === 'record') return value;
    return `${value}\u0000\uD800`;
  }
  if (typeof value === 'number' && /balance|amount/.test(key)) return 1e22;
  if (Array.isArray(value)) return value.map((item) => hostile(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([inner, v]) => [inner, hostile(v, inner)]));
  }
  return value;
}
