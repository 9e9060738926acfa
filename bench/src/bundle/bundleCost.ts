import { relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { appBuildOptions, benchDir } from '../harness/appBuildOptions.ts';

/** What an app writes to use a library: an import, and the packages it already has (peers). */
export interface BundleCase {
  name: string;
  /** The app's module, e.g. `export { ConnectBalance, useBalance } from '@okra-balance/react';`. */
  source: string;
  external: string[];
}

/** One output file's cost. */
export interface ChunkCost {
  file: string;
  minBytes: number;
  gzipBytes: number;
}

/** What a case costs: what loads with the page, and what loads later through dynamic imports. */
export interface BundleCost {
  name: string;
  initial: ChunkCost;
  lazy: ChunkCost[];
}

/**
 * Bundles one case with esbuild the way an app build would (ESM, browser, minified, production, code
 * splitting) and gzips each output at level 9. Packages resolve from bench/node_modules: published builds
 * (`dist`), not sources; pass `snapshotBuilds().plugin` to bundle copies of ours.
 *
 * @example
 * const cost = await measureBundle({ name: 'ours', source: "export { useBalance } from '@okra-balance/react';", external: ['react'] });
 */
export async function measureBundle(entry: BundleCase, plugins: Plugin[] = []): Promise<BundleCost> {
  const result = await build({
    entryPoints: ['bench-entry'],
    plugins: [virtualEntry(entry.source), ...plugins],
    ...appBuildOptions,
    metafile: true,
    external: entry.external,
    // No tsconfig: workspace packages must resolve to their published `dist`, as in an app.
    tsconfigRaw: {},
  });
  const costs = new Map(
    result.outputFiles.map((file) => {
      const name = file.path.replace(/^\/out\//, 'out/');
      return [name, costOf(name, file.contents)] as const;
    }),
  );
  const entryFile = 'out/entry.js';
  const staticFiles = reachable(result.metafile, entryFile, 'import-statement');
  const lazyFiles = [...costs.keys()].filter((file) => file.endsWith('.js') && !staticFiles.has(file));
  const initialParts = [...staticFiles].map((file) => costs.get(file)!);
  return {
    name: entry.name,
    initial: {
      file: entryFile,
      minBytes: sum(initialParts.map((part) => part.minBytes)),
      gzipBytes: sum(initialParts.map((part) => part.gzipBytes)),
    },
    lazy: lazyFiles.map((file) => costs.get(file)!),
  };
}

function virtualEntry(source: string): Plugin {
  return {
    name: 'bench-entry',
    setup(build) {
      build.onResolve({ filter: /^bench-entry$/ }, () => ({ path: 'bench-entry', namespace: 'bench' }));
      build.onLoad({ filter: /.*/, namespace: 'bench' }, () => ({
        contents: source,
        loader: 'js',
        resolveDir: benchDir,
      }));
    },
  };
}

/**
 * The outputs loaded with `start` through imports of one kind (static ones: what the page pays for upfront).
 * The metafile names outputs relative to the working directory (`../../out/x.js`); these are `out/x.js`.
 */
function reachable(metafile: Metafile, start: string, kind: string): Set<string> {
  const name = (key: string) => relative('/', resolve(benchDir, key));
  const outputs = new Map(Object.entries(metafile.outputs).map(([key, output]) => [name(key), output]));
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of outputs.get(queue.pop()!)?.imports ?? []) {
      const file = name(next.path);
      if (next.kind !== kind || next.external || seen.has(file)) continue;
      seen.add(file);
      queue.push(file);
    }
  }
  if (outputs.get(start) === undefined) throw new Error(`measureBundle: no output ${start} in the metafile`);
  return seen;
}

function costOf(file: string, contents: Uint8Array): ChunkCost {
  return { file, minBytes: contents.byteLength, gzipBytes: gzipSync(contents, { level: 9 }).byteLength };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
