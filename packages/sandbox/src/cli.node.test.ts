import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { tempDirs } from './testing/tempDirs.ts';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dirs = tempDirs('okra-sandbox-cli-');
afterEach(() => dirs.cleanup());

/** Spawns the built CLI and waits for its banner; `stop()` sends SIGTERM and resolves with the exit code. */
async function spawnCli(flags: string[]) {
  const child = spawn(
    process.execPath,
    [cli, '--port', '0', '--widget-port', '0', '--latency', '10', ...flags],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('state file')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    out,
    api: /API\s+(\S+)/.exec(out)?.[1] ?? '',
    control: /control\s+(\S+)/.exec(out)?.[1] ?? '',
    secret: /secret key\s+(\S+)/.exec(out)?.[1] ?? '',
    widget: /widget origin\s+(\S+)/.exec(out)?.[1] ?? '',
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

// The built CLI exists after `pnpm build` (which `pnpm test` runs first); the flag parser is tested without it.
it.skipIf(!existsSync(cli))(
  'the built okra-sandbox prints its URLs and keys, serves them, and stops on SIGTERM',
  async () => {
    const { api, secret, widget, stop } = await spawnCli([]);
    const reply = await fetch(`${api}/balance/getByCustomer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer: 'nobody' }),
    });
    expect(reply.status).toBe(200);
    expect((await fetch(`${widget}/`)).status).toBe(200);
    expect(await stop()).toBe(0);
    await expect(fetch(`${api}/balance/getByCustomer`)).rejects.toThrow();
  },
);

it.skipIf(!existsSync(cli))(
  'with --state-file it saves a link on SIGTERM and knows it when started again',
  async () => {
    const file = join(dirs.make(), 'sandbox.json');
    const first = await spawnCli(['--state-file', file]);
    expect(first.out).toContain(`state file     ${file}`);
    const linked = await fetch(`${first.control}/link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ accounts: 1 }),
    });
    const { customerId } = (await linked.json()) as { customerId: string };
    expect(await first.stop()).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(customerId);

    const second = await spawnCli(['--state-file', file]);
    const reply = await fetch(`${second.api}/accounts/getByCustomer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${second.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer: customerId }),
    });
    expect(((await reply.json()) as { data: { account: unknown[] } }).data.account).toHaveLength(1);
    expect(await second.stop()).toBe(0);
  },
);
