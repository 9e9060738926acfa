import type { SandboxLogin } from '../sandboxTypes.ts';

export interface WidgetPageOptions {
  nonce: string;
  login: SandboxLogin;
}

/** The widget page (being written: this first version only names itself). */
export function widgetPage({ nonce }: WidgetPageOptions): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Okra sandbox widget</title>
<style nonce="${nonce}">body{font-family:sans-serif}</style></head><body><main><h1>Okra sandbox widget</h1></main></body></html>`;
}
