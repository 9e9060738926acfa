/** One request the code under test sent to the route. */
export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
}

/** A JSON reply, a failure to answer, or any other reply as it is (an HTML error page). */
type Reply = { status: number; body?: unknown } | Error | Response;
type Handler = (request: SentRequest, sent: SentRequest[]) => Reply | Promise<Reply>;

export const BASE_URL = 'http://127.0.0.1:9/api/balance';

/**
 * A `fetch` for the balance route that records what it was SENT and answers with realistic replies from
 * `handler`, so tests assert on the requests and on how the code reacted, never on canned data alone.
 */
export function fakeRoute(handler: Handler): { fetch: typeof fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const fakeFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (!url.href.startsWith(BASE_URL)) throw new TypeError(`fetch to a foreign URL: ${url.href}`);
    const request: SentRequest = {
      method: init.method ?? 'GET',
      path: url.href.slice(BASE_URL.length),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      credentials: init.credentials,
    };
    sent.push(request);
    const reply = await handler(request, sent);
    if (reply instanceof Error) throw reply;
    if (reply instanceof Response) return reply;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fakeFetch, sent };
}

/** The route's error body. */
export function apiError(status: number, code: string, message = code): Reply {
  return { status, body: { error: { code, message } } };
}
