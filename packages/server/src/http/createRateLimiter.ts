/** A per-key sliding-window limit. */
export interface RateLimiter {
  /** Counts a hit; returns null when allowed, or how many ms until the next hit would be. */
  hit(key: string, now: number): number | null;
}

/**
 * At most `limit` hits per key in any `windowMs`. In memory, per process: it protects the provider budget
 * from one user's loop, while the database-level dedupe is what holds across processes.
 *
 * @example
 * const limiter = createRateLimiter(10, 60_000);
 * limiter.hit('user-1', Date.now()); // null, or ms to wait
 */
export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const hits = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    hit(key, now) {
      // Drop idle keys now and then, so the map does not grow with every user ever seen.
      if (now - lastSweep > windowMs) {
        lastSweep = now;
        for (const [other, times] of hits) if ((times.at(-1) ?? 0) <= now - windowMs) hits.delete(other);
      }
      const recent = (hits.get(key) ?? []).filter((time) => time > now - windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return Math.max(1, (recent[0] ?? now) + windowMs - now);
      }
      recent.push(now);
      hits.set(key, recent);
      return null;
    },
  };
}
