import type { QueryClient } from '@tanstack/react-query';
import { openStream, type StreamRoute } from './openStream.ts';

interface Stream {
  /** A `ready` seen and no error since: the stream brings every change, so nothing needs polling. */
  live: boolean;
  users: Set<(live: boolean) => void>;
  close: () => void;
}

// One stream per QueryClient and base URL, however many hooks use it.
const streams = new WeakMap<QueryClient, Map<string, Stream>>();

/**
 * Counts one user of the route's stream, opening it for the first. `onChange` hears at once whether it is
 * open, then each time it opens or drops. Returns the unsubscribe, which closes the stream after its last user.
 */
export function subscribeBalanceStream(route: StreamRoute, onChange: (live: boolean) => void): () => void {
  const { client, config } = route;
  const byUrl = streams.get(client) ?? new Map<string, Stream>();
  streams.set(client, byUrl);
  const stream = byUrl.get(config.baseUrl) ?? open(route);
  byUrl.set(config.baseUrl, stream);
  stream.users.add(onChange);
  onChange(stream.live);
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

function open(route: StreamRoute): Stream {
  const EventSourceImpl = route.eventSource ?? globalThis.EventSource;
  const stream: Stream = { live: false, users: new Set(), close() {} };
  if (EventSourceImpl) {
    stream.close = openStream(route, EventSourceImpl, (live) => {
      stream.live = live;
      stream.users.forEach((onChange) => onChange(live));
    });
  }
  return stream;
}
