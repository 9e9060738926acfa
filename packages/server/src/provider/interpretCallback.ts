import type { ProviderCheckResult } from '@okra-balance/core';
import { checkResult, hasPendingMarker, isPendingWord } from './payloads.ts';
import { errorFromReply, type ProviderReply } from './readEnvelope.ts';

export type CallbackMethod = 'BALANCE' | 'CHECK_BALANCE';

/**
 * A callback's answer: not ready yet, or ready with the check's result (for `CHECK_BALANCE`). `data` is the
 * reply's data as sent, where the link's health may show (`data.status: 'token_required'`).
 */
export type CallbackAnswer =
  { ready: false; data?: unknown } | { ready: true; check: ProviderCheckResult | null; data?: unknown };

/**
 * Reads `GET /callback` the defensive way, since the provider's not-ready reply is undocumented. Not ready:
 * a 404, an error envelope whose `type` is in `notReadyTypes`, a success with a pending marker, or a check
 * without `balance_changed`. Ready: any other success. Anything else is a typed error.
 */
export function interpretCallback(
  reply: ProviderReply,
  method: CallbackMethod,
  notReadyTypes: readonly string[],
): CallbackAnswer {
  const ok = reply.httpStatus >= 200 && reply.httpStatus < 300;
  if (reply.httpStatus === 404 && !isFinalType(reply.type)) return { ready: false };
  const { data } = reply;
  if (reply.type !== null && notReadyTypes.includes(reply.type.toUpperCase())) return { ready: false, data };
  if (ok && isPendingWord(reply.envelopeStatus)) return { ready: false, data };
  if (!ok || reply.envelopeStatus === 'error') throw errorFromReply(reply);
  if (hasPendingMarker(data)) return { ready: false, data };
  if (method === 'BALANCE') return { ready: true, check: null, data };
  const check = checkResult(data);
  return check === null ? { ready: false, data } : { ready: true, check, data };
}

// A record that expired or never existed will never become ready: polling it again is pointless.
function isFinalType(type: string | null): boolean {
  return type === 'EXPIRED' || type === 'NO_RECORD_ID';
}
