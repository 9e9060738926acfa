import { useEffect, useState } from 'react';
import type { StreamRoute } from './openStream.ts';

/**
 * Keeps the route's live stream open while the calling component is mounted (one stream per page however
 * many components ask, opened in an effect, so never on a server) and says whether it is open now.
 */
export function useBalanceStream(route: StreamRoute): boolean {
  const [live, setLive] = useState(false);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let gone = false;
    // Its own chunk, loaded after the page: until the stream is open (and wherever it cannot be) hooks poll.
    import('./balanceStream.ts').then(
      ({ subscribeBalanceStream }) => {
        if (!gone) stop = subscribeBalanceStream(route, setLive);
      },
      () => {},
    );
    return () => {
      gone = true;
      stop?.();
    };
  }, [route]);
  return live;
}
