import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/** Copies of the published builds, and an esbuild plugin that bundles them instead of `packages/*\/dist`. */
export interface BuildSnapshot {
  plugin: Plugin;
  remove(): void;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGES = ['core', 'react'];

/**
 * Copies `packages/core/dist` and `packages/react/dist` aside, so a build another process starts meanwhile
 * (it cleans `dist` first) cannot pull the files from under a benchmark. The plugin points
 * `@okra-balance/core` and `@okra-balance/react` at the copies, and resolves the copies' own imports (react,
 * okra-js...) from the real package folders, as an app's bundler would.
 *
 * @example
 * const snapshot = snapshotBuilds(); await build({ ..., plugins: [snapshot.plugin] }); snapshot.remove();
 */
export function snapshotBuilds(): BuildSnapshot {
  const dir = mkdtempSync(join(tmpdir(), 'okra-bench-dist-'));
  for (const name of PACKAGES) {
    const dist = join(root, 'packages', name, 'dist');
    if (!existsSync(join(dist, 'index.js'))) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `Missing packages/${name}/dist: run \`pnpm build\` first (the benchmarks measure the builds).`,
      );
    }
    cpSync(dist, join(dir, name), { recursive: true });
  }
  const owner = (importer: string) => PACKAGES.find((name) => importer.startsWith(join(dir, name)));
  const plugin: Plugin = {
    name: 'okra-balance-build-snapshot',
    setup(build) {
      // Both packages are `"sideEffects": false` for their JavaScript, which the copies (no package.json) would
      // lose: without it esbuild keeps every module a barrel re-exports in the chunk that imports the barrel.
      build.onResolve({ filter: /^@okra-balance\/(core|react)$/ }, (args) => ({
        path: join(dir, args.path.slice('@okra-balance/'.length), 'index.js'),
        sideEffects: false,
      }));
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        const name = owner(args.importer);
        if (name === undefined) return undefined;
        const result = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: join(root, 'packages', name),
        });
        return result.errors.length > 0
          ? { errors: result.errors }
          : { path: result.path, external: result.external };
      });
    },
  };
  return { plugin, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
