import type { BalanceRouteOptions } from './BalanceRouteOptions.ts';
import { createApp } from './http/createApp.ts';
import { createRateLimiter } from './http/createRateLimiter.ts';
import { createGate } from './http/createGate.ts';
import { createStreamRegistry } from './http/streamRegistry.ts';
import { originSet } from './http/crossSiteRefusal.ts';
import type { RouteDeps } from './http/RouteDeps.ts';
import type { JobContext } from './jobs/JobContext.ts';
import { runDueJobs, type RunDueJobsOptions, type RunDueJobsResult } from './jobs/runDueJobs.ts';
import { startJobWorker } from './jobs/startJobWorker.ts';
import { consoleLogger, redact, redactingLogger } from './logger.ts';
import { createProviderClient } from './provider/createProviderClient.ts';
import { createLinkHealth } from './provider/createLinkHealth.ts';
import { checkOptions } from './checkOptions.ts';
import { createPgliteStore } from './store/createPgliteStore.ts';
import { cachedStore } from './store/cachedStore.ts';
import { storeOf } from './store/createSqlStore.ts';
import { createSweeper } from './store/createSweeper.ts';
import type { BalanceStore, SweepResult } from './store/Store.ts';

/** A mounted balance route: a Fetch handler and a way to stop it. */
export interface BalanceRoute {
  /** `(Request) => Promise<Response>`: mount it in Node (`serveNode`), Next.js, Bun or Deno. */
  fetch(request: Request): Promise<Response>;
  /**
   * Runs one step of each refresh job that is due now, bounded by count and time: call it from a cron or a
   * scheduled function where there is no background worker (`worker: false`).
   */
  runDueJobs(options?: RunDueJobsOptions): Promise<RunDueJobsResult>;
  /**
   * Deletes what has outlived `retention` now. The route also sweeps on its own every `retention.everyMs` (with
   * its worker), or within `runDueJobs` (without one).
   */
  sweep(): Promise<SweepResult>;
  /** Stops the job worker (waiting for steps in flight) and closes the store if the route made it. */
  close(): Promise<void>;
  readonly store: BalanceStore;
}

/**
 * The backend route the React package talks to: link sessions, verified links, balances, asynchronous
 * refresh jobs, history, webhooks. Starts its job worker at once (unless `worker: false`).
 *
 * @example
 * const route = await createBalanceRoute({
 *   provider: flick, env: 'production', secretKey, publicKey, clientToken,
 *   authenticate: async (request) => sessionUser(request), // { id } or null
 *   basePath: '/api/balance',
 * });
 * serveNode(route, { port: 3000 });
 */
export async function createBalanceRoute(options: BalanceRouteOptions): Promise<BalanceRoute> {
  checkOptions(options);
  const secrets = [options.secretKey, options.webhookToken ?? '', options.cronSecret ?? ''].filter(
    (secret) => secret !== '',
  );
  const logger = redactingLogger(options.logger ?? consoleLogger, secrets);
  const now = options.now ?? (() => new Date());
  const publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? null;
  // Checked before anything is opened, so a bad option leaks no database or timer.
  const allowedOrigins = originSet([
    ...(options.allowedOrigins ?? []),
    ...(publicUrl === null ? [] : [publicUrl]),
  ]);
  const ownsStore = options.store === undefined;
  const handle = options.store ?? (await createPgliteStore());
  const store = storeOf(handle);
  const timeoutMs = options.providerTimeoutMs ?? 10_000;
  const attempts = options.providerAttempts ?? 3;
  const refresh = options.refresh ?? {};
  const client = createProviderClient({
    provider: options.provider,
    env: options.env,
    secretKey: options.secretKey,
    timeoutMs,
    attempts,
    includePeriodic: refresh.includePeriodic === true,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const rateLimit = options.rateLimit ?? {};
  const pollIntervalMs = refresh.pollIntervalMs ?? 2_000;
  const strategy = refresh.strategy ?? 'refresh';
  const debounceMs = refresh.debounceMs ?? 60_000;
  const deadlineMs = refresh.deadlineMs ?? 5 * 60_000;
  const schedule = {
    everyHours: refresh.schedule?.everyHours ?? null,
    jitter: refresh.schedule?.jitter ?? 0.1,
    hourMs: refresh.schedule?.hourMs ?? 3_600_000,
  };
  const linkHealth = createLinkHealth(options.linkHealth);
  const jobs: JobContext = {
    store,
    client,
    unit: options.provider.amountUnit,
    owner: `worker_${crypto.randomUUID()}`,
    logger,
    now,
    scrub: (text) => redact(text, secrets) as string,
    linkHealth,
    includePeriodic: refresh.includePeriodic === true,
    schedule: {
      ...schedule,
      strategy: refresh.schedule?.strategy ?? strategy,
      debounceMs,
      deadlineMs,
      // A minute late is nothing on hours; shorter hours (tests, demos) are looked at more often.
      lookEveryMs: Math.min(60_000, Math.max(50, schedule.hourMs / 60)),
    },
    timings: {
      pollIntervalMs,
      maxPollIntervalMs: Math.max(pollIntervalMs, refresh.maxPollIntervalMs ?? 30_000),
      lostAnswerWindowMs: refresh.lostAnswerWindowMs ?? 60_000,
      leaseMs: refresh.leaseMs ?? 10_000,
    },
  };
  const worker = options.worker === false ? null : startJobWorker(jobs);
  const sweeper = createSweeper(store, options.retention ?? {}, now, logger);
  const stopSweeping = worker === null ? null : sweeper.start();
  // Without a worker, the scheduler that runs the jobs sweeps too.
  const runDue = async (runOptions?: RunDueJobsOptions) => {
    if (worker === null && runOptions?.upstreamKeys === undefined) await sweeper.sweepIfDue();
    return runDueJobs(jobs, runOptions);
  };
  // Reads go through the cache; the job engine reads and writes the database itself.
  const readCache = options.readCache ?? options.worker !== false;
  const reads = readCache === false ? null : cachedStore(store, readCache === true ? {} : readCache);
  const streams = createStreamRegistry(options.events?.maxStreamsPerUser ?? 10);
  const deps: RouteDeps = {
    store: reads?.store ?? store,
    client,
    provider: options.provider,
    async driveJobs(upstreamKeys, cause) {
      if (worker !== null) {
        if (cause === 'change') worker.kick();
        return false;
      }
      if (upstreamKeys.length === 0) return false;
      const { ran } = await runDue({ upstreamKeys, limit: upstreamKeys.length });
      return ran > 0;
    },
    runDueJobs: runDue,
    cronSecret: options.cronSecret ?? null,
    logger,
    limiters: {
      refresh: createRateLimiter(rateLimit.refreshPerMinute ?? 30, 60_000),
      linkSessions: createRateLimiter(rateLimit.linkSessionsPerMinute ?? 60, 60_000),
      links: createRateLimiter(rateLimit.linksPerMinute ?? 20, 60_000),
    },
    linkGate: createGate(rateLimit.concurrentLinks ?? 8),
    now,
    authenticate: options.authenticate,
    allowedOrigins,
    corsOrigins: originSet(options.allowedOrigins ?? []),
    widget: {
      publicKey: options.publicKey,
      clientToken: options.clientToken,
      env: options.env,
      appId: options.appId ?? null,
      name: options.name ?? null,
    },
    publicUrl,
    webhookToken: options.webhookToken ?? null,
    linkTokenTtlMs: options.linkTokenTtlMs ?? 15 * 60_000,
    linkFallback: options.linkFallback ?? 'none',
    refresh: { strategy, debounceMs, deadlineMs, pollIntervalMs },
    schedule,
    linkHealth,
    maxBodyBytes: options.maxBodyBytes ?? 16 * 1024,
    streams,
    events: { keepAliveMs: options.events?.keepAliveMs ?? 15_000 },
  };
  const app = createApp(deps, options.basePath?.replace(/\/+$/, '') ?? '');
  let closing: Promise<void> | null = null;
  return {
    store: handle,
    fetch: async (request) => app.fetch(request),
    runDueJobs: runDue,
    sweep: () => sweeper.sweep(),
    close() {
      closing ??= (async () => {
        stopSweeping?.();
        streams.closeAll();
        reads?.close();
        await worker?.stop();
        if (ownsStore) await handle.close();
      })();
      return closing;
    },
  };
}
