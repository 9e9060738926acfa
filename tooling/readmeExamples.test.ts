import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { workspaceAliases } from './aliases.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const readmes = [
  'README.md',
  'packages/core/README.md',
  'packages/react/README.md',
  'packages/server/README.md',
  'packages/sandbox/README.md',
];

// What the examples leave to the reader's app: their session lookup and their own callbacks.
const prelude = `
declare function mySession(request: Request): Promise<{ id: string } | null>;
declare function showHint(text: string | undefined): void;
declare function thank(): void;
declare function report(code: string, message: string): void;
declare function Accounts(): React.JSX.Element;
// Next.js is not installed in the workspace; the two functions the examples call, as Next.js 16 types them.
declare module 'next/headers' {
  export function cookies(): Promise<{ toString(): string }>;
  export function headers(): Promise<Headers>;
}
declare module '@/lib/auth' {
  export function currentUser(request: Request): Promise<{ id: string } | null>;
}
`;

interface Example {
  name: string;
  code: string;
}

/** Every fenced ts/tsx block that is a whole module (it imports something); fragments are left out. */
function examplesOf(readme: string): Example[] {
  const text = readFileSync(join(root, readme), 'utf8');
  const blocks = [...text.matchAll(/^```tsx?\n([\s\S]*?)^```/gm)].map((match) => match[1] ?? '');
  return blocks
    .filter((code) => /^import /m.test(code))
    .map((code, i) => ({ name: `${readme.replace(/\W+/g, '_')}_${i}.tsx`, code }));
}

/** Type-checks the examples as pasted into a file of the app, against the packages' source. */
function typeErrors(examples: Example[]): string[] {
  const base = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (base === undefined) throw new Error('tsconfig.json could not be read');
  // Inside packages/react, so the React package's peers (react, @tanstack/react-query) resolve as in an app.
  const dir = join(root, 'packages', 'react', '.readme-examples');
  // Every entry, subpaths too (`@okra-balance/react/queries`), to its source, as the build maps them.
  const paths = Object.fromEntries(
    workspaceAliases(root).map(({ find, replacement }) => [
      find.source.replace(/^\^|\$$/g, '').replace(/\\/g, ''),
      [replacement],
    ]),
  );
  const options = { ...base.options, paths };
  const files = new Map(examples.map((example) => [join(dir, example.name), example.code]));
  files.set(join(dir, 'prelude.d.ts'), prelude);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (path) => files.get(path) ?? readFile(path);
  host.fileExists = (path) => files.has(path) || fileExists(path);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file !== undefined && files.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const file = diagnostic.file!;
      const { line } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      return `${file.fileName.slice(dir.length + 1)}:${line + 1}: ${text}`;
    });
}

describe('the README examples, pasted into an app', () => {
  const examples = readmes.flatMap(examplesOf);

  it('finds the examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it('type-check against the packages', { timeout: 120_000 }, () => {
    expect(typeErrors(examples)).toEqual([]);
  });
});

describe('the root README', () => {
  it('mounts the route where its browser half calls it', () => {
    const text = readFileSync(join(root, 'README.md'), 'utf8');
    const basePath = /basePath: '([^']+)'/.exec(text)?.[1];
    const baseUrl = /<BalanceProvider baseUrl="([^"]+)"/.exec(text)?.[1];
    expect(basePath).toBeDefined();
    expect(baseUrl).toBe(basePath);
    expect(text).toContain(`'${basePath}': 'http://127.0.0.1:3001'`);
  });
});
