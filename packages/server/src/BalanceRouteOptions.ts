import type { ProviderDescriptor, RefreshStrategy, WidgetEnv } from '@okra-balance/core';
import type { BalanceUser } from './http/RouteDeps.ts';
import type { LinkFallback } from './linking/confirmLink.ts';
import type { LinkHealthOptions } from './provider/createLinkHealth.ts';
import type { Logger } from './logger.ts';
import type { ReadCacheLimits } from './store/cachedStore.ts';
import type { RetentionOptions } from './store/createSweeper.ts';
import type { BalanceStore } from './store/Store.ts';

/** Options of `createBalanceRoute`. Only the provider, the keys, `env` and `authenticate` are required. */
export interface BalanceRouteOptions {
  /** `okra`, `flick`, or `defineProvider({...})` from `@okra-balance/core`. */
  provider: ProviderDescriptor;
  /** Server-side only: sent to the provider's API origin and nowhere else, never logged or answered. */
  secretKey: string;
  /** The widget's public key and client token (safe in the browser). */
  publicKey: string;
  clientToken: string;
  appId?: string;
  /** Your app's name, shown by the widget. */
  name?: string;
  env: WidgetEnv;
  /** Returns the signed-in user for a request, or null. Required: every account route is per user. */
  authenticate: (request: Request) => Promise<BalanceUser | null> | BalanceUser | null;
  /** Where the route is mounted, e.g. `/api/balance`. Default `''`. */
  basePath?: string;
  /**
   * The route's public URL (e.g. `https://example.com/api/balance`), to hand the widget a webhook `callback_url`.
   * Its origin may change state, and once it is set a page's own origin counts only on its host (or
   * `allowedOrigins`', or a loopback name), which refuses DNS rebinding: set it in production.
   */
  publicUrl?: string;
  /** The bearer token the provider sends with webhooks. Without it, the webhook route is off (404). */
  webhookToken?: string;
  /**
   * Default: an in-memory PGlite (needs `@electric-sql/pglite` installed). `createPgliteStore({ dataDir })` or
   * `createPostgresStore({ connectionString })`.
   */
  store?: BalanceStore;
  refresh?: {
    /** `refresh` (default) asks the bank every time; `check-first` asks whether it changed, then refreshes only if so. */
    strategy?: RefreshStrategy;
    /** Requests for one account within this window join one job. Default 60 000 (the provider's advice). */
    debounceMs?: number;
    /** A job not settled by then fails with `deadline_exceeded`. Default 5 minutes. */
    deadlineMs?: number;
    /** First poll of the callback after this; doubles up to `maxPollIntervalMs`. Defaults 2 s and 30 s. */
    pollIntervalMs?: number;
    maxPollIntervalMs?: number;
    /**
     * When the answer to a billed refresh call is lost (the process died mid-call, the call timed out), the job
     * looks for that refresh's balance for this long before it asks the bank again: a lost answer costs no
     * second bank session inside it. Default 60 000 (the provider's duplicate window).
     */
    lostAnswerWindowMs?: number;
    /**
     * How long a worker holds a job without renewing; a running step renews every third of it. A job whose
     * process died is picked up again after at most this. Default 10 000.
     */
    leaseMs?: number;
    /**
     * Keep the earlier balances a balance record carries (`periodic`) as history too: each point once, at its
     * own time (a point at a time already stored is skipped). Asks `getByAccount` with `includePeriodic: true`.
     * Default false: the field's shape is undocumented (read loosely: `ledger_balance`, `available_balance`,
     * and a time in `date`, `last_updated`, `created_at` or `at`).
     */
    includePeriodic?: boolean;
    /**
     * Periodic refreshes, made by the worker (or by `runDueJobs()` without one) through the same debounce as a
     * click, so a scheduled refresh inside another's window costs no billed call, and a click moves the next
     * scheduled one on. Paused while an account needs its user. Each account may override `everyHours` with
     * `PUT /accounts/:id/schedule`.
     */
    schedule?: {
      /** Hours between refreshes (whole, 1 to 168), or null: off (the default). Flick suggests 6 or 12. */
      everyHours?: number | null;
      /** Each interval is stretched by up to this fraction either way (0 to 0.5), per account. Default 0.1. */
      jitter?: number;
      /** The strategy of scheduled refreshes. Default: `refresh.strategy`. */
      strategy?: RefreshStrategy;
      /** The length of an hour in ms, shorter for tests and demos. Default 3 600 000. */
      hourMs?: number;
    };
  };
  /**
   * How a link that needs its user is recognised in what the provider sends: extra words for its error types
   * and statuses (`statuses: { LOCKED: 'invalid_credentials' }`, `null` turns a default off), and whether a
   * balance with `connected: false` counts (`notConnected`, default false). See the README.
   */
  linkHealth?: LinkHealthOptions;
  /**
   * Run refresh jobs on in-process timers (default `true`). Set `false` on a host with no background work
   * (serverless functions): a job then advances during the route's own requests (the refresh, its status
   * polls, the balance and account reads, webhooks), during `route.runDueJobs()`, and through `/jobs/run`
   * when `cronSecret` is set.
   */
  worker?: boolean;
  /**
   * Turns on `GET|POST {basePath}/jobs/run`, which runs the due job steps when called with
   * `Authorization: Bearer <cronSecret>` (what a Vercel cron sends with `CRON_SECRET`). Without it, that path is 404.
   */
  cronSecret?: string;
  /**
   * Origins (besides the page's own and `publicUrl`'s) allowed to make state-changing requests and to read
   * answers cross-origin (CORS), e.g. `['https://app.example.com']`. Refusals are logged with their reason.
   */
  allowedOrigins?: string[];
  rateLimit?: {
    /** Refresh requests per user per minute, per process. Default 30. */
    refreshPerMinute?: number;
    /** Link sessions (each stores a link token) per user per minute, per process. Default 60. */
    linkSessionsPerMinute?: number;
    /** Link confirmations (each asks the provider) per user per minute, per process. Default 20. */
    linksPerMinute?: number;
    /** Link confirmations in flight at once for the whole route, per process (more: 503). Default 8. */
    concurrentLinks?: number;
  };
  /**
   * How long rows stay once they stop mattering: `linkTokensMs` after a token expired (default one day),
   * `webhookEventsMs` after a delivery (seven days; duplicates are recognised that long), `jobsMs` after a job
   * settled (30 days; each account's newest job stays), `eventsMs` after a change event (one hour: an event
   * stream resumes from an id that old). Swept every `everyMs` (one hour). Balance history is never swept.
   */
  retention?: RetentionOptions;
  /**
   * Keep each user's accounts and each account's newest balance and job in memory, dropped the moment the
   * database announces a change (LISTEN/NOTIFY, so a change made by any process counts). `GET /accounts` and
   * `GET /accounts/:id/balance` then read no database at all while nothing changed. Default: on with a
   * worker; off with `worker: false`, where a frozen function instance could miss an announcement. Always off
   * with a store whose client cannot listen.
   */
  readCache?: boolean | ReadCacheLimits;
  /** The event stream (`GET /events`): open streams per user per process (more: 429). Default 10. */
  events?: { maxStreamsPerUser?: number; keepAliveMs?: number };
  /** For providers without `/balance/byOptions`. Default `none`. */
  linkFallback?: LinkFallback;
  /** How long a link token lives. Default 15 minutes. */
  linkTokenTtlMs?: number;
  /** The provider client's fetch (tests may wrap it to watch calls). Default: the global fetch. */
  fetch?: typeof fetch;
  /** The provider client: per-call timeout (default 10 s) and tries for safe retries (default 3). */
  providerTimeoutMs?: number;
  providerAttempts?: number;
  /** Largest request body. Default 16 KiB (webhooks get four times that). */
  maxBodyBytes?: number;
  /** Receives no secret: lines are scrubbed of the secret key and webhook token. Default: console warn/error. */
  logger?: Logger;
  /** The clock. Default `() => new Date()`. */
  now?: () => Date;
}
