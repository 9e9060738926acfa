import { Hono } from 'hono';
import type { ApiContext } from './ApiContext.ts';
import { controlApp, type SandboxControl } from './controlApp.ts';
import { fail } from './envelope.ts';
import { handleProviderCall } from './handleProviderCall.ts';

/** The API port: the provider routes under `/v2`, the control route under `/__sandbox`. */
export function apiApp(ctx: ApiContext, control: SandboxControl): Hono {
  const app = new Hono();
  app.route('/__sandbox', controlApp(control, ctx.secretKey));
  app.all('*', (c) => handleProviderCall(c.req.raw, ctx));
  // A bug of ours must still answer like a provider, never drop the connection.
  app.onError((error, c) => {
    console.error('okra-sandbox: unexpected error', error);
    const reply = fail(500, 'Something went wrong on our side');
    return c.json(reply.body, 500);
  });
  return app;
}
