export { createBalanceRoute, type BalanceRoute } from './createBalanceRoute.ts';
export type { BalanceRouteOptions } from './BalanceRouteOptions.ts';
export type { BalanceUser } from './http/RouteDeps.ts';
export { handlers } from './handlers.ts';
export { serveNode, type NodeServer, type ServeNodeOptions } from './serveNode.ts';
export { createPgliteStore, type PgliteStoreOptions } from './store/createPgliteStore.ts';
export { createPostgresStore, type PostgresStoreOptions } from './store/createPostgresStore.ts';
export { createSqlStore } from './store/createSqlStore.ts';
export { pgliteClient, type PgliteDatabase, type PgliteQueryable } from './store/pgliteClient.ts';
export { pgClient, type PgPool, type PgPoolClient } from './store/pgClient.ts';
export type { SqlClient } from './store/SqlClient.ts';
export { migrate } from './store/migrate.ts';
export { MIGRATIONS, type Migration } from './store/migrations.ts';
export type { BalanceStore, SweepResult } from './store/Store.ts';
export type { RetentionOptions } from './store/createSweeper.ts';
export type { RunDueJobsOptions, RunDueJobsResult } from './jobs/runDueJobs.ts';
export {
  createProviderClient,
  type ProviderClient,
  type ProviderClientOptions,
  type StartedRecord,
} from './provider/createProviderClient.ts';
export type { CallbackAnswer, CallbackMethod } from './provider/interpretCallback.ts';
export { ProviderError, isProviderError, type ProviderErrorKind } from './provider/ProviderError.ts';
export { ApiError, STATUS_OF } from './http/ApiError.ts';
export type { LinkFallback } from './linking/confirmLink.ts';
export { consoleLogger, redactingLogger, type Logger } from './logger.ts';
export { createRateLimiter, type RateLimiter } from './http/createRateLimiter.ts';
