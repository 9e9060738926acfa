import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

// The built CLI exists after `pnpm build` (which `pnpm test` runs first); the flag parser is tested without it.
it.skipIf(!existsSync(cli))(
  'the built okra-sandbox prints its URLs and keys, serves them, and stops on SIGTERM',
  async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--widget-port', '0', '--latency', '10'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('widget login')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    const api = /API\s+(\S+)/.exec(out)?.[1] ?? '';
    const secret = /secret key\s+(\S+)/.exec(out)?.[1] ?? '';
    const widget = /widget origin\s+(\S+)/.exec(out)?.[1] ?? '';
    const reply = await fetch(`${api}/balance/getByCustomer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer: 'nobody' }),
    });
    expect(reply.status).toBe(200);
    expect((await fetch(`${widget}/`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${api}/balance/getByCustomer`)).rejects.toThrow();
  },
);
