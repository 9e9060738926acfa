import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
import type { HealthResponse } from '@okra-balance/core';
import { LinkError } from '../linking/LinkError.ts';
import { isProviderError } from '../provider/ProviderError.ts';
import { RATE_LIMIT_WAIT_MS } from '../provider/readEnvelope.ts';
import { accountRoutes } from './accountRoutes.ts';
import { ApiError, errorResponse } from './ApiError.ts';
import { crossSiteRefusal } from './crossSiteRefusal.ts';
import { eventRoutes } from './eventRoutes.ts';
import { jobRoutes } from './jobRoutes.ts';
import { linkRoutes } from './linkRoutes.ts';
import type { RouteDeps, RouteEnv } from './RouteDeps.ts';
import { scheduleRoutes } from './scheduleRoutes.ts';
import { webhookRoutes } from './webhookRoutes.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The Hono app: security headers on every answer, 404/405 as JSON, then `/health` and the webhook (no user,
 * no browser) and `/jobs/run` (a scheduler), then the cross-site check and `authenticate` in front of every user route.
 */
export function createApp(deps: RouteDeps, basePath: string): Hono<RouteEnv> {
  const app = basePath === '' ? new Hono<RouteEnv>() : new Hono<RouteEnv>().basePath(basePath);

  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  app.use(
    '*',
    secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }),
  );
  // Only origins the integrator listed may read answers cross-origin (an app on another subdomain).
  if (deps.corsOrigins.size > 0) {
    app.use(
      '*',
      cors({
        origin: (origin) => (deps.corsOrigins.has(origin) ? origin : null),
        credentials: true,
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
        allowHeaders: ['content-type', 'authorization'],
        maxAge: 600,
      }),
    );
  }
  app.use(
    '*',
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        errorResponse('method_not_allowed', `Use ${methods.join(', ')} on this path`, {
          allow: methods.join(', '),
        }),
    }),
  );

  app.get('/health', async (c) => {
    await deps.store.ping();
    const body: HealthResponse = { ok: true };
    return c.json(body);
  });
  webhookRoutes(app, deps);
  jobRoutes(app, deps);

  // Every route below needs a same-site request and a signed-in user: they live in a sub-app mounted behind
  // both checks, so a route added there cannot be public by accident, wherever it is registered.
  const userApi = new Hono<RouteEnv>();
  userApi.use('*', async (c, next) => {
    const refusal = STATE_CHANGING.has(c.req.method)
      ? crossSiteRefusal(c.req.raw, deps.allowedOrigins)
      : null;
    if (refusal !== null) {
      // Logged: a 403 on every POST (a host or origin the route was not told about) is otherwise silent.
      deps.logger.warn(`cross_site_request refused: ${refusal}`, { method: c.req.method, path: c.req.path });
      throw new ApiError('cross_site_request', 'Cross-site requests cannot change anything here');
    }
    await next();
  });
  userApi.use('*', async (c, next) => {
    const user = await deps.authenticate(c.req.raw);
    if (user === null || user === undefined) throw new ApiError('unauthenticated', 'Sign in first');
    if (typeof user.id !== 'string' || user.id === '') {
      throw new Error('authenticate must return null or an object with a non-empty string id');
    }
    c.set('user', user);
    await next();
  });
  linkRoutes(userApi, deps);
  accountRoutes(userApi, deps);
  scheduleRoutes(userApi, deps);
  eventRoutes(userApi, deps);
  app.route('/', userApi);

  app.notFound(() => errorResponse('not_found', 'No such route'));
  app.onError((error, c) => toErrorResponse(error, c, deps));
  return app;
}

function toErrorResponse(error: unknown, c: Context<RouteEnv>, deps: RouteDeps): Response {
  if (error instanceof ApiError) return errorResponse(error.code, error.message, error.headers);
  if (error instanceof LinkError) return errorResponse(error.code, error.message);
  if (isProviderError(error)) {
    deps.logger.warn('provider call failed in a request', { path: c.req.path, error });
    if (error.kind === 'rate_limited') {
      const seconds = String(Math.ceil((error.retryAfterMs ?? RATE_LIMIT_WAIT_MS) / 1000));
      return errorResponse('provider_unavailable', `The provider is busy: try again in ${seconds} s`, {
        'retry-after': seconds,
      });
    }
    if (error.kind === 'unavailable' || error.kind === 'network' || error.kind === 'timeout') {
      return errorResponse('provider_unavailable', 'The provider could not be reached: try again shortly');
    }
    return errorResponse('provider_error', 'The provider answered with an error');
  }
  if (error instanceof HTTPException && error.status < 500) {
    return errorResponse('invalid_request', 'The request could not be read');
  }
  deps.logger.error('request failed', { path: c.req.path, method: c.req.method, error });
  return errorResponse('internal_error', 'Something went wrong on the server');
}
