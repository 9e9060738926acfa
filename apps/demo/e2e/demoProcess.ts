import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface DemoProcess {
  url: string;
  /** Everything the demo printed so far. */
  output(): string;
  /**
   * Ctrl-C, as a person stops it (SIGINT to the whole process group); resolves once every process of the
   * demo has let go of its output, with pnpm's exit code or signal.
   */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Starts the demo exactly as the README says (`pnpm demo`), on a free port and a data folder of the test's
 * (and any other variables in `env`, e.g. `DEMO_TIME_SCALE`), and waits for the line that gives its URL.
 */
export function startDemoProcess(
  dataDir: string,
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<DemoProcess> {
  const { env = {}, timeoutMs = 150_000 } = options;
  const child = spawn('pnpm', ['demo'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: '0', DEMO_DATA_DIR: dataDir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // 'close' waits for the output pipes, which the demo's own node process holds until it has exited.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
    return exited;
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the demo did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const watch = () => {
      const match = /okra-balance demo: (http:\/\/\S+)/.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', watch);
      resolve({ url: match[1], output: () => output, stop });
    };
    child.stdout.on('data', watch);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${code} before starting:\n${output}`));
    });
  });
}
