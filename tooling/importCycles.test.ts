import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['core', 'react', 'server', 'sandbox'];

// Static imports and re-exports of relative modules, type-only ones included: a loop of `import type` is
// still a loop a reader has to untangle. A lazy `import()` is not a load-time edge and is left out.
const IMPORT = /^\s*(?:import|export)\s[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gm;

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesOf(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|stories|test-d)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every import cycle among a package's modules, each as the files around it. */
function cyclesIn(pkg: string): string[][] {
  const src = join(root, 'packages', pkg, 'src');
  const graph = new Map<string, string[]>();
  for (const file of sourcesOf(src)) {
    const text = readFileSync(file, 'utf8');
    graph.set(
      file,
      [...text.matchAll(IMPORT)].map((match) => resolve(dirname(file), match[1] ?? '')),
    );
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push(path.slice(path.indexOf(file)).map((each) => each.slice(src.length + 1)));
      return;
    }
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next);
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file);
  return cycles;
}

describe('imports inside each package', () => {
  it.each(PACKAGES)('%s has no import cycle', (pkg) => {
    expect(cyclesIn(pkg)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const text =
      "import type { A } from './a.ts';\nexport { b } from '../b.ts';\nconst lazy = import('./c.ts');";
    expect([...text.matchAll(IMPORT)].map((match) => match[1])).toEqual(['./a.ts', '../b.ts']);
  });
});
