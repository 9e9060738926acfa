import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgliteStore } from './createPgliteStore.ts';

describe('createPgliteStore', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folders of a dataDir that does not exist yet, and opens it again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'okra-pglite-dir-'));
    made.push(root);
    const dataDir = join(root, '.data', 'balance');
    const first = await createPgliteStore({ dataDir });
    await first.ping();
    await first.close();
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    const again = await createPgliteStore({ dataDir });
    await again.ping();
    await again.close();
  });
});
