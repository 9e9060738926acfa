import { dataLayers, REAUTH_REASONS, type ProviderBalance, type ReauthReason } from '@okra-balance/core';
import { cleanText } from '../cleanText.ts';

/** Options of {@link createLinkHealth}: the route's `linkHealth` option. */
export interface LinkHealthOptions {
  /**
   * Provider words (an error `type`, a callback or webhook `status`, a `callback_code`), matched without case,
   * and the reason each means; they add to the defaults, and `null` turns a default off.
   */
  statuses?: Record<string, ReauthReason | null>;
  /**
   * Whether a balance a refresh reads with `connected: false` means the link is `disconnected`. Default false:
   * the field is documented without a meaning, and a provider that sends it loosely would lock every account.
   */
  notConnected?: boolean;
}

/** A link that needs its user, as recognised in something the provider sent. */
export interface LinkProblem {
  reason: ReauthReason;
  /** The provider's words when it gave some, else a plain sentence. */
  message: string;
}

/** Recognises a link that needs its user in each place the provider may say so. Pure. */
export interface LinkHealthReader {
  /** An error answer: its envelope `type` (never a 401/403, which is our key, nor a 429). */
  fromError(error: { status: number | null; type: string | null; message: string }): LinkProblem | null;
  /** A callback's `data` (`data.status`, in any layer). */
  fromCallback(data: unknown): LinkProblem | null;
  /** A webhook body: `status`, `type` or `callback_code`, at the top or under `data`. */
  fromWebhook(body: unknown): LinkProblem | null;
  /** A balance a refresh read (only with `notConnected`). */
  fromBalance(balance: ProviderBalance): LinkProblem | null;
}

/**
 * The default words. `EXPIRED` is left out on purpose: the docs list it as an error type without saying what
 * expired, and the callback uses it for a record that is gone, so reading it as a dead link would lock
 * accounts whose link works. Map it with `statuses: { EXPIRED: 'consent_expired' }` if your provider means that.
 */
export const DEFAULT_REAUTH_STATUSES: Readonly<Record<string, ReauthReason>> = {
  INVALID: 'invalid_credentials',
  INVALID_CREDENTIALS: 'invalid_credentials',
  TOKEN_REQUIRED: 'token_required',
  OTP_REQUIRED: 'token_required',
  DISCONNECTED: 'disconnected',
  CONSENT_EXPIRED: 'consent_expired',
};

const SENTENCES: Record<ReauthReason, string> = {
  invalid_credentials: 'The bank refused the saved sign-in details',
  token_required: 'The bank asks for a one-time code',
  disconnected: 'The link to the bank was disconnected',
  consent_expired: 'The consent given to read this account has run out',
};

/**
 * The reader for a route's `linkHealth` option.
 *
 * @example
 * const health = createLinkHealth({ statuses: { LOCKED: 'invalid_credentials' } });
 * health.fromWebhook({ record: 'r1', status: 'token_required' }); // { reason: 'token_required', message: ... }
 */
export function createLinkHealth(options: LinkHealthOptions = {}): LinkHealthReader {
  const table = new Map<string, ReauthReason>(Object.entries(DEFAULT_REAUTH_STATUSES));
  for (const [word, reason] of Object.entries(options.statuses ?? {})) {
    if (reason === null) table.delete(wordOf(word));
    else table.set(wordOf(word), reason);
  }
  const match = (value: unknown, message: unknown): LinkProblem | null => {
    const reason = typeof value === 'string' ? table.get(wordOf(value)) : undefined;
    return reason === undefined ? null : problem(reason, message);
  };
  const firstMatch = (payload: unknown, keys: readonly string[]): LinkProblem | null => {
    for (const layer of dataLayers(payload)) {
      for (const key of keys) {
        const found = match(layer[key], layer.message ?? layer.msg);
        if (found !== null) return found;
      }
    }
    return null;
  };
  return {
    fromError: ({ status, type, message }) =>
      status === 401 || status === 403 || status === 429
        ? null
        : match(type, message.replace(/^Provider: /, '')),
    fromCallback: (data) => firstMatch(data, ['status']),
    fromWebhook: (body) => firstMatch(body, ['status', 'type', 'callback_code']),
    fromBalance: (balance) =>
      options.notConnected === true && balance.connected === false ? problem('disconnected', null) : null,
  };
}

/** True for one of the reasons core knows (to check the option at start). */
export function isReauthReason(value: unknown): value is ReauthReason {
  return (REAUTH_REASONS as readonly unknown[]).includes(value);
}

// `token-required`, `Token Required` and `TOKEN_REQUIRED` are one word.
function wordOf(value: string): string {
  return value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}

function problem(reason: ReauthReason, message: unknown): LinkProblem {
  const text = typeof message === 'string' && message.trim() !== '' ? cleanText(message.trim(), 200) : null;
  return { reason, message: text ?? SENTENCES[reason] };
}
