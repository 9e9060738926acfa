import type { ProviderBank, ProviderDescriptor } from '@okra-balance/core';
import type { NotReadyReply } from './api/ApiContext.ts';
import type { SandboxCounts } from './CallCounter.ts';
import type { FaultPlan } from './faults.ts';
import type { Latency } from './latency.ts';
import type { ExpireLinkInput } from './LinkBook.ts';
import type { LinkOptions } from './linkPolicy.ts';
import type { LinkState } from './linkStates.ts';
import type { LinkAccountOptions, LinkAccountResult } from './linkCustomer.ts';
import type { ReauthAccountOptions } from './reauthAccount.ts';
import type { DuplicateRefresh } from './RecordBook.ts';
import type { WebhookDelivery } from './WebhookSender.ts';

/**
 * Options of `startSandbox`. Every one has a default; the same seed gives the same fixtures and keys.
 *
 * @example
 * const options: SandboxOptions = { latencyMs: { min: 20, max: 80 }, notReady: 'not-found', webhookUrl };
 */
export interface SandboxOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** The API port; 0 (the default) picks a free one. */
  port?: number;
  /** The widget port (its own origin); 0 (the default) picks a free one. */
  widgetPort?: number;
  /** Default 1. */
  seed?: number;
  /** How long the bank takes to answer a refresh or check. Default 1500 ms. */
  latencyMs?: Latency;
  /** The bank's duplicate window for refreshes of one account (the docs say about 60 s). Default 60 000. */
  duplicateDelayMs?: number;
  /** A refresh inside the duplicate window: `delay` (default) holds it until the window closes; `reject` answers 429. */
  duplicateRefresh?: DuplicateRefresh;
  /** How `GET /callback` answers before the bank has. Default `pending`. */
  notReady?: NotReadyReply;
  secretKey?: string;
  publicKey?: string;
  clientToken?: string;
  /** Where to post webhooks when a record has no `callback_url` of its own. */
  webhookUrl?: string;
  /** Sent as `Authorization: Bearer <token>` with webhooks (see `webhookTokenScope`). Default: none. */
  webhookToken?: string;
  /**
   * Where the token goes: `'dashboard'` (default) only with posts to `webhookUrl`; `'everywhere'` also with
   * posts to a record's own `callback_url`, which a page may choose, so that page learns the token. Real
   * providers may do either: test against both.
   */
  webhookTokenScope?: WebhookTokenScope;
  /** Retries after a failed webhook attempt. Default 3. */
  webhookRetries?: number;
  /** Wait before the first webhook retry (doubles each time). Default 500 ms. */
  webhookRetryDelayMs?: number;
  /** How many customers the seed makes at start. Default 3. */
  customers?: number;
  faults?: FaultPlan;
  /** When links expire on their own: after a time, or a number of billed calls. Default: never. */
  links?: LinkOptions;
  /**
   * Where to keep what the sandbox knows across restarts (customers, accounts, balances and their history,
   * records with their widget `options`, transactions, the seeded generators). Loaded at start when it
   * exists (then `customers` is ignored), saved atomically after changes (at most every 200 ms) and on
   * `close()`. A file that cannot be used makes `startSandbox` reject with a `SandboxStateError`. Default:
   * none, everything stays in memory.
   */
  stateFile?: string;
}

/**
 * The keys to use: the secret key on the server, the public key and client token in the widget.
 *
 * @example
 * Okra.buildWithOptions({ key: credentials.publicKey, token: credentials.clientToken, env: credentials.env, products: ['auth', 'balance'] });
 */
export interface SandboxCredentials {
  secretKey: string;
  publicKey: string;
  clientToken: string;
  appId: string;
  env: 'production-sandbox';
}

/**
 * The login the widget accepts (it shows it on the page too), and its one-time password.
 *
 * @example
 * const { username, password } = sandbox.login;
 */
export interface SandboxLogin {
  username: string;
  password: string;
  /** The one-time password a re-authentication asks for when the link is `token_required`. */
  otp: string;
}

/**
 * A running sandbox.
 *
 * @example
 * const { customerId, accounts } = await sandbox.linkAccount({ options: { linkToken } });
 * expect(sandbox.counts().byAccount[accounts[0]._id]?.['POST /balance/refresh']).toBe(1);
 */
export interface Sandbox {
  /** e.g. `http://127.0.0.1:4010/v2`. */
  readonly apiBaseUrl: string;
  /** e.g. `http://127.0.0.1:4011`; the widget page is `${widgetOrigin}/?isIframe=true&withOptions=true`. */
  readonly widgetOrigin: string;
  readonly provider: ProviderDescriptor;
  readonly credentials: SandboxCredentials;
  readonly login: SandboxLogin;
  readonly webhookToken: string | null;
  /** The absolute path of the state file, or null when the state lives in memory only. */
  readonly stateFile: string | null;
  /** The banks the widget offers, as the provider sends them. */
  banks(): ProviderBank[];
  /** Does server-side what a completed widget login does, for tests that need no browser. */
  linkAccount(options?: LinkAccountOptions): Promise<LinkAccountResult>;
  /**
   * Does server-side what a re-authentication in the widget does: the link is active again, and the account
   * gets a completed record carrying `options`. Rejects for an unknown account.
   */
  reauthAccount(accountId: string, options?: ReauthAccountOptions): Promise<LinkAccountResult>;
  /** Expires the account's link now (status default `links.expireStatus`); throws for an unknown account. */
  expireLink(accountId: string, input?: ExpireLinkInput): LinkState;
  /** The account's link: `{ status, shape, since }`; throws for an unknown account. */
  linkStatus(accountId: string): LinkState;
  counts(): SandboxCounts;
  resetCounts(): void;
  /** Replaces the fault plan. */
  setFaults(plan: FaultPlan): void;
  /** The fault plan now, with uses left. */
  faults(): FaultPlan;
  setLatency(latency: Latency): void;
  webhookDeliveries(): WebhookDelivery[];
  /**
   * Resolves once every webhook sent so far has ended: delivered, or its retries spent (records still at the
   * bank send theirs later).
   */
  webhooksSettled(): Promise<void>;
  /** Closes both servers, timers and pending webhooks. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Which webhook posts carry the dashboard token.
 *
 * @example
 * await startSandbox({ webhookUrl, webhookToken, webhookTokenScope: 'everywhere' });
 */
export type WebhookTokenScope = 'dashboard' | 'everywhere';
