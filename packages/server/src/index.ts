// The public API: mount a route, give it a store, run its jobs where there is no background process.
// Everything else (the provider client, the job engine, the SQL) is internal and may change.
export { createBalanceRoute, type BalanceRoute } from './createBalanceRoute.ts';
export type { BalanceRouteOptions } from './BalanceRouteOptions.ts';
export type { BalanceUser } from './http/RouteDeps.ts';
export type { LinkFallback } from './linking/confirmLink.ts';
export type { RunDueJobsOptions, RunDueJobsResult } from './jobs/runDueJobs.ts';
export { handlers, type RouteSource } from './handlers.ts';
export { serveNode, type NodeServer, type ServeNodeOptions } from './serveNode.ts';
export { createPgliteStore, type PgliteStoreOptions } from './store/createPgliteStore.ts';
export { createPostgresStore, type PostgresStoreOptions } from './store/createPostgresStore.ts';
export { createSqlStore } from './store/createSqlStore.ts';
export { pgliteClient, type PgliteDatabase, type PgliteQueryable } from './store/pgliteClient.ts';
export { pgClient, type PgPool, type PgPoolClient } from './store/pgClient.ts';
export type { SqlClient } from './store/SqlClient.ts';
export { migrate } from './store/migrate.ts';
export type { BalanceStore, SweepResult } from './store/Store.ts';
export type { RetentionOptions } from './store/createSweeper.ts';
export { consoleLogger, redactingLogger, type Logger } from './logger.ts';
export { createRateLimiter, type RateLimiter } from './http/createRateLimiter.ts';
