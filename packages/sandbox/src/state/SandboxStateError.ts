/**
 * The state file cannot be used: unreadable, not JSON, another version, another seed, or inconsistent. The
 * sandbox refuses to start rather than run without the accounts it promised to remember.
 *
 * @example
 * try {
 *   await startSandbox({ stateFile: 'data/sandbox.json' });
 * } catch (error) {
 *   if (error instanceof SandboxStateError) console.error(error.message); // names the file and the fix
 * }
 */
export class SandboxStateError extends Error {
  override readonly name = 'SandboxStateError';

  constructor(
    /** The state file's path. */
    readonly file: string,
    problem: string,
    fix = 'Delete it to start fresh (the sandbox then forgets the customers and accounts it knew), or restore a good copy.',
  ) {
    super(`Cannot use the sandbox state file ${file}: ${problem}. ${fix}`);
  }
}
