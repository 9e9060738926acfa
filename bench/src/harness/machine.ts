import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/**
 * The machine a run measured, for BENCHMARKS.md: date, CPU, cores, memory, Node, PostgreSQL.
 *
 * @example
 * process.stdout.write(describeMachine().join('\n'));
 */
export function describeMachine(): string[] {
  return [
    `date: ${new Date().toISOString()}`,
    `cpu: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length} (nproc ${cpus().length})`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `node: ${process.version} (${process.platform} ${process.arch})`,
    `postgresql: ${postgresVersion()}`,
  ];
}

function postgresVersion(): string {
  try {
    return execFileSync('pg_ctl', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'not installed';
  }
}
