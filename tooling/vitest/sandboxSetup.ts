import type { TestProject } from 'vitest/node';
import {
  startSandbox,
  type SandboxCredentials,
  type SandboxLogin,
} from '../../packages/sandbox/src/index.ts';

/** What browser tests get from `inject('sandbox')`: enough to open the widget and call the API. */
export interface ProvidedSandbox {
  apiBaseUrl: string;
  widgetOrigin: string;
  credentials: SandboxCredentials;
  login: SandboxLogin;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sandbox: ProvidedSandbox;
  }
}

/**
 * Vitest globalSetup: one sandbox (fast bank latency, no duplicate window) for a whole browser run, closed
 * when the run ends. Tests read it with `inject('sandbox')`.
 */
export default async function sandboxSetup(project: TestProject): Promise<() => Promise<void>> {
  const sandbox = await startSandbox({ latencyMs: 50, duplicateDelayMs: 0 });
  project.provide('sandbox', {
    apiBaseUrl: sandbox.apiBaseUrl,
    widgetOrigin: sandbox.widgetOrigin,
    credentials: sandbox.credentials,
    login: sandbox.login,
  });
  return () => sandbox.close();
}
