import { packageBuild } from '../../tooling/tsdown.ts';

const WEBPACK_IGNORE = '/* webpackIgnore: true */';

// Node: the stores load PGlite and `pg` with a dynamic import(), marked for bundlers to leave alone.
export default packageBuild({
  platform: 'node',
  plugins: [
    {
      // Rolldown keeps webpack's magic comment on an import() but drops Turbopack's: put it back beside it,
      // so neither `next build` nor `next build --webpack` copies PGlite (and breaks its WASM file URL).
      name: 'keep-turbopack-ignore',
      renderChunk: (code) => code.replaceAll(WEBPACK_IGNORE, `${WEBPACK_IGNORE} /* turbopackIgnore: true */`),
    },
  ],
});
