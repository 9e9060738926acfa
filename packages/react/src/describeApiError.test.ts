import { describe, expect, it, vi } from 'vitest';
import { describeApiError } from './describeApiError.ts';
import { describeReauthReason } from './describeReauthReason.ts';
import { requestJson } from './requestJson.ts';
import { apiError, BASE_URL, fakeRoute } from './testing/fakeRoute.ts';

/** The error a real call gets from the route answering `reply`. */
async function failureOf(reply: Parameters<typeof fakeRoute>[0]): Promise<unknown> {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const route = fakeRoute(reply);
  return requestJson(
    { baseUrl: BASE_URL, fetch: route.fetch },
    { path: '/accounts/acc-1/refresh', method: 'POST' },
  )
    .then(() => null)
    .catch((error: unknown) => error)
    .finally(() => vi.restoreAllMocks());
}

describe('describeApiError', () => {
  it('a refresh refused because the link needs its user asks the person to reconnect', async () => {
    const error = await failureOf(() =>
      apiError(409, 'needs_reauth', 'account acc-1 needs re-authentication'),
    );
    expect(describeApiError(error)).toBe(describeReauthReason(null));
    expect(describeApiError(error)).toMatch(/Reconnect/);
  });

  it('other failures keep their own sentences, and an unknown code the general one', async () => {
    expect(describeApiError(await failureOf(() => new TypeError('fetch failed')))).toMatch(/could not reach/);
    expect(describeApiError(await failureOf(() => apiError(429, 'rate_limited')))).toMatch(/Too many/);
    expect(describeApiError(await failureOf(() => apiError(409, 'a_code_from_2027')))).toBe(
      'Something went wrong on our side. Try again in a moment.',
    );
  });
});
