/** The webhook bearer token the bench sandboxes send and the bench routes expect. */
export const WEBHOOK_TOKEN = 'bench-webhook-token';

/** Generous per-user refresh budget: the benchmarks send many refreshes as one user on purpose. */
export const BENCH_RATE_LIMIT = { refreshPerMinute: 100_000 };
