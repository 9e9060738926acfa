import type { SseStream } from './sseStream.ts';

/** The event streams open in this process, per user, so a user cannot hold unbounded connections. */
export interface StreamRegistry {
  /** Counts the stream for the user; false (and nothing counted) when the user has `max` open already. */
  add(userId: string, stream: SseStream): boolean;
  /** How many streams are open in this process. */
  readonly size: number;
  /** Ends every open stream (the route is closing). */
  closeAll(): void;
}

/**
 * Keeps count of open streams; each is forgotten when it closes, however it closes.
 *
 * @example
 * const streams = createStreamRegistry(10); if (!streams.add(user.id, stream)) refuse();
 */
export function createStreamRegistry(max: number): StreamRegistry {
  const perUser = new Map<string, number>();
  const open = new Set<SseStream>();
  return {
    add(userId, stream) {
      const count = perUser.get(userId) ?? 0;
      if (count >= max) return false;
      perUser.set(userId, count + 1);
      open.add(stream);
      void stream.closed.then(() => {
        open.delete(stream);
        const left = (perUser.get(userId) ?? 1) - 1;
        if (left === 0) perUser.delete(userId);
        else perUser.set(userId, left);
      });
      return true;
    },
    get size() {
      return open.size;
    },
    closeAll() {
      for (const stream of open) stream.close();
    },
  };
}
