import { readFileSync } from 'node:fs';
import { sandboxStateSchema, STATE_VERSION, type SandboxState } from './sandboxStateSchema.ts';
import { SandboxStateError } from './SandboxStateError.ts';

/**
 * The saved state at `file`, or null when there is none yet. Anything else that is wrong with the file
 * throws a {@link SandboxStateError} that names the file and the fix; the file is left as it is.
 *
 * @example
 * const saved = readStateFile('data/sandbox.json', 1); // null on the first start
 */
export function readStateFile(file: string, seed: number): SandboxState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file, so there is no state here either; the first write says what is wrong.
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new SandboxStateError(
      file,
      `it cannot be read (${code ?? String(error)})`,
      'Check that it is a file this process may read, or point stateFile at another path.',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SandboxStateError(file, `it is not valid JSON (${(error as Error).message})`);
  }
  const version =
    typeof json === 'object' && json !== null ? (json as { version?: unknown }).version : undefined;
  if (version !== STATE_VERSION) {
    throw new SandboxStateError(
      file,
      `it has version ${JSON.stringify(version) ?? 'none'}, and this sandbox reads version ${STATE_VERSION}`,
    );
  }
  const parsed = sandboxStateSchema.safeParse(json);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const at = issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}: ${issue.message}`;
    throw new SandboxStateError(file, `it does not match the version ${STATE_VERSION} format${at}`);
  }
  if (parsed.data.seed !== seed) {
    throw new SandboxStateError(
      file,
      `it was written by a sandbox with seed ${parsed.data.seed}, and this one has seed ${seed}`,
      `Start with seed ${parsed.data.seed} (--seed ${parsed.data.seed}), or delete it to start fresh.`,
    );
  }
  return parsed.data;
}
