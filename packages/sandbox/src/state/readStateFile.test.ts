import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../startSandbox.ts';
import { tempDirs } from '../testing/tempDirs.ts';
import { SandboxStateError } from './SandboxStateError.ts';
import type { SandboxState } from './sandboxStateSchema.ts';

const dirs = tempDirs('okra-sandbox-badstate-');
afterEach(() => dirs.cleanup());

/** A good state file from a real sandbox, to break in one place. */
async function goodState(file: string): Promise<SandboxState> {
  const sandbox = await startSandbox({ stateFile: file, customers: 1 });
  await sandbox.close();
  return JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
}

async function refusal(file: string, options = {}): Promise<SandboxStateError> {
  const error: unknown = await startSandbox({ stateFile: file, ...options }).then(
    async (sandbox) => {
      await sandbox.close();
      return null;
    },
    (caught: unknown) => caught,
  );
  if (!(error instanceof SandboxStateError))
    throw new Error(`expected a SandboxStateError, got ${String(error)}`);
  return error;
}

describe('a state file the sandbox cannot use', () => {
  it.each([
    ['cut short', '{"version":1,"seed":1,"custo', /not valid JSON/],
    ['empty', '', /not valid JSON/],
    ['of another version', '{"version":2,"seed":1}', /version 2, and this sandbox reads version 1/],
    ['without a version', '[1,2,3]', /version none/],
  ])('refuses one that is %s, names the file and the fix, and leaves it alone', async (_name, text, why) => {
    const file = join(dirs.make(), 'sandbox.json');
    writeFileSync(file, text);
    const error = await refusal(file);
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(why);
    expect(error.message).toContain('Delete it to start fresh');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses one whose fields do not match the format, saying where', async () => {
    const file = join(dirs.make(), 'sandbox.json');
    const state = await goodState(file);
    writeFileSync(file, JSON.stringify({ ...state, accounts: [{ ...state.accounts[0], nuban: 'abc' }] }));
    expect((await refusal(file)).message).toMatch(
      /does not match the version 1 format at accounts\.0\.nuban/,
    );
  });

  it('refuses one whose documents point at nothing', async () => {
    const file = join(dirs.make(), 'sandbox.json');
    const state = await goodState(file);
    writeFileSync(file, JSON.stringify({ ...state, customers: [] }));
    expect((await refusal(file)).message).toMatch(/belongs to customer \w+, who is not in the file/);
  });

  it('refuses one written with another seed, naming the seed to use', async () => {
    const file = join(dirs.make(), 'sandbox.json');
    await goodState(file);
    expect((await refusal(file, { seed: 2 })).message).toMatch(/seed 1, and this one has seed 2.*--seed 1/);
  });

  it('refuses, at start, a path it cannot write or read', async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, 'plain-file'), '');
    expect((await refusal(join(dir, 'plain-file', 'sandbox.json'))).message).toMatch(/cannot be written/);
    mkdirSync(join(dir, 'a-folder'));
    expect((await refusal(join(dir, 'a-folder'))).message).toMatch(/cannot be read \(EISDIR\)/);
  });
});
