import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Messages a bench child sends over IPC. */
export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'stats'; heapUsed: number; rss: number; handles: string[]; origins: string[] }
  | { type: 'fault'; kind: 'unhandledRejection' | 'uncaughtException'; message: string };

/** A running child process serving HTTP on 127.0.0.1. */
export interface ChildServer {
  url: string;
  pid: number;
  /** Unhandled rejections and uncaught exceptions the child reported. */
  faults: string[];
  /** Heap after a full GC, RSS, the kinds of the child's active handles, every origin it sent a request to. */
  stats(): Promise<Extract<ChildMessage, { type: 'stats' }>>;
  /** Sends a signal (SIGKILL for a crash) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the child wrote to stderr, for a failure message. */
  stderr(): string;
}

const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
const rootTsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));

/**
 * Forks a TypeScript module (run by tsx, workspace packages resolved to their sources) that serves HTTP and
 * reports over IPC, and waits for its `ready` message.
 *
 * @example
 * const child = await spawnProcess(new URL('./serverProcess.ts', import.meta.url), { BENCH_SERVER: json });
 */
export async function spawnProcess(entry: URL, env: Record<string, string>): Promise<ChildServer> {
  const child = fork(fileURLToPath(entry), [], {
    execArgv: ['--import', tsxLoader, '--expose-gc'],
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: rootTsconfig },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const faults: string[] = [];
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'fault') faults.push(`${message.kind}: ${message.message}`);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message.url);
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`${entry.pathname} exited (${code ?? signal}) before it was ready:\n${stderr}`)),
    );
  });
  return {
    url,
    pid: child.pid ?? -1,
    faults,
    stats: () => ask(child),
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    stderr: () => stderr,
  };
}

function ask(child: ChildProcess): Promise<Extract<ChildMessage, { type: 'stats' }>> {
  return new Promise((resolve) => {
    const listen = (message: ChildMessage) => {
      if (message.type !== 'stats') return;
      child.off('message', listen);
      resolve(message);
    };
    child.on('message', listen);
    child.send({ type: 'stats' });
  });
}
