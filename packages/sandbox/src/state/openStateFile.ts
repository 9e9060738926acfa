import { readStateFile } from './readStateFile.ts';
import { SandboxStateError } from './SandboxStateError.ts';
import { StateFile } from './StateFile.ts';
import { restoreState, snapshotState, type StatefulParts } from './stateSnapshot.ts';

/**
 * Loads the saved state into a fresh sandbox, or makes the seeded fixtures when there is none yet, then
 * writes the file once so an unwritable path fails at start rather than at the first link.
 *
 * @example
 * stateFile = openStateFile('/data/sandbox.json', { store, records, latency }, makeFixtures);
 */
export function openStateFile(file: string, parts: StatefulParts, makeFixtures: () => void): StateFile {
  const saved = readStateFile(file, parts.store.seed);
  if (saved === null) makeFixtures();
  else restoreState(saved, parts, file);
  const stateFile = new StateFile(file, () => snapshotState(parts));
  try {
    stateFile.saveNow();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SandboxStateError(
      file,
      `it cannot be written (${code})`,
      'Point stateFile at a path in a folder this process may write to.',
    );
  }
  return stateFile;
}
