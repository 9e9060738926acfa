// Size budgets, checked by `pnpm size` (part of `pnpm test`). Build the packages first.
//
// The React package imports three things lazily: okra-js, the code only a click needs (dist/showWidget-*.js:
// the okra-js options, the widget driver, the result normalizer), and the live stream's code, which a mounted
// page imports in an effect (dist/balanceStream-*.js). What loads with the page is measured with
// all three left out, as an app's bundler splits them off; each lazy part is its chunk with what it takes from
// core. `pnpm bench` measures the same split the way an app's bundler makes it, beside react-plaid-link.
// `check:package` (scripts/checkEntries.mjs) checks that okra-js is only ever imported lazily.

const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'];

/** @type {import('esbuild').Plugin} */
const lazyChunkOutside = {
  name: 'lazy-widget-chunk-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/(showWidget|balanceStream)-[\w-]+\.js$/ }, ({ path }) => ({
      path,
      external: true,
    }));
  },
};

/** @param {import('esbuild').BuildOptions} config */
const asPublished = (config) => ({
  ...config,
  // Resolve @okra-balance/core as an app would, to its published dist, not through the repo's tsconfig paths.
  tsconfigRaw: {},
  plugins: [...(config.plugins ?? []), lazyChunkOutside],
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
    name: '@okra-balance/react: ConnectBalance + useBalance, loaded with the page (core included, peers excluded)',
    path: 'packages/react/dist/index.js',
    import: '{ ConnectBalance, useBalance }',
    ignore: [...peers, 'okra-js'],
    modifyEsbuildConfig: asPublished,
    // Was 3.2 kB, held under react-plaid-link's page-load bytes in `pnpm bench` (3.43 kB there, where our part
    // is fetched as three files and counts about 0.2 kB more than this one bundle). Raised by 0.2 kB for live
    // balances: the hook that opens the stream (whose code loads apart, below), a balance filled from the list
    // not asked for again, a refresh answer never undoing what the stream already brought.
    limit: '3.4 kB',
    gzip: true,
  },
  {
    name: '@okra-balance/react: the widget code a click loads beside okra-js (core included)',
    path: 'packages/react/dist/showWidget-*.js',
    import: '{ showWidget }',
    ignore: peers,
    modifyEsbuildConfig: asPublished,
    limit: '1.9 kB',
    gzip: true,
  },
  {
    name: '@okra-balance/react: the live stream a mounted page loads after it (core included)',
    path: 'packages/react/dist/balanceStream-*.js',
    import: '{ subscribeBalanceStream }',
    ignore: peers,
    modifyEsbuildConfig: asPublished,
    limit: '1 kB',
    gzip: true,
  },
  {
    name: '@okra-balance/react/queries: what a Server Component prefetches with (core included, peers excluded)',
    path: 'packages/react/dist/queries.js',
    import: '{ accountsQueryOptions, balanceQueryOptions, balanceKeys }',
    ignore: peers,
    modifyEsbuildConfig: asPublished,
    // Was 1.3 kB; raised by 0.1 kB: the list's answer now fills each account's balance query.
    limit: '1.4 kB',
    gzip: true,
  },
  {
    name: 'okra-js 2.1.1 on its own',
    path: 'packages/react/node_modules/okra-js/dist/bundle.js',
    limit: '2.5 kB',
    gzip: true,
  },
];
