import { EVENT_CHANNEL, eventsAfter } from './eventQueries.ts';
import type { SqlClient } from './SqlClient.ts';
import { parseEventPayload, type StoreEvent } from './StoreEvent.ts';

/** The changes a store makes, heard in this process as they commit, from this process or any other. */
export interface ChangeFeed {
  /**
   * True while every process's changes are heard: the database announces them (LISTEN/NOTIFY) and the
   * listening connection is up. A read cache is only safe while it is.
   */
  readonly live: boolean;
  /** Calls `listener` once per change, in this process; returns the unsubscribe. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** Calls `listener` when changes may have been missed (the listening connection broke). */
  onGap(listener: () => void): () => void;
  /** Hands this process's own committed changes to the listeners at once (their NOTIFY echo is ignored). */
  publish(events: readonly StoreEvent[]): void;
  close(): Promise<void>;
}

const SEEN = 4096;
// Announcements from other processes can arrive out of order: catching up re-reads a margin before the newest
// seen, and the seen set drops the repeats.
const CATCH_UP_MARGIN = 1000;

/**
 * Listens on the store's channel (when the client can) and fans each change out to this process's
 * listeners, once. A lost listener is a gap: caches are dropped, and the feed listens again and catches up
 * from the event log.
 *
 * @example
 * const feed = await createChangeFeed(sql); feed.subscribe((event) => console.log(event.kind, event.key));
 */
export async function createChangeFeed(
  sql: SqlClient,
  onError: (error: unknown) => void,
): Promise<ChangeFeed> {
  const listeners = new Set<(event: StoreEvent) => void>();
  const gapListeners = new Set<() => void>();
  const seen = new Set<number>();
  const order: number[] = [];
  let newest = 0;
  let live = false;
  let closed = false;
  let unlisten: (() => Promise<void>) | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const deliver = (event: StoreEvent) => {
    if (seen.has(event.seq)) return;
    seen.add(event.seq);
    order.push(event.seq);
    if (order.length > SEEN) seen.delete(order.shift() ?? 0);
    newest = Math.max(newest, event.seq);
    for (const listener of listeners) listener(event);
  };

  const start = async (delayMs: number): Promise<void> => {
    if (closed || sql.listen === undefined) return;
    try {
      unlisten = await sql.listen(
        EVENT_CHANNEL,
        (payload) => {
          const event = parseEventPayload(payload);
          if (event !== null) deliver(event);
        },
        (error) => {
          live = false;
          unlisten = null;
          for (const listener of gapListeners) listener();
          onError(error);
          schedule(Math.max(delayMs, 250));
        },
      );
      if (newest > 0) {
        for (const event of await eventsAfter(sql, newest - CATCH_UP_MARGIN, 10_000)) deliver(event);
      }
      live = !closed;
    } catch (error) {
      onError(error);
      schedule(Math.max(delayMs, 250));
    }
  };
  const schedule = (lastDelayMs: number) => {
    if (closed) return;
    const delayMs = Math.min(lastDelayMs * 2, 5_000);
    retry = setTimeout(() => void start(delayMs), delayMs);
    retry.unref?.();
  };

  await start(0);
  return {
    get live() {
      return live;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onGap(listener) {
      gapListeners.add(listener);
      return () => gapListeners.delete(listener);
    },
    publish(events) {
      for (const event of events) deliver(event);
    },
    async close() {
      closed = true;
      live = false;
      if (retry !== null) clearTimeout(retry);
      await unlisten?.();
    },
  };
}
