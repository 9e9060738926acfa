// Checks the built entries (run by `check:package`, after `build`): the main entry keeps 'use client'; the
// `queries` entry, and every chunk it loads, has no directive and imports nothing but TanStack Query and core,
// so a Server Component can prefetch with it; both entries share one copy of the code; and okra-js is only
// ever imported lazily (a static import would load it with every page, and break server rendering).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const allowed = new Set(['@tanstack/react-query', '@okra-balance/core']);
const problems = [];
const startsWithUseClient = (code) => /^\s*(['"])use client\1/.test(code);

if (!startsWithUseClient(readFileSync(join(dist, 'index.js'), 'utf8'))) {
  problems.push("dist/index.js must start with 'use client'");
}

const seen = new Set();
const visit = (file) => {
  if (seen.has(file)) return;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  if (startsWithUseClient(code)) problems.push(`dist/${file} (loaded by queries) starts with 'use client'`);
  for (const [, specifier] of code.matchAll(/\b(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?['"]([^'"]+)['"]/g)) {
    if (specifier.startsWith('./')) visit(specifier.slice(2));
    else if (!allowed.has(specifier)) problems.push(`dist/${file} (loaded by queries) imports ${specifier}`);
  }
  if (/\bimport\s*\(/.test(code)) problems.push(`dist/${file} (loaded by queries) has a dynamic import`);
};
visit('queries.js');

// The code without its comments, whose examples may well show an import.
const codeOf = (file) => readFileSync(join(dist, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
for (const file of readdirSync(dist).filter((name) => name.endsWith('.js'))) {
  const code = codeOf(file);
  if (/\b(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?['"]okra-js['"]/.test(code)) {
    problems.push(`dist/${file} imports okra-js statically`);
  }
}
const lazyOkra = codeOf('index.js').match(/\bimport\(\s*['"]okra-js['"]\s*\)/g);
if (lazyOkra?.length !== 1) problems.push('dist/index.js must import okra-js lazily, once');

const main = await import(pathToFileURL(join(dist, 'index.js')).href);
const queries = await import(pathToFileURL(join(dist, 'queries.js')).href);
for (const name of Object.keys(queries)) {
  if (main[name] !== queries[name]) problems.push(`${name} differs between the two entries`);
}
if (!(new queries.BalanceApiError('network_error', 0, 'x') instanceof main.BalanceApiError)) {
  problems.push('a BalanceApiError from queries is not an instance of the main entry’s class');
}

if (problems.length > 0) {
  console.error(`check-entries:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
process.stdout.write(
  `check-entries: queries loads ${[...seen].join(', ')}; shares ${Object.keys(queries).length} exports\n`,
);
