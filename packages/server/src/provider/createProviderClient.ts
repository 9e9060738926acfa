import {
  apiBaseUrlFor,
  type ProviderAccount,
  type ProviderBalance,
  type ProviderDescriptor,
  type ProviderTransaction,
  type WidgetEnv,
} from '@okra-balance/core';
import { interpretCallback, type CallbackAnswer, type CallbackMethod } from './interpretCallback.ts';
import { accountList, balanceList, paginationOf, startedRecord, transactionList } from './payloads.ts';
import { isProviderError } from './ProviderError.ts';
import { resolveCallbackUrl } from './resolveCallbackUrl.ts';
import { sendRequest, type TransportOptions } from './sendRequest.ts';
import { successData } from './readEnvelope.ts';

/** Options of {@link createProviderClient}. */
export interface ProviderClientOptions {
  provider: ProviderDescriptor;
  env: WidgetEnv;
  secretKey: string;
  fetch?: typeof fetch;
  /** Per call, body included. Default 10 s. */
  timeoutMs?: number;
  /** Total tries for a failure that is safe to retry. Default 3. */
  attempts?: number;
  /** First retry delay; doubles each time up to `retryMaxMs`. Default 250 ms, max 4 s. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** The longest 429 wait sat through inline. Default 0: a 429 is thrown with `retryAfterMs` for the caller. */
  maxRateLimitWaitMs?: number;
  /** Error `type`s a callback may answer while the bank has not replied yet. */
  notReadyTypes?: readonly string[];
  /** Ask for the records' earlier balances (`includePeriodic: true`) when reading an account's. Default false. */
  includePeriodic?: boolean;
  /** Largest answer read. Default 2 MiB. */
  maxResponseBytes?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A record the provider started: its id and the callback URL to poll, checked to be on the API origin. */
export interface StartedRecord {
  record: string | null;
  callbackUrl: string;
}

/** The provider calls the server makes. Every method throws a `ProviderError` on failure. */
export interface ProviderClient {
  readonly apiBaseUrl: string;
  startRefresh(accountId: string): Promise<StartedRecord>;
  startCheck(accountId: string): Promise<StartedRecord>;
  /**
   * Polls a record's callback. A stored URL no longer on the API origin (the provider's address changed
   * since, say a sandbox restarted on new ports) is rebuilt from `recordId` on the configured origin: the
   * stored one is never called.
   */
  pollCallback(
    callbackUrl: string,
    method: CallbackMethod,
    recordId?: string | null,
  ): Promise<CallbackAnswer>;
  balancesByAccount(accountId: string): Promise<ProviderBalance[]>;
  balancesByOptions(options: Record<string, unknown>): Promise<ProviderBalance[]>;
  accountsByCustomer(customerId: string): Promise<ProviderAccount[]>;
  transactionsByAccount(accountId: string): Promise<ProviderTransaction[]>;
}

const PAGE_LIMIT = 50;
const MAX_PAGES = 10;

/**
 * A `fetch`-based client for any Okra-compatible provider. The secret key goes only to the provider's API
 * origin: a callback URL elsewhere is refused before any request.
 *
 * @example
 * const client = createProviderClient({ provider: flick, env: 'production', secretKey: process.env.FLICK_SECRET_KEY! });
 * const { callbackUrl } = await client.startRefresh('acc_123');
 */
export function createProviderClient(options: ProviderClientOptions): ProviderClient {
  const apiBaseUrl = apiBaseUrlFor(options.provider, options.env);
  const transport: TransportOptions = {
    secretKey: options.secretKey,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 10_000,
    attempts: Math.max(1, options.attempts ?? 3),
    retryBaseMs: options.retryBaseMs ?? 250,
    retryMaxMs: options.retryMaxMs ?? 4_000,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 0,
    maxResponseBytes: options.maxResponseBytes ?? 2 * 1024 * 1024,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  const notReadyTypes = options.notReadyTypes ?? [
    'EMPTY_QUEUE',
    'NOT_READY',
    'PENDING',
    'PROCESSING',
    'IN_PROGRESS',
  ];

  const post = async (path: string, body: unknown, idempotent: boolean): Promise<unknown> =>
    successData(await sendRequest(transport, { method: 'POST', url: apiBaseUrl + path, body, idempotent }));

  const start = async (path: string, accountId: string, method: CallbackMethod): Promise<StartedRecord> => {
    const started = startedRecord(await post(path, { account_id: accountId }, false));
    return { record: started.record, callbackUrl: resolveCallbackUrl(apiBaseUrl, started, method) };
  };

  // Follows `hasNextPage` a bounded number of pages, so a provider that always says "more" cannot loop us.
  const allPages = async <T>(path: string, body: Record<string, unknown>, pick: (data: unknown) => T[]) => {
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const data = await post(path, { ...body, page, limit: PAGE_LIMIT }, true);
      items.push(...pick(data));
      if (paginationOf(data)?.hasNextPage !== true) break;
    }
    return items;
  };

  return {
    apiBaseUrl,
    startRefresh: (accountId) => start('/balance/refresh', accountId, 'BALANCE'),
    startCheck: (accountId) => start('/balance/check', accountId, 'CHECK_BALANCE'),
    async pollCallback(callbackUrl, method, recordId = null) {
      const url = pollUrl(apiBaseUrl, callbackUrl, method, recordId);
      const reply = await sendRequest(transport, { method: 'GET', url, idempotent: true });
      return interpretCallback(reply, method, notReadyTypes);
    },
    balancesByAccount: (accountId) =>
      allPages(
        '/balance/getByAccount',
        { account_id: accountId, ...(options.includePeriodic === true ? { includePeriodic: true } : {}) },
        balanceList,
      ),
    balancesByOptions: (metadata) => allPages('/balance/byOptions', { options: metadata }, balanceList),
    accountsByCustomer: (customerId) =>
      allPages('/accounts/getByCustomer', { customer: customerId }, accountList),
    async transactionsByAccount(accountId) {
      const data = await post(
        '/transactions/getByAccount',
        { account_id: accountId, page: 1, limit: 100 },
        true,
      );
      return transactionList(data);
    },
  };
}

// Checked again at every poll: the URL comes back from the database, and the key must never leave the origin.
function pollUrl(apiBaseUrl: string, callbackUrl: string, method: CallbackMethod, recordId: string | null) {
  try {
    return resolveCallbackUrl(apiBaseUrl, { record: null, callbackUrl }, method);
  } catch (error) {
    if (recordId === null || !isProviderError(error, 'unsafe_url')) throw error;
    return resolveCallbackUrl(apiBaseUrl, { record: recordId, callbackUrl: null }, method);
  }
}
