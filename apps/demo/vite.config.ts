import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../tooling/aliases.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The demo builds the packages from source, so `pnpm demo` works straight after `pnpm install`.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: workspaceAliases(root) },
  build: { outDir: 'dist', emptyOutDir: true },
});
