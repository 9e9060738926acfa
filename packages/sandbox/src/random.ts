/**
 * Seeded randomness, so every fixture, id and balance move is the same for the same seed. Two flavours: a
 * stream (`createRandom`) for things made in order, and `hashUnit` for values looked up by key, which stay
 * the same whatever order they are asked for in.
 */

/** A stream of numbers in [0, 1) from a seed (mulberry32). */
export interface Random {
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `length` lower-case hex digits. */
  hex(length: number): string;
  /** Where the stream is now: `createRandom(random.state())` continues it exactly. */
  state(): number;
}

/**
 * @example
 * const random = createRandom(42);
 * random.int(1, 6); // the same on every run with seed 42
 * const resumed = createRandom(random.state()); // draws what `random` would draw next
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError('pick needs a non-empty list');
      return item;
    },
    hex(length: number): string {
      let out = '';
      while (out.length < length) out += int(0, 15).toString(16);
      return out;
    },
    state: () => state,
  };
}

/** A 32-bit FNV-1a hash of the parts, joined. */
export function hash32(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('\u0000')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A number in [0, 1) fixed by its key.
 *
 * @example
 * hashUnit(1, 'account-7', 'step', 3) === hashUnit(1, 'account-7', 'step', 3); // true
 */
export function hashUnit(...parts: readonly (string | number)[]): number {
  return createRandom(hash32(...parts)).next();
}
