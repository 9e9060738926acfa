/** One Server-Sent Event as the browser's EventSource would see it. */
export interface ReadEvent {
  event: string;
  id: string | null;
  data: unknown;
  /** `Date.now()` when the event was parsed. */
  receivedAt: number;
}

/** A stream read as it arrives, for tests. */
export interface EventReader {
  status: number;
  /** Every event so far, in order. */
  events: ReadEvent[];
  /** The first event (from the start) matching, waiting for it; fails after `timeoutMs`. */
  next(match: (event: ReadEvent) => boolean, timeoutMs?: number): Promise<ReadEvent>;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * Opens `GET url` and parses its `text/event-stream` body the way EventSource does (comments skipped, one
 * JSON `data` line per event).
 */
export async function readEvents(url: string, headers: Record<string, string>): Promise<EventReader> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: ReadEvent[] = [];
  const waiters = new Set<(event: ReadEvent) => void>();
  let endStream: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (endStream = resolve));
  if (response.body !== null && response.headers.get('content-type')?.startsWith('text/event-stream')) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const parsed = parseBlock(block);
            if (parsed !== null) {
              events.push(parsed);
              for (const waiter of [...waiters]) waiter(parsed);
            }
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // Aborted by close().
      }
      endStream();
    })();
  } else {
    endStream();
  }
  return {
    status: response.status,
    events,
    next: (match, timeoutMs = 8_000) =>
      new Promise((resolve, reject) => {
        const found = events.find(match);
        if (found !== undefined) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(`Timed out after ${timeoutMs} ms waiting for an event; saw ${JSON.stringify(events)}`),
          );
        }, timeoutMs);
        const waiter = (event: ReadEvent) => {
          if (!match(event)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(event);
        };
        waiters.add(waiter);
      }),
    ended,
    close: () => abort.abort(),
  };
}

function parseBlock(block: string): ReadEvent | null {
  let event = 'message';
  let id: string | null = null;
  let data: string | null = null;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data = data === null ? value : `${data}\n${value}`;
  }
  return data === null ? null : { event, id, data: JSON.parse(data) as unknown, receivedAt: Date.now() };
}
