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
