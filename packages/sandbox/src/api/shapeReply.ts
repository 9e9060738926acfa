import type { Fault, FaultKind } from '../faults.ts';
import type { Reply } from './envelope.ts';

/**
 * The envelope variants clients must read: `msg` in place of `message`, and nested data (`data.data` on
 * success; `data: { message: [..], method }` on errors, as an SDK shows).
 */
export function shapeReply(reply: Reply, endpoint: string, take: (kind: FaultKind) => Fault | null): Reply {
  let body = { ...reply.body };
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
