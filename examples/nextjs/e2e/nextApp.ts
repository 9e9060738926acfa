import { spawn, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs a command to its end; rejects with its output when it fails. Resolves with the time it took (ms). */
export function run(
  command: string,
  args: string[],
  options: SpawnOptions & { cwd: string },
): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(Math.round(performance.now() - started))
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${tail(output)}`)),
    );
  });
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface NextApp {
  port: number;
  output(): string;
  /** SIGTERM to the whole process group, SIGKILL if it is still there after 5 s. */
  stop(): Promise<void>;
}

/**
 * `next start -H 127.0.0.1 -p PORT` in its own process group, resolved once the balance route answers its
 * health check (the first request starts the sandbox and the database).
 */
export async function startNext(
  cwd: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<NextApp> {
  const port = await freePort();
  const child = spawn('node_modules/.bin/next', ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const pid = child.pid;
    process.kill(-pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-pid, 'SIGKILL'), 5_000);
    await closed;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`next start exited with ${child.exitCode}:\n${tail(output)}`);
    const health = await fetch(`http://127.0.0.1:${port}/api/balance/health`).catch(() => null);
    if (health?.ok) return { port, output: () => output, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `next start did not answer /api/balance/health within ${timeoutMs} ms:\n${tail(output)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The end of a long output: where the error is. */
function tail(output: string, length = 4000): string {
  return output.length > length ? `…${output.slice(-length)}` : output;
}
