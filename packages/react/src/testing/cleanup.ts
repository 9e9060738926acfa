import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Vitest globals are off, so Testing Library cannot register its own cleanup: unmount (which also closes any
// widget, a page-wide singleton) and drop spies after every test of a file that imports this.
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
