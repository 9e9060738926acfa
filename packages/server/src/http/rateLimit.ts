import type { MiddlewareHandler } from 'hono';
import { ApiError } from './ApiError.ts';
import type { RateLimiter } from './createRateLimiter.ts';
import type { RouteEnv } from './RouteDeps.ts';

/**
 * Middleware: at most the limiter's hits per signed-in user, else 429 `rate_limited` with `Retry-After`.
 * Runs before the handler, so a refused request reaches neither the database nor the provider.
 *
 * @example
 * api.post('/links', rateLimit(limiter, 'link confirmations', now), handler);
 */
export function rateLimit(limiter: RateLimiter, what: string, now: () => Date): MiddlewareHandler<RouteEnv> {
  return async (c, next) => {
    const wait = limiter.hit(c.get('user').id, now().getTime());
    if (wait !== null) {
      const seconds = String(Math.ceil(wait / 1000));
      throw new ApiError('rate_limited', `Too many ${what}: try again in ${seconds} s`, {
        'retry-after': seconds,
      });
    }
    await next();
  };
}

/** A bound on work in flight at once (provider calls made inside requests). */
export interface Gate {
  /** A release function when there is room, or null when the gate is full. */
  enter(): (() => void) | null;
}

/**
 * At most `max` holders at once.
 *
 * @example
 * const release = gate.enter(); if (release === null) throw busy; try { ... } finally { release(); }
 */
export function createGate(max: number): Gate {
  let inside = 0;
  return {
    enter() {
      if (inside >= max) return null;
      inside++;
      let released = false;
      return () => {
        if (!released) inside--;
        released = true;
      };
    },
  };
}
