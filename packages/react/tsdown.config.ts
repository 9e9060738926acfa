import { packageBuild } from '../../tooling/tsdown.ts';

export default packageBuild({
  platform: 'browser',
  // Peers and dependencies stay imports; okra-js stays a dynamic import the app's bundler splits off.
  external: [/^react($|\/)/, /^react-dom($|\/)/, '@tanstack/react-query', '@okra-balance/core', 'okra-js'],
  copy: [{ from: 'src/styles.css', to: 'dist/styles.css' }],
});
