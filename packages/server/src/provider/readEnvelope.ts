import { z } from 'zod';
import { readLimited } from '../readLimited.ts';
import { ProviderError, type ProviderErrorKind } from './ProviderError.ts';

/** The docs: "429: try again in 60 seconds". */
export const RATE_LIMIT_WAIT_MS = 60_000;

const envelopeSchema = z.looseObject({
  status: z.unknown().optional(),
  message: z.unknown().optional(),
  msg: z.unknown().optional(),
  type: z.unknown().optional(),
  data: z.unknown().optional(),
});

/** A provider answer that parsed as JSON, before deciding whether it is a success. */
export interface ProviderReply {
  httpStatus: number;
  /** The envelope's `status` field (`success`, `error`, or a provider's own word), or null. */
  envelopeStatus: string | null;
  message: string | null;
  type: string | null;
  data: unknown;
  retryAfterMs: number | null;
}

/**
 * Reads a provider response into a {@link ProviderReply}, reading at most `maxBytes` of body. A body that is
 * not a JSON object becomes a typed error: `malformed` on a 2xx, the status's own kind otherwise.
 */
export async function readEnvelope(response: Response, maxBytes: number): Promise<ProviderReply> {
  const text = await readCapped(response, maxBytes);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const kind = response.ok ? 'malformed' : kindForStatus(response.status, null);
    throw new ProviderError(
      kind,
      `The provider answered HTTP ${response.status} with a body that is not its JSON envelope`,
      {
        status: response.status,
        ...(retryAfterMs === null ? {} : { retryAfterMs }),
      },
    );
  }
  const envelope = parsed.data;
  return {
    httpStatus: response.status,
    envelopeStatus: typeof envelope.status === 'string' ? envelope.status.toLowerCase() : null,
    message: messageOf(envelope),
    type: typeof envelope.type === 'string' ? envelope.type : null,
    data: envelope.data,
    retryAfterMs,
  };
}

/** The reply's data when it is a success envelope (HTTP 2xx, `status: success`); a typed error otherwise. */
export function successData(reply: ProviderReply): unknown {
  const ok = reply.httpStatus >= 200 && reply.httpStatus < 300;
  if (
    ok &&
    (reply.envelopeStatus === 'success' || (reply.envelopeStatus === null && reply.data !== undefined))
  ) {
    return reply.data;
  }
  throw errorFromReply(reply);
}

/** The typed error an unsuccessful reply stands for. */
export function errorFromReply(reply: ProviderReply): ProviderError {
  const kind = kindForStatus(reply.httpStatus, reply.type);
  const retryAfterMs =
    kind === 'rate_limited' ? (reply.retryAfterMs ?? RATE_LIMIT_WAIT_MS) : reply.retryAfterMs;
  const message = reply.message ?? `The provider answered HTTP ${reply.httpStatus}`;
  return new ProviderError(kind, `Provider: ${message}`, {
    status: reply.httpStatus,
    ...(reply.type === null ? {} : { type: reply.type }),
    ...(retryAfterMs === null ? {} : { retryAfterMs }),
  });
}

function kindForStatus(status: number, type: string | null): ProviderErrorKind {
  if (status === 429 || type === 'RATE_LIMIT') return 'rate_limited';
  if (status === 503) return 'unavailable';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'server_error';
  return 'rejected';
}

// Variants seen in the SDKs: `message`, `msg`, and `data: { message: [..] }`.
function messageOf(envelope: z.infer<typeof envelopeSchema>): string | null {
  for (const candidate of [envelope.message, envelope.msg, dataMessage(envelope.data)]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.slice(0, 500);
    if (Array.isArray(candidate)) {
      const joined = candidate.filter((part) => typeof part === 'string').join('; ');
      if (joined !== '') return joined.slice(0, 500);
    }
  }
  return null;
}

function dataMessage(data: unknown): unknown {
  return typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

// A provider (or something posing as one) must not make us buffer an unbounded body.
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const bytes = await readLimited(response.body, maxBytes);
  if (bytes === null) {
    throw new ProviderError('malformed', `The provider's answer is larger than ${maxBytes} bytes`, {
      status: response.status,
    });
  }
  return new TextDecoder().decode(bytes);
}
