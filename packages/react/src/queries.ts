// No 'use client' here: this entry is what a Server Component imports to prefetch. It must reach no React
// component or hook of ours and no okra-js; the main entry re-exports all of it, from the same modules.
export { accountsQueryOptions } from './accountsQueryOptions.ts';
export { BalanceApiError, type BalanceApiErrorCode } from './BalanceApiError.ts';
export { balanceKeys } from './balanceKeys.ts';
export { balanceQueryOptions } from './balanceQueryOptions.ts';
export type { BalanceTiming } from './BalanceTiming.ts';
export { historyQueryOptions, type HistoryRange } from './historyQueryOptions.ts';
export type { BalanceClientConfig } from './requestJson.ts';
