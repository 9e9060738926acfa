import { writeFileAtomically } from './writeFileAtomically.ts';

/**
 * Saves a sandbox's state to one file, atomically, at most once per `delayMs` however many changes come in:
 * the first change arms a timer and the changes until it fires ride along in the same write.
 *
 * @example
 * const stateFile = new StateFile('data/sandbox.json', () => snapshotState(parts));
 * stateFile.saveNow(); // at start: fails early when the folder is not writable
 * records.onChange = () => stateFile.changed();
 * stateFile.close(); // the final save
 */
export class StateFile {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private saves = 0;

  constructor(
    readonly path: string,
    private readonly snapshot: () => unknown,
    private readonly delayMs = 200,
  ) {}

  /** How many times the state was written. */
  get writes(): number {
    return this.saves;
  }

  /** Something worth keeping changed: save soon. */
  changed(): void {
    if (this.closed || this.timer !== null) return;
    // Not unref'd: a save still due should happen even if nothing else keeps the process alive.
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.saveNow();
      } catch (error) {
        // A timer has no caller to throw to; say so loudly and try again at the next change.
        console.error(`okra-sandbox: could not save its state to ${this.path}:`, error);
      }
    }, this.delayMs);
  }

  /** Writes now (and cancels a pending write); throws when the file cannot be written. */
  saveNow(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    writeFileAtomically(this.path, `${JSON.stringify(this.snapshot())}\n`);
    this.saves += 1;
  }

  /** The final save; later changes are ignored. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.saveNow();
  }
}
