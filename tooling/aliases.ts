import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Alias = { find: RegExp; replacement: string };

/**
 * Resolves each `@okra-balance/*` package to its source, so tests, Storybook and the demo run the code as
 * written, before any build: the main entry (mirroring the `paths` in tsconfig.base.json) and every subpath
 * export whose built file has a source twin (`./styles.css` → `src/styles.css`, `./queries` → `src/queries.ts`).
 * Without the subpaths, `@okra-balance/react/styles.css` would need a `dist/` that a fresh clone does not have.
 */
export function workspaceAliases(root: string): Alias[] {
  const packages = join(root, 'packages');
  return readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => packageAliases(join(packages, entry.name), entry.name));
}

function packageAliases(dir: string, name: string): Alias[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    exports?: Record<string, unknown>;
  };
  const subpaths = Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
    if (subpath === '.' || subpath === './package.json') return [];
    const source = sourceOf(dir, builtFileOf(target));
    return source === null
      ? []
      : [{ find: exactly(`@okra-balance/${name}${subpath.slice(1)}`), replacement: source }];
  });
  return [...subpaths, { find: exactly(`@okra-balance/${name}`), replacement: join(dir, 'src', 'index.ts') }];
}

/** The built file an export points at: a string, or the `default` of a conditions object. */
function builtFileOf(target: unknown): string | null {
  if (typeof target === 'string') return target;
  const conditions = target as { default?: unknown } | null;
  return typeof conditions?.default === 'string' ? conditions.default : null;
}

/** `./dist/x.css` → `src/x.css`; `./dist/x.js` → `src/x.ts` (or `.tsx`); null when no such source exists. */
function sourceOf(dir: string, built: string | null): string | null {
  if (built === null || !built.startsWith('./dist/')) return null;
  const path = join(dir, 'src', built.slice('./dist/'.length));
  const candidates = path.endsWith('.js')
    ? [path.replace(/\.js$/, '.ts'), path.replace(/\.js$/, '.tsx')]
    : [path];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

function exactly(specifier: string): RegExp {
  return new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
}
