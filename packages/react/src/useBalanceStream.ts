import { useCallback, useSyncExternalStore } from 'react';
import { isStreamLive, subscribeBalanceStream, type StreamRoute } from './balanceStream.ts';

/**
 * Keeps the route's live stream open while the calling component is mounted (one stream per page however
 * many components ask, opened in an effect, so never on a server) and says whether it is open now.
 */
export function useBalanceStream(route: StreamRoute): boolean {
  const subscribe = useCallback((onChange: () => void) => subscribeBalanceStream(route, onChange), [route]);
  return useSyncExternalStore(
    subscribe,
    () => isStreamLive(route.client, route.config.baseUrl),
    () => false,
  );
}
