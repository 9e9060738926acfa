import { QueryClient, type UseMutationResult, type UseQueryResult } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  Balance,
  BalanceResponse,
  BalanceSnapshot,
  LinkedAccount,
  LinkResult,
  RefreshJob,
  WidgetEventPayload,
  WidgetSuccessPayload,
} from '@okra-balance/core';
import type { BalanceApiError, BalanceApiErrorCode, ConnectBalanceError } from './index.ts';
import {
  AccountBalance,
  balanceKeys,
  BalanceProvider,
  balanceQueryOptions,
  ConnectBalance,
  describeRefreshFailure,
  loadOkra,
  useBalance,
  useBalanceHistory,
  useConnectBalance,
  useLinkedAccounts,
  useUnlinkAccount,
  type ConnectBalanceErrorCode,
  type ConnectBalanceState,
  type OkraWidget,
  type UseBalanceHistoryResult,
  type UseBalanceResult,
  type UseLinkedAccountsResult,
  type UseUnlinkAccountResult,
} from './index.ts';

describe('public types', () => {
  it('useConnectBalance: typed callbacks, a strict env, and its state', () => {
    const state = useConnectBalance({
      key: 'pk',
      token: 'ct',
      env: 'production',
      onSuccess: (result, raw) => {
        expectTypeOf(result).toEqualTypeOf<LinkResult>();
        expectTypeOf(raw).toEqualTypeOf<WidgetSuccessPayload>();
      },
      onClose: (info) => expectTypeOf(info).toEqualTypeOf<{ linked: boolean }>(),
      onError: (error) => expectTypeOf(error.code).toEqualTypeOf<ConnectBalanceErrorCode>(),
      onEvent: (event) => expectTypeOf(event).toEqualTypeOf<WidgetEventPayload>(),
      onLinked: (accounts) => expectTypeOf(accounts).toEqualTypeOf<LinkedAccount[]>(),
    });
    expectTypeOf(state).toEqualTypeOf<ConnectBalanceState>();
    expectTypeOf(state.open).toEqualTypeOf<() => void>();
    expectTypeOf(state.error).toEqualTypeOf<ConnectBalanceError | null>();
    // @ts-expect-error okra-js would silently open the sandbox for any other env
    useConnectBalance({ key: 'pk', token: 'ct', env: 'sandbox' });
    // @ts-expect-error products is a list
    useConnectBalance({ products: 'balance' });
  });

  it('components take the public key as publicKey and their own props', () => {
    <ConnectBalance publicKey="pk" token="ct" env="production-sandbox" className="mine">
      Link
    </ConnectBalance>;
    <ConnectBalance />;
    // @ts-expect-error accountId is required
    <AccountBalance />;
    <AccountBalance accountId="acc-1" locale="en-US" staleAfterMs={3_600_000} />;
  });

  it('BalanceProvider needs the route base URL', () => {
    <BalanceProvider baseUrl="/api/balance" credentials="include" timing={{ pollMs: 500, retries: 0 }} />;
    // @ts-expect-error baseUrl is required
    <BalanceProvider />;
  });

  it('balance hooks return TanStack’s shapes, with BalanceApiError as the error', () => {
    const result = useBalance('acc-1');
    expectTypeOf(result).toEqualTypeOf<UseBalanceResult>();
    expectTypeOf(result.balance).toEqualTypeOf<Balance | null>();
    expectTypeOf(result.job).toEqualTypeOf<RefreshJob | null>();
    expectTypeOf(result.isPending).toEqualTypeOf<boolean>();
    expectTypeOf(result.error).toEqualTypeOf<BalanceApiError | null>();
    expectTypeOf(useLinkedAccounts()).toEqualTypeOf<UseLinkedAccountsResult>();
    expectTypeOf(useLinkedAccounts()).toEqualTypeOf<UseQueryResult<LinkedAccount[], BalanceApiError>>();
    expectTypeOf(useBalanceHistory('acc-1')).toEqualTypeOf<UseBalanceHistoryResult>();
    expectTypeOf(useBalanceHistory('acc-1').data).toEqualTypeOf<BalanceSnapshot[] | undefined>();
    expectTypeOf(useBalanceHistory('acc-1').error).toEqualTypeOf<BalanceApiError | null>();
    expectTypeOf(useUnlinkAccount()).toEqualTypeOf<UseUnlinkAccountResult>();
    expectTypeOf(useUnlinkAccount()).toEqualTypeOf<UseMutationResult<void, BalanceApiError, string>>();
  });

  it('error codes are open: a code from a newer server type-checks, and known ones still complete', () => {
    expectTypeOf<'rate_limited'>().toExtend<BalanceApiErrorCode>();
    expectTypeOf<'a_code_from_2027'>().toExtend<BalanceApiErrorCode>();
    expectTypeOf(describeRefreshFailure).parameter(0).toExtend<string>();
    describeRefreshFailure('a_reason_from_2027');
  });

  it('query options carry their data type into the cache', () => {
    const client = new QueryClient();
    const options = balanceQueryOptions({ baseUrl: '/api/balance' }, 'acc-1');
    expectTypeOf(client.getQueryData(options.queryKey)).toEqualTypeOf<BalanceResponse | undefined>();
    expectTypeOf(client.getQueryState(options.queryKey)?.error).toEqualTypeOf<
      BalanceApiError | null | undefined
    >();
    expectTypeOf(balanceKeys.balance('/api', 'acc-1')).toEqualTypeOf<
      readonly ['okra-balance', string, 'account', string, 'balance']
    >();
  });

  it('loadOkra resolves to the okra-js object, or null on a server', () => {
    expectTypeOf(loadOkra).returns.toEqualTypeOf<Promise<OkraWidget | null>>();
  });
});
