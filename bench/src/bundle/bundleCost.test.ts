import type { Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { measureBundle } from './bundleCost.ts';

// Three small modules an app could import: `shared` is used both up front and by the lazily imported `later`,
// so esbuild puts it in a chunk of its own that the entry imports statically.
const modules: Record<string, string> = {
  shared: `export const shared = (x) => ['shared', x, ${JSON.stringify('s'.repeat(400))}].join(':');`,
  later: `import { shared } from 'virtual:shared'; export const later = () => shared(${JSON.stringify('l'.repeat(300))});`,
};
const virtualModules: Plugin = {
  name: 'virtual-modules',
  setup(build) {
    build.onResolve({ filter: /^virtual:/ }, (args) => ({ path: args.path.slice(8), namespace: 'virtual' }));
    build.onLoad({ filter: /.*/, namespace: 'virtual' }, (args) => ({
      contents: modules[args.path] ?? '',
      loader: 'js',
    }));
  },
};

describe('measureBundle', () => {
  it('counts a shared chunk the entry imports statically as loaded with the page, not as lazy', async () => {
    const cost = await measureBundle(
      {
        name: 'shared chunk',
        source:
          "import { shared } from 'virtual:shared';\n" +
          "export const now = shared('now');\n" +
          "export const soon = () => import('virtual:later');",
        external: [],
      },
      [virtualModules],
    );
    expect(cost.lazy.map((chunk) => chunk.file)).toEqual([expect.stringMatching(/^out\/later-\w+\.js$/)]);
    // The entry alone is a few dozen bytes; with the shared chunk it holds the 400 "s".
    expect(cost.initial.minBytes).toBeGreaterThan(400);
  });
});
