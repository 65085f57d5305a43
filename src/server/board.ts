import { readFile } from 'node:fs/promises';
import type { Plugin } from 'graphql-yoga';

/**
 * The operations-room board at /board, its assets (built at install time into dist/board by
 * src/board/build.mjs: nothing is loaded from another host), and the landing page at /, all under a
 * strict Content-Security-Policy: scripts and styles from this server only, no inline script.
 */

const ASSETS = new URL('../../dist/board/', import.meta.url);
const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};
const ASSET_PATH = /^\/board\/assets\/(board\.(?:js|css)(?:\.map)?)$/;

/** The page's policy: the WebSocket it opens is to this host only. */
export function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ws://${host} wss://${host}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const LANDING = (development: boolean) => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>nhs-mandate-graph</title></head>
<body><h1>nhs-mandate-graph</h1>
<p>The government's mandate to NHS England: mandates, milestones, organisations and measurements, as a GraphQL API.</p>
<ul>
<li><a href="/board">The operations board</a>: every ICB on a metric, live.</li>
<li><a href="/graphql">/graphql</a>: the API (HTTP, server-sent events and graphql-ws)${development ? ', with GraphiQL in a browser' : ''}.</li>
<li><a href="/export/board.csv?metric=AE_4HR">/export/board.csv</a>: a board as CSV.</li>
<li><a href="/health">/health</a>: whether this instance is ready.</li>
</ul></body></html>
`;

export function useBoard({ development }: { development: boolean }): Plugin {
  const files = new Map<string, Promise<Uint8Array<ArrayBuffer> | null>>();
  const read = (name: string) => {
    let file = files.get(name);
    if (!file) {
      file = readFile(new URL(name, ASSETS)).then(
        (bytes) => new Uint8Array(bytes),
        () => null,
      );
      // A missing file is looked for again next time (the assets may be built meanwhile).
      void file.then((found) => found ?? files.delete(name));
      files.set(name, file);
    }
    return file;
  };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const headers = {
        'content-security-policy': contentSecurityPolicy(url.host),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      };
      if (url.pathname === '/') {
        return endResponse(
          new fetchAPI.Response(LANDING(development), {
            status: 200,
            headers: { ...headers, 'content-type': TYPES.html! },
          }),
        );
      }
      const asset =
        url.pathname === '/board' || url.pathname === '/board/' ? 'index.html' : ASSET_PATH.exec(url.pathname)?.[1];
      if (!asset) return;
      const bytes = await read(asset);
      if (!bytes) {
        return endResponse(
          new fetchAPI.Response("The board's assets are not built: run `npm run build:board` (npm ci does it).", {
            status: 503,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          }),
        );
      }
      endResponse(
        new fetchAPI.Response(bytes, {
          status: 200,
          headers: {
            ...headers,
            'content-type': TYPES[asset.split('.').at(-1)!]!,
            'cache-control': asset === 'index.html' ? 'no-cache' : 'public, max-age=300',
          },
        }),
      );
    },
  };
}
