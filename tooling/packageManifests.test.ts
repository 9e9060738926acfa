import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['core', 'react', 'server', 'sandbox'];

// okra-js is pinned on purpose: the widget origin it opens is built into each release.
const pinnedOnPurpose = new Set(['okra-js']);

interface Manifest {
  name: string;
  license?: string;
  repository?: { url?: string; directory?: string };
  homepage?: string;
  bugs?: { url?: string };
  files?: string[];
  dependencies?: Record<string, string>;
}

function manifestOf(name: string): Manifest {
  return JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) as Manifest;
}

describe.each(packages)('the published manifest of %s', (name) => {
  const manifest = manifestOf(name);
  const dir = join(root, 'packages', name);

  it('ships the MIT licence it declares', () => {
    expect(manifest.license).toBe('MIT');
    // npm and pnpm pack a package's LICENSE whatever `files` says.
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('says where it comes from and where to report bugs', () => {
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\//);
    expect(manifest.repository?.directory).toBe(`packages/${name}`);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs?.url).toMatch(/^https:\/\//);
  });

  it('takes its runtime dependencies as ranges, so apps can share one copy', () => {
    const exact = Object.entries(manifest.dependencies ?? {}).filter(
      ([dependency, range]) => /^\d/.test(range) && !pinnedOnPurpose.has(dependency),
    );
    expect(exact).toEqual([]);
  });

  it('links its README only to public addresses or files it ships', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
    const shipped = manifest.files ?? [];
    const unshipped = targets.filter(
      (target) =>
        !/^https:\/\//.test(target) &&
        !target.startsWith('#') &&
        !shipped.some((file) => target.replace(/^\.\//, '').startsWith(file)),
    );
    expect(unshipped).toEqual([]);
    // The files beside the code are not in the tarball, and nor is anything outside this repository.
    expect(readme).not.toMatch(/`(?:\.\.\/)*(?:src|tooling|shared)\/[^`]*`/);
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
  });
});
