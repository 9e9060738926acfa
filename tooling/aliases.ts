import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Resolves each `@okra-balance/*` package's main entry to its source, so tests and Storybook run the code as
 * written, before any build. Mirrors the `paths` in tsconfig.base.json. Subpaths (a stylesheet, say) resolve
 * through the package's own exports.
 */
export function workspaceAliases(root: string): { find: RegExp; replacement: string }[] {
  const packages = join(root, 'packages');
  return readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      find: new RegExp(`^@okra-balance/${entry.name}$`),
      replacement: join(packages, entry.name, 'src', 'index.ts'),
    }));
}
