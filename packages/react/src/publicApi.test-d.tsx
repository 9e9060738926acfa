import { QueryClient, type UseMutationResult, type UseQueryResult } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  Balance,
  BalanceResponse,
  BalanceSnapshot,
  LinkedAccount,
  LinkHealth,
  LinkResult,
  RefreshJob,
  WidgetEventPayload,
  WidgetSuccessPayload,
} from '@okra-balance/core';
import type { BalanceApiErrorCode, ConnectBalanceError, BalanceApiError } from './index.ts';
import {
  AccountBalance,
  balanceKeys,
  BalanceProvider,
  balanceQueryOptions,
  ConnectBalance,
  describeReauthReason,
  describeRefreshFailure,
  loadOkra,
  useBalance,
  useBalanceHistory,
  useConnectBalance,
  useLinkedAccounts,
  useUnlinkAccount,
  type ConnectBalanceErrorCode,
  type AccountReconnectOptions,
  type OkraWidget,
  type UseBalanceHistoryResult,
  type UseBalanceResult,
  type UseConnectBalanceOptions,
  type UseConnectBalanceResult,
  type UseLinkedAccountsResult,
  type UseUnlinkAccountResult,
  type WidgetStatus,
} from './index.ts';

const standalone = { publicKey: 'pk', token: 'ct', env: 'production' } as const;

describe('public types', () => {
  it('useConnectBalance: typed callbacks, a strict env, and its result', () => {
    const result = useConnectBalance({
      ...standalone,
      onSuccess: (linkResult, raw) => {
        expectTypeOf(linkResult).toEqualTypeOf<LinkResult>();
        expectTypeOf(raw).toEqualTypeOf<WidgetSuccessPayload>();
      },
      onClose: (info) => expectTypeOf(info).toEqualTypeOf<{ linked: boolean }>(),
      onError: (error) => expectTypeOf(error.code).toEqualTypeOf<ConnectBalanceErrorCode>(),
      onEvent: (event) => expectTypeOf(event).toEqualTypeOf<WidgetEventPayload>(),
      onLinked: (accounts) => expectTypeOf(accounts).toEqualTypeOf<LinkedAccount[]>(),
    });
    expectTypeOf(result).toEqualTypeOf<UseConnectBalanceResult>();
    expectTypeOf(result.open).toEqualTypeOf<() => void>();
    expectTypeOf(result.close).toEqualTypeOf<() => void>();
    expectTypeOf(result.status).toEqualTypeOf<WidgetStatus>();
    expectTypeOf(result.error).toEqualTypeOf<ConnectBalanceError | null>();
    // @ts-expect-error okra-js would silently open the sandbox for any other env
    useConnectBalance({ ...standalone, env: 'sandbox' });
    // @ts-expect-error products is a list
    useConnectBalance({ ...standalone, products: 'balance' });
  });

  it('a misspelt option or callback does not compile', () => {
    // @ts-expect-error publcKey is not an option
    <ConnectBalance publcKey="pk" token="ct" env="production" />;
    // @ts-expect-error onSucess is not a callback
    <ConnectBalance {...standalone} onSucess={() => undefined} />;
    // @ts-expect-error widget_sucess is not an okra-js option
    <ConnectBalance {...standalone} widget_sucess="https://example.com/done" />;
    // @ts-expect-error key is okra-js's name: the public key goes in publicKey
    useConnectBalance({ key: 'pk', token: 'ct', env: 'production' });
    // @ts-expect-error onClosed is not a callback
    useConnectBalance({ onClosed: () => undefined });
  });

  it('publicKey, token and env go together', () => {
    <ConnectBalance publicKey="pk" token="ct" env="production-sandbox" className="mine">
      Link
    </ConnectBalance>;
    // With <BalanceProvider>, none of them: the server hands them out.
    <ConnectBalance onLinked={() => undefined} />;
    useConnectBalance();
    // @ts-expect-error a public key without its token
    <ConnectBalance publicKey="pk" env="production" />;
    // @ts-expect-error a public key without env
    <ConnectBalance publicKey="pk" token="ct" />;
    // @ts-expect-error a token without its public key
    <ConnectBalance token="ct" env="production" />;
    // @ts-expect-error widget options without a public key would be ignored for the server's
    useConnectBalance({ name: 'My app' });
  });

  it('extra widget options pass through, but never in place of a named one', () => {
    <ConnectBalance {...standalone} extraWidgetOptions={{ newer_option: { on: true }, list: [1, 'two'] }} />;
    // @ts-expect-error token has its own prop
    <ConnectBalance {...standalone} extraWidgetOptions={{ token: 'other' }} />;
    // @ts-expect-error color has its own prop
    <ConnectBalance {...standalone} extraWidgetOptions={{ color: '#fff' }} />;
    // @ts-expect-error okra-js sends options as JSON: a function would be lost
    <ConnectBalance {...standalone} extraWidgetOptions={{ later: () => undefined }} />;
  });

  it('reauthAccountId reconnects one account, and only with <BalanceProvider>', () => {
    <ConnectBalance reauthAccountId="acc-1" onLinked={() => undefined}>
      Reconnect
    </ConnectBalance>;
    const { open } = useConnectBalance({ reauthAccountId: 'acc-1' });
    expectTypeOf(open).toEqualTypeOf<() => void>();
    const options: UseConnectBalanceOptions = { reauthAccountId: 'acc-1', iframeTitle: 'Reconnect' };
    void options;
    // Standalone, the page has no account ids of ours: it passes okra-js's reauth_account and reauth_bank.
    const both = { ...standalone, reauthAccountId: 'acc-1' };
    // @ts-expect-error reauthAccountId needs <BalanceProvider>, which standalone options do not use
    useConnectBalance(both);
    <ConnectBalance {...standalone} reauth_account="okra-acc" reauth_bank="okra-bank" />;
    // @ts-expect-error our account id is a string
    useConnectBalance({ reauthAccountId: 42 });
  });

  it('options can be built ahead as a value', () => {
    const options: UseConnectBalanceOptions = { ...standalone, iframeTitle: 'Link', loadTimeoutMs: 30_000 };
    useConnectBalance(options);
    // @ts-expect-error an options object for the hook is checked like the props
    const misspelt: UseConnectBalanceOptions = { ...standalone, iframTitle: 'Link' };
    void misspelt;
  });

  it('other components', () => {
    // @ts-expect-error accountId is required
    <AccountBalance />;
    <AccountBalance accountId="acc-1" locale="en-US" staleAfterMs={3_600_000} />;
    const reconnect: AccountReconnectOptions = { onLinked: () => undefined, iframeTitle: 'Reconnect' };
    <AccountBalance
      accountId="acc-1"
      schedule={{ everyHours: 12, source: 'route', nextAt: null }}
      reconnect={reconnect}
    />;
    // @ts-expect-error the card opens the widget for its own account: no widget options here
    <AccountBalance accountId="acc-1" reconnect={{ reauthAccountId: 'acc-2' }} />;
    // @ts-expect-error labl is not a prop
    <AccountBalance accountId="acc-1" labl="GTBank ******6789" />;
  });

  it('BalanceProvider needs the route base URL', () => {
    <BalanceProvider baseUrl="/api/balance" credentials="include" timing={{ pollMs: 500, retries: 0 }} />;
    // @ts-expect-error baseUrl is required
    <BalanceProvider />;
    // @ts-expect-error baseURL is not baseUrl
    <BalanceProvider baseURL="/api/balance" />;
  });

  it('balance hooks return TanStack’s shapes, with BalanceApiError as the error', () => {
    const result = useBalance('acc-1');
    expectTypeOf(result).toEqualTypeOf<UseBalanceResult>();
    expectTypeOf(result.balance).toEqualTypeOf<Balance | null>();
    expectTypeOf(result.job).toEqualTypeOf<RefreshJob | null>();
    expectTypeOf(result.isPending).toEqualTypeOf<boolean>();
    expectTypeOf(result.error).toEqualTypeOf<BalanceApiError | null>();
    expectTypeOf(result.health).toEqualTypeOf<LinkHealth | null>();
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
    expectTypeOf(describeReauthReason('token_required')).toEqualTypeOf<string>();
    describeReauthReason('a_reason_from_2027');
  });

  it('query options carry their data and error types into the cache', () => {
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
