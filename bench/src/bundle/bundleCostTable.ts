import type { Plugin } from 'esbuild';
import type { Table } from '../harness/printTable.ts';
import { measureBundle, type BundleCase, type BundleCost } from './bundleCost.ts';

const PEERS = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'];

/** The imports compared: ours, and how the two best-known widget bindings are used in their docs. */
export const BUNDLE_CASES: BundleCase[] = [
  {
    name: '@okra-balance/react: ConnectBalance + useBalance',
    source: "export { ConnectBalance, useBalance } from '@okra-balance/react';",
    external: PEERS,
  },
  {
    name: 'react-plaid-link 5.0.0: PlaidLink + usePlaidLink',
    source: "export { PlaidLink, usePlaidLink } from 'react-plaid-link';",
    external: PEERS,
  },
  {
    name: '@stripe/react-stripe-js 7.0.1: Elements + PaymentElement + useStripe',
    source: "export { Elements, PaymentElement, useStripe } from '@stripe/react-stripe-js';",
    external: PEERS,
  },
  {
    name: '  the same + loadStripe (@stripe/stripe-js 10.2.1)',
    source:
      "export { Elements, PaymentElement, useStripe } from '@stripe/react-stripe-js';\n" +
      "export { loadStripe } from '@stripe/stripe-js';",
    external: PEERS,
  },
];

/**
 * Benchmark 1: min+gzip bytes of each import, and of the chunks it loads later, all bundled by one esbuild
 * in one run.
 *
 * @example
 * printTable(await bundleCostTable([snapshotBuilds().plugin]));
 */
export async function bundleCostTable(plugins: Plugin[] = []): Promise<Table> {
  const costs: BundleCost[] = [];
  for (const entry of BUNDLE_CASES) costs.push(await measureBundle(entry, plugins));
  const ours = costs[0]!;
  const rows = costs.map((cost) => {
    const lazyGzip = cost.lazy.reduce((total, chunk) => total + chunk.gzipBytes, 0);
    const parts = cost.lazy.map((chunk) => `${chunkName(chunk.file)} ${chunk.gzipBytes}`).join(' + ');
    return [
      cost.name,
      String(cost.initial.minBytes),
      String(cost.initial.gzipBytes),
      cost.lazy.length === 0 ? '–' : `${lazyGzip} (${parts})`,
      (cost.initial.gzipBytes / ours.initial.gzipBytes).toFixed(2),
    ];
  });
  return {
    title: 'Bundle cost (esbuild, ESM, minified, gzip -9; react, react-dom, TanStack Query external)',
    headers: ['import', 'min bytes', 'min+gzip bytes', 'lazy chunks, gzip bytes', 'gzip vs ours'],
    rows,
    notes: [
      'Loaded with the page: the entry and every chunk it imports statically (gzipped apart, as they are fetched).',
      'Lazy chunks load on demand: ours are okra-js 2.1.1 and the widget code a click needs (showWidget), fetched',
      "on hover, focus or click. Plaid's link-initialize.js and Stripe's js.stripe.com/v3 come from their CDNs at",
      'run time: they are not on npm, so they are not counted here (this machine has no internet).',
    ],
  };
}

/** `out/okra-js-AB12CD34.js` → `okra-js`: the chunk's source name without esbuild's hash. */
function chunkName(file: string): string {
  const name = file.replace(/^out\//, '').replace(/(-[A-Za-z0-9_]{8})+\.js$/, '');
  return name === 'chunk' ? 'shared' : name;
}
