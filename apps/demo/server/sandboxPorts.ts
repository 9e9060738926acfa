import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The ports the demo's sandbox listened on last time. */
export interface SandboxPorts {
  port: number;
  widgetPort: number;
}

const fileName = 'sandbox-ports.json';

/**
 * The ports of the last run, kept in the data folder: refresh jobs in flight store callback URLs on the
 * sandbox's origin, so a restart on new random ports would strand them. Zeroes (any free port) on a first run
 * or an unreadable file.
 */
export async function readSandboxPorts(dataDir: string): Promise<SandboxPorts> {
  const text = await readFile(join(dataDir, fileName), 'utf8').catch(() => null);
  try {
    const saved = JSON.parse(text ?? 'null') as Partial<SandboxPorts> | null;
    if (isPort(saved?.port) && isPort(saved?.widgetPort)) {
      return { port: saved.port, widgetPort: saved.widgetPort };
    }
  } catch {
    // A torn or hand-edited file: start on fresh ports, as on a first run.
  }
  return { port: 0, widgetPort: 0 };
}

/** Saves the ports for the next run (write and rename, so a crash never leaves half a file). */
export async function saveSandboxPorts(dataDir: string, ports: SandboxPorts): Promise<void> {
  const path = join(dataDir, fileName);
  await writeFile(`${path}.tmp`, JSON.stringify(ports));
  await rename(`${path}.tmp`, path);
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65536;
}
