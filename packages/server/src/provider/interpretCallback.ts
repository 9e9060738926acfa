import type { ProviderCheckResult } from '@okra-balance/core';
import { checkResult, hasPendingMarker, isPendingWord } from './payloads.ts';
import { errorFromReply, type ProviderReply } from './readEnvelope.ts';

export type CallbackMethod = 'BALANCE' | 'CHECK_BALANCE';

/** A callback's answer: not ready yet, or ready with the check's result (for `CHECK_BALANCE`). */
export type CallbackAnswer = { ready: false } | { ready: true; check: ProviderCheckResult | null };

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
  if (reply.type !== null && notReadyTypes.includes(reply.type.toUpperCase())) return { ready: false };
  if (ok && isPendingWord(reply.envelopeStatus)) return { ready: false };
  if (!ok || reply.envelopeStatus === 'error') throw errorFromReply(reply);
  if (hasPendingMarker(reply.data)) return { ready: false };
  if (method === 'BALANCE') return { ready: true, check: null };
  const check = checkResult(reply.data);
  return check === null ? { ready: false } : { ready: true, check };
}

// A record that expired or never existed will never become ready: polling it again is pointless.
function isFinalType(type: string | null): boolean {
  return type === 'EXPIRED' || type === 'NO_RECORD_ID';
}
