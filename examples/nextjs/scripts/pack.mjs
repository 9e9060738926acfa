#!/usr/bin/env node
// Builds the four @okra-balance packages and packs them into .packed/ under stable names
// (okra-balance-core.tgz, ...), which package.json and package-lock.json point at.
//
//   node scripts/pack.mjs                 build, then pack into examples/nextjs/.packed
//   node scripts/pack.mjs --no-build      pack what is in packages/*/dist (fails if a dist is missing)
//   node scripts/pack.mjs --out DIR       pack into DIR instead (the e2e test packs into its temp copy)
//   node scripts/pack.mjs --update-lock   also re-resolve our four packages in package-lock.json, after
//                                         their dependencies changed (npm install alone keeps the old ones)
//
// The tarballs change with every build, so package-lock.json keeps no integrity for them (npm ci accepts an
// entry without one; everything from the registry stays pinned by its integrity). `npm install` writes the
// integrity back: this script removes it again from the lock next to the example.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = ['core', 'react', 'server', 'sandbox'];
const exampleDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = resolve(exampleDir, '../..');

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const updateLock = args.includes('--update-lock');
const outIndex = args.indexOf('--out');
const out = outIndex === -1 ? join(exampleDir, '.packed') : resolve(args[outIndex + 1] ?? '');
if (outIndex !== -1 && !args[outIndex + 1]) fail('--out needs a folder, e.g. --out .packed');

if (!existsSync(join(repoRoot, 'pnpm-workspace.yaml'))) {
  fail(
    `expected the okra-balance repository at ${repoRoot}; run this script from its examples/nextjs folder`,
  );
}
const pnpm = process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm';
const run = (argv, cwd) => execFileSync(pnpm, argv, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });

if (build) {
  console.warn('building packages/* ...');
  execFileSync(pnpm, ['-r', '--filter', './packages/*', 'run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
}
mkdirSync(out, { recursive: true });
for (const name of PACKAGES) {
  const dir = join(repoRoot, 'packages', name);
  if (!existsSync(join(dir, 'dist', 'index.js'))) {
    fail(
      `packages/${name}/dist is missing: build the packages first (\`pnpm build\` at the repository root), ` +
        'or run this script without --no-build',
    );
  }
  const target = join(out, `okra-balance-${name}.tgz`);
  rmSync(target, { force: true });
  // pnpm (not npm) packs: it rewrites `workspace:*` to the version, as a publish would.
  const packed = JSON.parse(run(['pack', '--json', '--pack-destination', out], dir).toString());
  renameSync(resolve(out, packed.filename), target);
  console.warn(`packed ${target}`);
}

const lockFile = join(exampleDir, 'package-lock.json');
if (updateLock) {
  forgetPacked(lockFile);
  console.warn('npm install --package-lock-only ...');
  execFileSync(
    process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['install', '--package-lock-only', '--no-audit', '--no-fund'],
    {
      cwd: exampleDir,
      stdio: 'inherit',
    },
  );
}
stripPackedIntegrity(lockFile);

/** Drops our packages' entries, so npm reads their manifests from the tarballs again; the rest stays pinned. */
function forgetPacked(file) {
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (entry.resolved?.startsWith('file:.packed/')) delete lock.packages[path];
  }
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
}

/** Drops the integrity of the `file:.packed/...` entries, which would pin one particular pack. */
function stripPackedIntegrity(lockFile) {
  if (!existsSync(lockFile)) return;
  const text = readFileSync(lockFile, 'utf8');
  const lock = JSON.parse(text);
  for (const entry of Object.values(lock.packages ?? {})) {
    if (entry.resolved?.startsWith('file:.packed/')) delete entry.integrity;
  }
  const stripped = `${JSON.stringify(lock, null, 2)}\n`;
  if (stripped !== text) {
    writeFileSync(lockFile, stripped);
    console.warn(`removed the packed tarballs' integrity from ${lockFile}`);
  }
}

function fail(message) {
  console.error(`pack.mjs: ${message}`);
  process.exit(1);
}
