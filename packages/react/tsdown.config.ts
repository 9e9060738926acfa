import { packageBuild } from '../../tooling/tsdown.ts';

export default packageBuild({
  // `queries` has no 'use client': Server Components prefetch with it. What both entries use goes into one
  // shared chunk, so there is one BalanceApiError class and one set of keys.
  entry: { index: 'src/index.ts', queries: 'src/queries.ts' },
  platform: 'browser',
  // Left for the app's bundler to replace, as React's and TanStack Query's are: development builds then get
  // the console messages for developers, production builds drop them. (Rolldown would bake in "development".)
  define: { 'process.env.NODE_ENV': 'process.env.NODE_ENV' },
  // Peers and dependencies stay imports; okra-js stays a dynamic import the app's bundler splits off.
  external: [/^react($|\/)/, /^react-dom($|\/)/, '@tanstack/react-query', '@okra-balance/core', 'okra-js'],
  copy: [{ from: 'src/styles.css', to: 'dist/styles.css' }],
});
