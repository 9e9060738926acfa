/** One Server-Sent Events connection, as a Response body the route can write to. */
export interface SseStream {
  /** The body of the `text/event-stream` response. */
  body: ReadableStream<Uint8Array>;
  /** Writes one event; false once the stream is closed. */
  send(event: { event: string; data: unknown; id?: string; retry?: number }): boolean;
  /** Writes a comment line (a keep-alive that EventSource ignores). */
  comment(text: string): boolean;
  close(): void;
  /** Resolves when the client went away or `close()` was called. */
  closed: Promise<void>;
}

// A client that reads nothing while this much is queued is dropped: it reconnects with its last id and resumes,
// which costs less than memory that grows without bound.
const MAX_QUEUED_BYTES = 1 << 20;

/**
 * A Server-Sent Events body over a plain `ReadableStream`, so it works wherever a Fetch `Response` does (Node,
 * Next.js route handlers, Bun, Deno).
 *
 * @example
 * const stream = sseStream(); stream.send({ event: 'ready', data: { resumed: false } });
 * return new Response(stream.body, { headers: { 'content-type': 'text/event-stream' } });
 */
export function sseStream(): SseStream {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let open = true;
  let finish: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (finish = resolve));
  const end = () => {
    if (!open) return;
    open = false;
    finish();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => void (controller = c),
      cancel: end,
    },
    { highWaterMark: MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength },
  );
  const write = (text: string): boolean => {
    if (!open || controller === null) return false;
    controller.enqueue(encoder.encode(text));
    if ((controller.desiredSize ?? 0) <= 0) close();
    return open;
  };
  const close = () => {
    if (!open) return;
    end();
    try {
      controller?.close();
    } catch {
      // Already cancelled by the client.
    }
  };
  return {
    body,
    send({ event, data, id, retry }) {
      const lines = [`event: ${event}`, `data: ${JSON.stringify(data)}`];
      if (id !== undefined) lines.push(`id: ${id}`);
      if (retry !== undefined) lines.push(`retry: ${retry}`);
      return write(`${lines.join('\n')}\n\n`);
    },
    comment: (text) => write(`: ${text.replace(/[\r\n]/g, ' ')}\n\n`),
    close,
    closed,
  };
}
