import { createRequire } from 'node:module';

// pnpm installed react-dom 18 beside React 19 (the workspace's peer), so the require() calls inside CommonJS
// packages (react-dom itself, Testing Library) would load the 19 copies. In the unit-react18 project, send
// every CommonJS `react` and `react-dom` request to the 18 copies; Vite's aliases cover ESM imports.
const require = createRequire(import.meta.url);
const Module = require('node:module') as {
  _resolveFilename: (request: string, ...rest: unknown[]) => string;
};
const home = (name: string) => require.resolve(`${name}/package.json`).slice(0, -'/package.json'.length);
const copies = { react: home('react-18'), 'react-dom': home('react-dom-18') };
const resolve = Module._resolveFilename;
Module._resolveFilename = (request, ...rest) => {
  const match = /^(react|react-dom)(\/.*)?$/.exec(request);
  return resolve(match ? copies[match[1] as keyof typeof copies] + (match[2] ?? '') : request, ...rest);
};
