import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '@okra-balance/sandbox';
import { readSandboxPorts, saveSandboxPorts, type SandboxPorts } from './sandboxPorts.ts';

/**
 * Starts the demo's sandbox with its state in `dataDir`, so what people linked is still there after a
 * restart, on last run's ports, so stored callback URLs stay valid (on fresh ones when those are taken,
 * which strands only jobs in flight).
 *
 * @example
 * const sandbox = await startDemoSandbox(dataDir, { seed: 1, webhookUrl, webhookToken });
 */
export async function startDemoSandbox(
  dataDir: string,
  options: Omit<SandboxOptions, 'port' | 'widgetPort' | 'stateFile'>,
): Promise<Sandbox> {
  const rest = { ...options, stateFile: join(dataDir, 'sandbox.json') };
  const ports: SandboxPorts = await readSandboxPorts(dataDir);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ ...rest, ...ports });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE' || ports.port === 0) throw error;
    console.warn(`sandbox ports ${ports.port} and ${ports.widgetPort} are taken; starting on free ones`);
    sandbox = await startSandbox({ ...rest, port: 0, widgetPort: 0 });
  }
  await saveSandboxPorts(dataDir, {
    port: Number(new URL(sandbox.apiBaseUrl).port),
    widgetPort: Number(new URL(sandbox.widgetOrigin).port),
  });
  return sandbox;
}
