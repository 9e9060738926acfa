import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** The bench package: where an app's imports resolve from. */
export const benchDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * esbuild as an app's production build uses it: ESM with code splitting (lazy imports become their own
 * chunks), minified, in memory, with workspace packages resolved from the bench package as an app would.
 * Both the bundle-cost and the widget-page benchmarks build this way, so their figures describe one build.
 */
export const appBuildOptions = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  minify: true,
  write: false,
  outdir: '/out',
  entryNames: 'entry',
  chunkNames: '[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
  absWorkingDir: benchDir,
} as const satisfies BuildOptions;
