import { act } from '@testing-library/react';
import { vi } from 'vitest';

/**
 * Moves fake timers on by `ms` inside `act`. Response bodies are read on Node's real event loop, which fake
 * timers do not drive: it lets that turn too, so every answer due by then has arrived and rendered.
 */
export const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
    for (let turn = 0; turn < 3; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(0);
    }
  });
