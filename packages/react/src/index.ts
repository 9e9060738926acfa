'use client';
export { AccountBalance, type AccountBalanceProps } from './AccountBalance.tsx';
export { accountsQueryOptions } from './accountsQueryOptions.ts';
export { BalanceApiError, type BalanceApiErrorCode, type BalanceApiRequest } from './BalanceApiError.ts';
export type { BalanceTiming } from './BalanceTiming.ts';
export { balanceKeys } from './balanceKeys.ts';
export { BalanceProvider, type BalanceProviderProps } from './BalanceProvider.tsx';
export { balanceQueryOptions } from './balanceQueryOptions.ts';
export { ConnectBalance, type ConnectBalanceProps } from './ConnectBalance.tsx';
export { ConnectBalanceError, type ConnectBalanceErrorCode } from './ConnectBalanceError.ts';
export { describeApiError } from './describeApiError.ts';
export { describeReauthReason } from './describeReauthReason.ts';
export { describeRefreshFailure } from './describeRefreshFailure.ts';
export { historyQueryOptions, type HistoryRange } from './historyQueryOptions.ts';
export { loadOkra, preloadOkra } from './loadOkra.ts';
export type { OkraWidget } from './OkraWidget.ts';
export type { WidgetStatus } from './pageWidget.ts';
export type { BalanceClientConfig } from './requestJson.ts';
export { useBalance, type UseBalanceResult } from './useBalance.ts';
export {
  useBalanceHistory,
  type UseBalanceHistoryOptions,
  type UseBalanceHistoryResult,
} from './useBalanceHistory.ts';
export { useConnectBalance, type UseConnectBalanceResult } from './useConnectBalance.ts';
export type {
  ConnectBalanceCallbacks,
  ExtraWidgetOptions,
  ServerWidgetOptions,
  StandaloneWidgetOptions,
  UseConnectBalanceOptions,
  WidgetJsonValue,
} from './UseConnectBalanceOptions.ts';
export { useLinkedAccounts, type UseLinkedAccountsResult } from './useLinkedAccounts.ts';
export type { AccountReconnectOptions } from './useReconnect.ts';
export { useUnlinkAccount, type UseUnlinkAccountResult } from './useUnlinkAccount.ts';
// The model types the hooks and callbacks hand out, so an app needs no direct dependency on core for them.
export type {
  Balance,
  BalanceSnapshot,
  Bank,
  HistoryResponse,
  LinkedAccount,
  LinkHealth,
  LinkResult,
  LinkResultAccount,
  ReauthReason,
  RefreshFailureReason,
  RefreshJob,
  RefreshJobState,
  RefreshSchedule,
  WidgetEnv,
  WidgetEventPayload,
  WidgetProduct,
  WidgetSuccessPayload,
} from '@okra-balance/core';
