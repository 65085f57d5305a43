// Builds the board's assets into dist/board (run at install time, and by `npm run build:board`):
// the script (typed operations, graphql-ws and uPlot bundled, nothing from a CDN) and the styles.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = here('../../dist/board/');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [here('./board.ts'), here('./board.css')],
  outdir: out,
  entryNames: '[name]',
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  sourcemap: true,
  logLevel: 'warning',
});
copyFileSync(here('./index.html'), `${out}index.html`);
