import { repairCallbackUrl, type ProviderBalance } from '@okra-balance/core';

/** Where the recipe calls the provider, with the secret key, as the docs' server code does. */
export interface DocsRecipeOptions {
  apiBaseUrl: string;
  secretKey: string;
  /** The docs' fixed wait before the one callback GET: about two minutes. */
  waitMs?: number;
}

/** What one run of the recipe got. */
export interface DocsRecipeResult {
  /** True when the one callback GET said the bank had answered (the balance read after it is fresh). */
  fresh: boolean;
  /** The balance read at the end, as the provider sent it, or null when there was none. */
  balance: ProviderBalance | null;
  startedAt: number;
  finishedAt: number;
}

/** The docs' wait: "the response is not instantaneous", so wait about two minutes, then GET the callback. */
export const DOCS_WAIT_MS = 120_000;

/**
 * The provider docs' recipe for a fresh balance, implemented faithfully as the baseline: `POST
 * /balance/refresh`, wait a fixed two minutes, GET the `callback_url` once (mended with the docs' own
 * `undefined` → `callback` replace), then read the balance with `/balance/getByAccount`. Each caller does this
 * on its own: no sharing, no dedupe, no webhook.
 *
 * @example
 * const { fresh, balance } = await docsRecipeRefresh({ apiBaseUrl, secretKey }, accountId);
 */
export async function docsRecipeRefresh(
  options: DocsRecipeOptions,
  accountId: string,
): Promise<DocsRecipeResult> {
  const startedAt = performance.now();
  const call = callProvider(options);
  const started = await call('POST', `${options.apiBaseUrl}/balance/refresh`, { account_id: accountId });
  const callbackUrl = (started?.data as { callback_url?: unknown } | undefined)?.callback_url;
  await new Promise((resolve) => setTimeout(resolve, options.waitMs ?? DOCS_WAIT_MS));

  let fresh = false;
  const url = typeof callbackUrl === 'string' ? repairCallbackUrl(callbackUrl, options.apiBaseUrl) : null;
  if (url !== null) {
    const done = await call('GET', url);
    const data = done?.data as { status?: unknown } | undefined;
    fresh = done?.status === 'success' && data?.status !== 'pending';
  }
  const read = await call('POST', `${options.apiBaseUrl}/balance/getByAccount`, {
    account_id: accountId,
    page: 1,
    limit: 1,
  });
  const list = (read?.data as { balance?: ProviderBalance[] } | undefined)?.balance;
  return { fresh, balance: list?.[0] ?? null, startedAt, finishedAt: performance.now() };
}

type Envelope = { status?: unknown; data?: unknown } | null;

function callProvider(options: DocsRecipeOptions) {
  return async (method: string, url: string, body?: unknown): Promise<Envelope> => {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${options.secretKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json().catch(() => null)) as Envelope;
  };
}
