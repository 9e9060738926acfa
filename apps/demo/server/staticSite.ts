import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built app from `root`: files by path (never outside it), hashed assets cached for a year, and
 * index.html for any other GET so client-side routes load.
 */
export function staticSite(root: string): (request: Request) => Promise<Response> {
  const rootDir = normalize(root + sep);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const pathname = decodedPath(request.url);
    if (pathname === null) {
      return new Response('Bad request: that is not a valid address.', {
        status: 400,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    const candidate = normalize(join(rootDir, pathname));
    const file =
      candidate.startsWith(rootDir) && (await isFile(candidate)) ? candidate : join(rootDir, 'index.html');
    const body = await readFile(file).catch(() => null);
    if (body === null) {
      return new Response('The demo app is not built: run `pnpm demo`, which builds it first.', {
        status: 503,
      });
    }
    const immutable = file.includes(`${sep}assets${sep}`);
    return new Response(request.method === 'HEAD' ? null : body, {
      headers: {
        'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  };
}

/** The request's path, percent-decoded; null for a malformed escape such as `/%zz`. */
function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
