import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './nextApp.ts';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['core', 'react', 'server', 'sandbox'];
/** What a user's checkout would not have, or what the test makes itself. */
const SKIPPED = /^(node_modules|\.next|\.packed|\.data|e2e|next-env\.d\.ts|.*\.tsbuildinfo)$/;
const DEPENDENCY_FIELDS = [
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
];

type LockEntry = Record<string, unknown> & { resolved?: string; integrity?: string };

/**
 * Copies the example to `dir` (outside the repository, so nothing resolves through the workspace), packs the
 * built packages into its .packed/, checks the committed lock still describes them, and runs `npm ci`.
 * Resolves with the time of each step (ms).
 */
export async function installExample(dir: string): Promise<{ pack: number; install: number }> {
  cpSync(exampleDir, dir, {
    recursive: true,
    filter: (source) => !SKIPPED.test(relative(exampleDir, source).split('/')[0] ?? ''),
  });
  const pack = await run(
    process.execPath,
    [join(exampleDir, 'scripts/pack.mjs'), '--no-build', '--out', join(dir, '.packed')],
    {
      cwd: dir,
    },
  );
  checkLock(dir);
  const install = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir });
  return { pack, install };
}

/** Fails with the fix when package-lock.json pins one pack of ours, or lists other dependencies than a tarball. */
function checkLock(dir: string): void {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const fix = 'Run `node scripts/pack.mjs --update-lock` in examples/nextjs and commit package-lock.json.';
  for (const name of PACKAGES) {
    const entry = lock.packages[`node_modules/@okra-balance/${name}`];
    if (entry?.resolved !== `file:.packed/okra-balance-${name}.tgz`) {
      throw new Error(`package-lock.json does not resolve @okra-balance/${name} to its tarball. ${fix}`);
    }
    if (entry.integrity !== undefined) {
      throw new Error(`package-lock.json pins one pack of @okra-balance/${name} (integrity). ${fix}`);
    }
    const manifest = JSON.parse(
      execFileSync('tar', [
        '-xzOf',
        join(dir, `.packed/okra-balance-${name}.tgz`),
        'package/package.json',
      ]).toString(),
    ) as Record<string, unknown>;
    for (const field of DEPENDENCY_FIELDS) {
      const packed = JSON.stringify(sorted(manifest[field]));
      const locked = JSON.stringify(sorted(entry[field]));
      if (packed !== locked) {
        throw new Error(
          `package-lock.json is out of date: @okra-balance/${name} ${field} is ${packed} in the tarball, ${locked} in the lock. ${fix}`,
        );
      }
    }
  }
}

function sorted(value: unknown): unknown {
  if (value === undefined) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
  );
}
