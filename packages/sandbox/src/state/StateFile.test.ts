import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../testing/providerClient.ts';
import { tempDirs } from '../testing/tempDirs.ts';
import { StateFile } from './StateFile.ts';

const dirs = tempDirs('okra-sandbox-statefile-');
afterEach(() => dirs.cleanup());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A state big enough that writing it takes many system calls, so a torn write would be visible. */
function bigState(version: number) {
  return {
    version,
    rows: Array.from({ length: 4_000 }, (_, i) => ({ i, text: `row ${i} of version ${version}` })),
  };
}

// Reads and parses the file as fast as it can until told to stop, from another process, as a tool would.
const READER = `
const { readFileSync, existsSync } = require('node:fs');
const [file, stop] = process.argv.slice(1);
let reads = 0, torn = 0; const seen = new Set();
process.stdout.write('ready\\n');
while (!existsSync(stop)) {
  reads += 1;
  try { seen.add(JSON.parse(readFileSync(file, 'utf8')).version); } catch { torn += 1; }
}
process.stdout.write(JSON.stringify({ reads, torn, versions: seen.size }) + '\\n');
`;

describe('StateFile', () => {
  it('writes a burst of changes once, after the delay, with the latest state', async () => {
    const file = join(dirs.make(), 'state.json');
    let state = 0;
    const stateFile = new StateFile(file, () => ({ state }), 20);
    for (let i = 0; i < 100; i += 1) {
      state += 1;
      stateFile.changed();
    }
    expect(stateFile.writes).toBe(0);
    await eventually(() => (stateFile.writes > 0 ? true : undefined));
    await pause(40);
    expect(stateFile.writes).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ state: 100 });
    state += 1;
    stateFile.changed();
    stateFile.close();
    expect(stateFile.writes).toBe(2);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ state: 101 });
    stateFile.changed();
    stateFile.close();
    await pause(40);
    expect(stateFile.writes).toBe(2);
  });

  it('replaces the file whole: a reader in another process never sees a partial file', async () => {
    const dir = dirs.make();
    const file = join(dir, 'state.json');
    const stop = join(dir, 'stop');
    let version = 0;
    const stateFile = new StateFile(file, () => bigState(version), 0);
    stateFile.saveNow();
    const reader = spawn(process.execPath, ['-e', READER, file, stop], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    reader.stdout.setEncoding('utf8');
    reader.stdout.on('data', (chunk: string) => (out += chunk));
    const exited = new Promise((resolve) => reader.once('exit', resolve));
    await eventually(() => (out.startsWith('ready') ? true : undefined));
    let replaced = 0;
    for (version = 1; version <= 40; version += 1) {
      const before = statSync(file).ino;
      stateFile.saveNow();
      if (statSync(file).ino !== before) replaced += 1;
      await pause(1);
    }
    writeFileSync(stop, '');
    await exited;
    const result = JSON.parse(out.split('\n')[1] ?? '{}') as {
      reads: number;
      torn: number;
      versions: number;
    };
    expect(result.torn).toBe(0);
    expect(result.versions).toBeGreaterThan(1);
    // A new file each time (written aside, then renamed over), and no temp file left behind.
    expect(replaced).toBe(40);
    expect(readdirSync(dir).sort()).toEqual(['state.json', 'stop']);
  });
});
