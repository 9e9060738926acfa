import { useEffect, useState } from 'react';

/**
 * The time now, moved on every `everyMs`, so a chart's window slides while nothing new arrives (an outage
 * that is still going grows with it).
 *
 * @example
 * const now = useNow(60_000);
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
