import type { ProviderDescriptor, RefreshStrategy, WidgetEnv } from '@okra-balance/core';
import type { RunDueJobsOptions, RunDueJobsResult } from '../jobs/runDueJobs.ts';
import type { LinkFallback } from '../linking/confirmLink.ts';
import type { Logger } from '../logger.ts';
import type { ProviderClient } from '../provider/createProviderClient.ts';
import type { LinkHealthReader } from '../provider/createLinkHealth.ts';
import type { ScheduleRules, Store } from '../store/Store.ts';
import type { RateLimiter } from './createRateLimiter.ts';
import type { Gate } from './createGate.ts';
import type { StreamRegistry } from './streamRegistry.ts';

/** The user `authenticate` returns: at least a stable id. */
export interface BalanceUser {
  id: string;
  [key: string]: unknown;
}

/** Everything the route handlers share, resolved from the options once. */
export interface RouteDeps {
  store: Store;
  client: ProviderClient;
  provider: ProviderDescriptor;
  /**
   * Moves on the due jobs of these accounts. With a background worker, a `change` (a new job, a webhook) wakes
   * it and a `read` does nothing (the worker keeps its own schedule, and reads stay one query cheaper);
   * without one, both run the due steps before the request answers (then true).
   */
  driveJobs(upstreamKeys: readonly string[], cause: 'read' | 'change'): Promise<boolean>;
  runDueJobs(options?: RunDueJobsOptions): Promise<RunDueJobsResult>;
  /** The bearer secret of `/jobs/run`, or null when that route is off. */
  cronSecret: string | null;
  logger: Logger;
  limiters: {
    /** Refresh requests per user. */
    refresh: RateLimiter;
    /** Link sessions per user: each one stores a token. */
    linkSessions: RateLimiter;
    /** Link confirmations per user: each one asks the provider. */
    links: RateLimiter;
  };
  /** Link confirmations in flight for the whole route: each holds a provider call. */
  linkGate: Gate;
  now: () => Date;
  authenticate: (request: Request) => Promise<BalanceUser | null> | BalanceUser | null;
  allowedOrigins: ReadonlySet<string>;
  /** The origins listed in `allowedOrigins`, which also get CORS answers. */
  corsOrigins: ReadonlySet<string>;
  widget: {
    publicKey: string;
    clientToken: string;
    env: WidgetEnv;
    appId: string | null;
    name: string | null;
  };
  webhookToken: string | null;
  linkTokenTtlMs: number;
  linkFallback: LinkFallback;
  refresh: { strategy: RefreshStrategy; debounceMs: number; deadlineMs: number; pollIntervalMs: number };
  /** The route's periodic refresh rules (an account's `schedule` view and `PUT /accounts/:id/schedule`). */
  schedule: ScheduleRules;
  /** Recognises a link that needs its user (in a webhook). */
  linkHealth: LinkHealthReader;
  /** The route's public URL (no trailing slash), or null: per-link webhook addresses hang off it. */
  publicUrl: string | null;
  maxBodyBytes: number;
  /** The event streams open in this process. */
  streams: StreamRegistry;
  events: { keepAliveMs: number };
}

/** The Hono environment of the app: the authenticated user rides on the context. */
export interface RouteEnv {
  Variables: { user: BalanceUser };
}
