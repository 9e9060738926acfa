// Size budgets, checked by `pnpm size` (part of `pnpm test`). Build the packages first.
//
// size-limit bundles each entry with esbuild into one file by default, so a lazy `import()` would be
// inlined and counted as if it loaded up front. The React entries are built the way an app's bundler builds
// them instead: ESM with code splitting, lazy imports as their own chunks. `onlyPart` then keeps in the
// build's metafile (whose outputs are the files size-limit measures) either the eager part (the entry and
// every chunk it imports statically) or the lazy rest.
//
// @okra-balance/core is counted as published: one file per module behind an `export *` barrel (built with
// tsc), so a bundler splits it like the React code: what only the widget uses (normalizeLinkResult, the okra
// descriptor, originOf) goes into the lazy chunk.

import { resolve } from 'node:path';

const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'];
// What must only ever arrive through a lazy `import()`, bundled or not.
const LAZY = /(^|\/)okra-js(\/|$)/;

/**
 * @param {'eager' | 'lazy'} part
 * @returns {import('esbuild').Plugin}
 */
function onlyPart(part) {
  return {
    name: `only-${part}-chunks`,
    setup(build) {
      const cwd = build.initialOptions.absWorkingDir ?? process.cwd();
      const { entryPoints } = build.initialOptions;
      const roots = new Set(
        (Array.isArray(entryPoints) ? entryPoints : []).map((file) => resolve(cwd, file)),
      );
      build.onEnd((result) => {
        const outputs = result.metafile?.outputs ?? {};
        // esbuild marks lazy chunks as entry points too: the roots are the entries size-limit asked for.
        const entries = Object.keys(outputs).filter((file) => {
          const source = outputs[file]?.entryPoint;
          return source !== undefined && roots.has(resolve(cwd, source));
        });
        if (entries.length === 0) throw new Error('size-limit: no output of the entry found in the metafile');
        const eager = new Set();
        const visit = (/** @type {string} */ file) => {
          if (eager.has(file) || !(file in outputs)) return;
          eager.add(file);
          for (const { path, kind } of outputs[file]?.imports ?? []) {
            if (kind === 'import-statement') visit(path);
          }
        };
        entries.forEach(visit);
        for (const file of eager) {
          const early = outputs[file]?.imports.find(
            ({ path, kind }) => kind !== 'dynamic-import' && LAZY.test(path),
          );
          const inlined = Object.keys(outputs[file]?.inputs ?? {}).find((input) => LAZY.test(input));
          if (early || inlined) throw new Error(`size-limit: okra-js is loaded up front (${file})`);
        }
        for (const file of Object.keys(outputs)) {
          if (file.endsWith('.map') || eager.has(file) !== (part === 'eager')) delete outputs[file];
        }
      });
    },
  };
}

/** @param {'eager' | 'lazy'} part */
const split = (part) => (/** @type {import('esbuild').BuildOptions} */ config) => ({
  ...config,
  splitting: true,
  format: /** @type {const} */ ('esm'),
  // Resolve @okra-balance/core as an app would, to its published dist, not through the repo's tsconfig paths.
  tsconfigRaw: {},
  plugins: [...(config.plugins ?? []), onlyPart(part)],
});

export default [
  {
    name: '@okra-balance/core: formatMoney + normalizeLinkResult',
    path: 'packages/core/dist/index.js',
    import: '{ formatMoney, normalizeLinkResult }',
    limit: '2 kB',
    gzip: true,
  },
  {
    name: '@okra-balance/react: ConnectBalance + useBalance, loaded up front (core included, peers excluded)',
    path: 'packages/react/dist/index.js',
    import: '{ ConnectBalance, useBalance }',
    // okra-js is left out as well (the next entry counts it); a static import of it fails this check.
    ignore: [...peers, 'okra-js'],
    modifyEsbuildConfig: split('eager'),
    limit: '3 kB',
    gzip: true,
  },
  {
    name: '@okra-balance/react: the lazy chunks the widget loads on hover, focus or click (with okra-js)',
    path: 'packages/react/dist/index.js',
    import: '{ ConnectBalance, useBalance }',
    // okra-js bundled: esbuild then also puts its CommonJS wrapper (about 0.1 kB) into a chunk it loads
    // up front, which neither entry counts.
    ignore: peers,
    modifyEsbuildConfig: split('lazy'),
    limit: '4.5 kB',
    gzip: true,
  },
  {
    name: '@okra-balance/react/queries: what a Server Component prefetches with (core included, peers excluded)',
    path: 'packages/react/dist/queries.js',
    import: '{ accountsQueryOptions, balanceQueryOptions, balanceKeys }',
    ignore: peers,
    modifyEsbuildConfig: split('eager'),
    limit: '1.2 kB',
    gzip: true,
  },
  {
    name: 'okra-js 2.1.1 on its own',
    path: 'packages/react/node_modules/okra-js/dist/bundle.js',
    limit: '2.5 kB',
    gzip: true,
  },
];
