import type { z } from 'zod';
import type { CallCounter } from '../CallCounter.ts';
import type { Fault, FaultBook, FaultKind } from '../faults.ts';
import type { LatencySampler } from '../latency.ts';
import type { LinkBook } from '../LinkBook.ts';
import type { RecordBook } from '../RecordBook.ts';
import type { SandboxStore } from '../store.ts';
import { fail, type Reply } from './envelope.ts';
import { firstIssue } from './bodies.ts';

/**
 * How `GET /callback` answers before the bank has: the provider does not document it, so each plausible
 * variant is a setting. `pending` (the default): 200 success envelope with `data.status: 'pending'`;
 * `not-found`: 404 error envelope; `error`: 400 error envelope with `type: 'EMPTY_QUEUE'`.
 *
 * @example
 * await startSandbox({ notReady: 'not-found' });
 */
export type NotReadyReply = 'pending' | 'not-found' | 'error';

/** What every provider route can reach. */
export interface ApiContext {
  store: SandboxStore;
  records: RecordBook;
  links: LinkBook;
  faults: FaultBook;
  counter: CallCounter;
  latency: LatencySampler;
  secretKey: string;
  notReady: NotReadyReply;
  /** Wakes every request the `hang` fault holds, so closing never waits on them. */
  hangs: Set<() => void>;
}

/** One call to a provider route, parsed at the edge. */
export interface ProviderCall {
  endpoint: string;
  body: unknown;
  query: URLSearchParams;
  /** This API's base URL as the caller reached it, e.g. `http://127.0.0.1:4010/v2`. */
  apiBase: string;
  /** Uses one of this endpoint's armed faults, if any. Routes call it only where the fault applies. */
  fault(kind: FaultKind): Fault | null;
}

export type Handler = (call: ProviderCall, ctx: ApiContext) => Reply;

/** Parses with `schema`, or returns the 400 the provider answers. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; reply: Reply } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reply: fail(400, firstIssue(result.error)) };
}
