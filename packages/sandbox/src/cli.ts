#!/usr/bin/env node
import { CLI_USAGE, parseCliArgs } from './parseCliArgs.ts';
import { startSandbox } from './startSandbox.ts';

/** `okra-sandbox`: starts the sandbox, prints where it is and its keys, stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (!args.ok) {
    process.stderr.write(`okra-sandbox: ${args.error}\n\n${CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(CLI_USAGE);
    return;
  }
  const sandbox = await startSandbox(args.options);
  const { credentials, login } = sandbox;
  process.stdout.write(
    [
      'okra-sandbox is running',
      `  API            ${sandbox.apiBaseUrl}`,
      `  widget origin  ${sandbox.widgetOrigin}   (Okra.baseUrl)`,
      `  control        ${new URL(sandbox.apiBaseUrl).origin}/__sandbox`,
      `  secret key     ${credentials.secretKey}`,
      `  public key     ${credentials.publicKey}`,
      `  client token   ${credentials.clientToken}`,
      `  app id         ${credentials.appId}`,
      `  env            ${credentials.env}`,
      `  widget login   ${login.username} / ${login.password}`,
      `  state file     ${sandbox.stateFile ?? 'none (in memory only)'}`,
      '',
    ].join('\n'),
  );
  const stop = (signal: string) => {
    process.stdout.write(`okra-sandbox: ${signal}, closing\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('okra-sandbox: closed, but', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('okra-sandbox: could not start:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
