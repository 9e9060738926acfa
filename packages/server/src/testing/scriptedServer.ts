import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the scripted server received. */
export interface SeenRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** What to answer: a status with a body (a value is sent as JSON), or `hang` to never answer. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

/**
 * A tiny HTTP server on loopback that answers with whatever the test scripts, and records what it was sent:
 * for testing the provider client against exact wire shapes, one reply at a time.
 */
export interface ScriptedServer {
  url: string;
  seen: SeenRequest[];
  /** Sets how the next requests are answered (the last reply repeats). */
  script(...replies: (Reply | ((request: SeenRequest) => Reply))[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const seen: SeenRequest[] = [];
  let replies: (Reply | ((request: SeenRequest) => Reply))[] = [
    { status: 404, body: { status: 'error', message: 'no script' } },
  ];
  let served = 0;
  const server: Server = createServer((request, response) => void answer(request, response));
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readAll(request);
    const entry: SeenRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body,
    };
    seen.push(entry);
    const next = replies[Math.min(served, replies.length - 1)];
    served += 1;
    const reply = typeof next === 'function' ? next(entry) : next;
    if (reply === undefined || reply === 'hang') return;
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(text);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    script(...next) {
      replies = next;
      served = 0;
      seen.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readAll(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
