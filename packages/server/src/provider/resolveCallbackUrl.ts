import { isOnOrigin, originOf, repairCallbackUrl } from '@okra-balance/core';
import { ProviderError } from './ProviderError.ts';

/**
 * The URL to poll for a record: the provider's `callback_url` with its `undefined` segment mended, or one
 * built from the record id when the provider sent none. Throws `unsafe_url` when it is not on the API's
 * origin, because the secret key goes with every poll.
 *
 * @example
 * resolveCallbackUrl('https://api.flick.co/v2', { record: 'r1', callbackUrl: null }, 'BALANCE');
 * // 'https://api.flick.co/v2/callback?record=r1&method=BALANCE'
 */
export function resolveCallbackUrl(
  apiBaseUrl: string,
  started: { record: string | null; callbackUrl: string | null },
  method: string,
): string {
  if (started.callbackUrl === null) {
    if (started.record === null) {
      throw new ProviderError(
        'malformed',
        'The provider started a record but gave neither a callback URL nor a record id',
      );
    }
    const url = new URL(`${apiBaseUrl}/callback`);
    url.searchParams.set('record', started.record);
    url.searchParams.set('method', method);
    return url.href;
  }
  const repaired = repairCallbackUrl(started.callbackUrl, `${apiBaseUrl}/`);
  if (repaired === null)
    throw new ProviderError('malformed', 'The provider sent a callback URL that is not a URL');
  const apiOrigin = originOf(apiBaseUrl);
  if (apiOrigin === null || !isOnOrigin(repaired, apiOrigin)) {
    const foreign = originOf(repaired) ?? 'an unknown origin';
    throw new ProviderError(
      'unsafe_url',
      `The provider's callback URL is on ${foreign}, not on the API origin ${apiOrigin}; it was not called`,
    );
  }
  return repaired;
}
