import type { Query } from '@tanstack/react-query';
import { isSettled, type AccountsResponse, type BalanceResponse } from '@okra-balance/core';
import { applyAccountUpdate } from './applyAccountUpdate.ts';
import { accountsKey, routeKey } from './balanceKeys.ts';
import type { RouteConnection } from './RouteConnection.ts';
import { seedBalances } from './seedBalances.ts';

/** A route to stream from, and what opens the stream (`false`: none; default: the global `EventSource`). */
export interface StreamRoute extends Pick<RouteConnection, 'client' | 'config'> {
  eventSource?: typeof EventSource | false | undefined;
}

/**
 * Opens `GET {baseUrl}/events` and writes what it brings into the cache. `setLive` hears whether the stream
 * is open (a `ready` seen, no error since). Loaded lazily by `balanceStream.ts`; returns the close.
 */
export function openStream(
  { client, config }: StreamRoute,
  EventSourceImpl: typeof EventSource,
  setLive: (live: boolean) => void,
): () => void {
  const { baseUrl } = config;
  // Like `requestJson`: cookies go to the route's own origin always, to another one with `include` only.
  const source = new EventSourceImpl(`${baseUrl.replace(/\/+$/, '')}/events`, {
    withCredentials: config.credentials === 'include',
  });
  let first = true;
  let errors = 0;
  const on = <T>(type: string, apply: (data: T) => void) =>
    source.addEventListener(type, (event) => apply(JSON.parse((event as MessageEvent<string>).data) as T));
  on<{ resumed: boolean }>('ready', ({ resumed }) => {
    // Missed events cannot be replayed. On the page's first connection only a running job may have moved
    // since the page loaded; after a drop, anything may have.
    const stale = (query: Query) => {
      const job = (query.state.data as BalanceResponse | undefined)?.job;
      return query.queryKey[4] === 'balance'
        ? !first || (!!job && !isSettled(job))
        : !first && query.queryKey[2] === 'accounts';
    };
    if (!resumed) void client.invalidateQueries({ queryKey: routeKey(baseUrl), predicate: stale });
    first = false;
    errors = 0;
    setLive(true);
  });
  on<BalanceResponse>('account', (reply) => applyAccountUpdate(client, baseUrl, reply));
  on<AccountsResponse>('accounts', (reply) => {
    seedBalances(client, baseUrl, reply, Date.now());
    client.setQueryData(accountsKey(baseUrl), reply);
  });
  source.onerror = () => {
    setLive(false);
    // CLOSED: the route refused (a 404 from an older route, a 401) or answered no stream, and the browser
    // will not try again. Three errors without a `ready`: something on the way cuts it. Polling takes over.
    if (source.readyState === 2 || ++errors > 2) source.close();
  };
  return () => source.close();
}
