import { subscribe } from 'node:diagnostics_channel';
import type { ChildMessage } from './spawnProcess.ts';

/**
 * The child's half of the IPC protocol: reports unhandled rejections and uncaught exceptions, answers
 * `stats` (after a full GC, so the heap figure is live memory), and says `ready` with its URL. It also notes
 * the origin of every outgoing request (fetch and node:http), attempted or not, to prove where calls went.
 *
 * @example
 * const ready = childSide();
 * ready(server.url);
 */
export function childSide(): (url: string) => void {
  const send = (message: ChildMessage) => process.send?.(message);
  const origins = new Set<string>();
  subscribe('undici:request:create', (message) => {
    origins.add(String((message as { request: { origin: unknown } }).request.origin));
  });
  subscribe('http.client.request.start', (message) => {
    const { request } = message as {
      request: { protocol: string; host: string; getHeader(name: string): unknown };
    };
    const host = request.getHeader('host');
    origins.add(`${request.protocol}//${typeof host === 'string' ? host : request.host}`);
  });
  process.on('unhandledRejection', (reason) => {
    send({ type: 'fault', kind: 'unhandledRejection', message: String(reason) });
  });
  // Still a crash: report it, then exit as Node would have.
  process.on('uncaughtException', (error) => {
    const message: ChildMessage = { type: 'fault', kind: 'uncaughtException', message: String(error) };
    if (process.send === undefined) process.exit(70);
    else process.send(message, () => process.exit(70));
  });
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stats') return;
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    send({ type: 'stats', heapUsed, rss, handles: process.getActiveResourcesInfo(), origins: [...origins] });
  });
  // The parent's IPC channel must not keep a finished child alive, nor its loss leave an orphan running.
  process.channel?.unref();
  process.on('disconnect', () => process.exit(0));
  return (url) => send({ type: 'ready', url });
}
