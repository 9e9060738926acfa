import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, readConfig } from './config.ts';
import { startDemo } from './startDemo.ts';

const dataDir = fileURLToPath(new URL('../.data', import.meta.url));
const envFile = fileURLToPath(new URL('../.env', import.meta.url));

// Variables already in the environment win over the file.
if (existsSync(envFile)) process.loadEnvFile(envFile);

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig(process.env, { dataDir });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Cannot start the demo: ${error.message}`);
    process.exit(1);
  }

  const demo = await startDemo(config, { dev: process.argv.includes('--dev') });
  const lines = [`okra-balance demo: ${demo.url}`];
  if (demo.sandbox) {
    lines.push(
      '  provider: the embedded sandbox (offline; no real bank is contacted)',
      `  sandbox widget login: ${demo.sandbox.login.username} / ${demo.sandbox.login.password}`,
      `  sandbox API: ${demo.sandbox.apiBaseUrl}   widget: ${demo.sandbox.widgetOrigin}`,
    );
  } else {
    lines.push(`  provider: ${config.provider?.provider.name} at ${config.provider?.provider.apiBaseUrl}`);
  }
  if (config.timeScale !== 1) {
    const hour = demo.hourMs < 1000 ? `${demo.hourMs} ms` : `${(demo.hourMs / 1000).toFixed(1)} s`;
    lines.push(`  fast time: ×${config.timeScale}, an hour lasts ${hour}, accounts refresh every 6 hours`);
  }
  lines.push(
    `  database: ${config.databaseUrl === null ? config.dataDir : 'DATABASE_URL'}`,
    '  Ctrl-C to stop.',
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the demo…\n`);
    demo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('The demo failed to start:', error);
  process.exit(1);
});
