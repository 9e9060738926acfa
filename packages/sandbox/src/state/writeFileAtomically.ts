import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let written = 0;

/**
 * Writes `text` to `file` so a reader sees the old content or the new, never a part: the text goes to a
 * temp file in the same folder (a rename is atomic only within one file system), is flushed to disk, then
 * renamed over `file`. Creates the folder if needed.
 *
 * @example
 * writeFileAtomically('data/sandbox.json', JSON.stringify(state));
 */
export function writeFileAtomically(file: string, text: string): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true });
  written += 1;
  const temp = join(folder, `.${basename(file)}.${process.pid}.${written}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
