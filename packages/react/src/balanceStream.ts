import type { Query, QueryClient } from '@tanstack/react-query';
import { isSettled, type AccountsResponse, type BalanceResponse } from '@okra-balance/core';
import { applyAccountUpdate } from './applyAccountUpdate.ts';
import { accountsKey, routeKey } from './balanceKeys.ts';
import type { RouteConnection } from './RouteConnection.ts';
import { seedBalances } from './seedBalances.ts';

/** A route to stream from, and what opens the stream (`false`: none). */
export interface StreamRoute extends Pick<RouteConnection, 'client' | 'config'> {
  eventSource?: typeof EventSource | false | undefined;
}

interface Stream {
  /** A `ready` seen and no error since: the stream brings every change, so nothing needs polling. */
  live: boolean;
  users: Set<() => void>;
  close: () => void;
}

// One stream per QueryClient and base URL, however many hooks use it.
const streams = new WeakMap<QueryClient, Map<string, Stream>>();

/** Whether the route's stream is open now (false when there is none). */
export const isStreamLive = (client: QueryClient, baseUrl: string): boolean =>
  streams.get(client)?.get(baseUrl)?.live ?? false;

/**
 * Counts one user of the route's stream, opening it for the first; `onChange` hears when it opens or drops.
 * Returns the unsubscribe, which closes the stream after its last user.
 */
export function subscribeBalanceStream(route: StreamRoute, onChange: () => void): () => void {
  const { client, config } = route;
  const byUrl = streams.get(client) ?? new Map<string, Stream>();
  streams.set(client, byUrl);
  const stream = byUrl.get(config.baseUrl) ?? open(route);
  byUrl.set(config.baseUrl, stream);
  stream.users.add(onChange);
  return () => {
    stream.users.delete(onChange);
    // Not at once: StrictMode unsubscribes and subscribes again in the same task, which must not reconnect.
    queueMicrotask(() => {
      if (stream.users.size === 0 && byUrl.get(config.baseUrl) === stream) {
        byUrl.delete(config.baseUrl);
        stream.close();
      }
    });
  };
}

function open({ client, config, eventSource = globalThis.EventSource }: StreamRoute): Stream {
  const { baseUrl } = config;
  const stream: Stream = { live: false, users: new Set(), close() {} };
  if (!eventSource) return stream;
  const source = new eventSource(`${baseUrl.replace(/\/+$/, '')}/events`, {
    withCredentials: config.credentials === 'include',
  });
  stream.close = () => source.close();
  let first = true;
  let errors = 0;
  const setLive = (live: boolean) => {
    if (stream.live === live) return;
    stream.live = live;
    stream.users.forEach((onChange) => onChange());
  };
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
    // CLOSED: the route refused (404 from an older route, 401) or did not answer a stream; the browser will
    // not retry. Errors again and again without a `ready`: a proxy cuts it. Either way, polling takes over.
    if (source.readyState === 2 || ++errors > 2) source.close();
  };
  return stream;
}
