import { useContext, useMemo, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { BalanceContext } from './BalanceContext.ts';
import { defaultTiming, type BalanceTiming } from './BalanceTiming.ts';
import type { BalanceClientConfig } from './requestJson.ts';
import { startLink, type LinkRequest } from './startLink.ts';

export interface BalanceProviderProps extends BalanceClientConfig {
  /** Default: the app's `QueryClientProvider` client, or one of its own when there is none. */
  queryClient?: QueryClient | undefined;
  /** Poll and retry delays; see {@link BalanceTiming}. */
  timing?: Partial<BalanceTiming> | undefined;
  /**
   * What opens the live stream (`GET {baseUrl}/events`). Default: the browser's `EventSource`. `false` turns
   * streaming off: hooks then poll a running refresh job, as they do whenever the stream is not open. Tests
   * pass a fake here. Read once, when the first hook that needs the stream mounts.
   */
  eventSource?: typeof EventSource | false | undefined;
  children?: ReactNode;
}

/**
 * Connects the hooks and components below it to your balance route (`@okra-balance/server`). With it,
 * `<ConnectBalance />` needs no props: the server hands out the widget config and a single-use link token.
 *
 * @example
 * <BalanceProvider baseUrl="/api/balance">
 *   <ConnectBalance />
 *   <AccountBalance accountId={id} />
 * </BalanceProvider>
 */
export function BalanceProvider(props: BalanceProviderProps) {
  const { baseUrl, fetch, credentials, queryClient, eventSource, children } = props;
  const ambient = useContext(QueryClientContext);
  const [own] = useState(() => new QueryClient());
  const client = queryClient ?? ambient ?? own;
  // Compared by value: a parent passing an equal object again must not reset every query below.
  const headers = JSON.stringify(props.headers ?? {});
  const timing = JSON.stringify(props.timing ?? {});
  const value = useMemo(() => {
    const route = {
      config: { baseUrl, fetch, credentials, headers: JSON.parse(headers) as Record<string, string> },
      client,
      timing: { ...defaultTiming, ...(JSON.parse(timing) as Partial<BalanceTiming>) },
    };
    return { ...route, eventSource, startLink: (request: LinkRequest) => startLink(route, request) };
  }, [client, baseUrl, fetch, credentials, headers, timing, eventSource]);
  const tree = <BalanceContext.Provider value={value}>{children}</BalanceContext.Provider>;
  return client === own ? <QueryClientProvider client={own}>{tree}</QueryClientProvider> : tree;
}
