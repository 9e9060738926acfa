import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh temp folder (a PGlite store's home) and its removal.
 *
 * @example
 * const dir = tempDir('pglite'); try { ... } finally { dir.remove(); }
 */
export function tempDir(label: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `okra-bench-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
