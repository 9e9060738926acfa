/** A bound on work in flight at once (provider calls made inside requests). */
export interface Gate {
  /** A release function when there is room, or null when the gate is full. */
  enter(): (() => void) | null;
}

/**
 * At most `max` holders at once.
 *
 * @example
 * const release = gate.enter(); if (release === null) throw busy; try { ... } finally { release(); }
 */
export function createGate(max: number): Gate {
  let inside = 0;
  return {
    enter() {
      if (inside >= max) return null;
      inside++;
      let released = false;
      return () => {
        if (!released) inside--;
        released = true;
      };
    },
  };
}
