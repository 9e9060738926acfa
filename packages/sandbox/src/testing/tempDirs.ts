import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Fresh temp folders for a test file, removed by `cleanup()` (call it in `afterEach`).
 *
 * @example
 * const dirs = tempDirs();
 * afterEach(dirs.cleanup);
 * const file = join(dirs.make(), 'state.json');
 */
export function tempDirs(prefix = 'okra-sandbox-') {
  const made: string[] = [];
  return {
    make(): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
