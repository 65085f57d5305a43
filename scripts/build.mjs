// Builds what runs: the server and command line (src/cli/main.ts and everything it imports, as
// ES modules for Node 20 with source maps, into dist/server) and the board's browser assets
// (dist/board). Run at install time and by `npm run build`; the launcher (src/cli/bin.mjs)
// runs it again whenever a source is newer than the build, so nothing ever runs stale code.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = (relative) => path.join(ROOT, relative);
export const SERVER_ENTRY = at('dist/server/main.js');
const STAMP = at('dist/build.json');
/** Plain JavaScript files the server starts as worker threads (never imported, so not bundled). */
const WORKERS = ['src/ingest/workbook-worker.mjs'];
/** What the build reads: the sources (the generated Prisma client among them) and the typed operations. */
const INPUTS = ['src', 'schema/generated'];

/** How many files there are under `dirs` and when the newest changed: a build records it, a launch compares. */
export function inputsNow(dirs) {
  let count = 0;
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        count += 1;
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return { count, newest };
}

/** True when the stamp records the inputs as they are now: none added, removed or changed since. */
export function stampIsCurrent(stamp, dirs) {
  if (!existsSync(stamp)) return false;
  const built = JSON.parse(readFileSync(stamp, 'utf8')).inputs;
  const now = inputsNow(dirs);
  return built.count === now.count && built.newest === now.newest;
}

/** True when dist/ was built from the sources as they are now. */
export function buildIsCurrent() {
  return existsSync(SERVER_ENTRY) && stampIsCurrent(STAMP, INPUTS.map(at));
}

export async function build() {
  const inputs = inputsNow(INPUTS.map(at));
  const { build: esbuild } = await import('esbuild');
  // Built aside and moved into place, so that a process starting meanwhile loads a whole build.
  const fresh = at(`dist/server.${process.pid}`);
  await esbuild({
    entryPoints: [at('src/cli/main.ts')],
    outdir: fresh,
    // Chunks beside the entry: the sources find the repository's files (migrations, seed, board
    // assets, the mirror) relative to their own module, two folders down, as src/<layer>/ is.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  // Workers are started from a file of their own, beside the chunks as beside the sources.
  for (const worker of WORKERS) copyFileSync(at(worker), path.join(fresh, path.basename(worker)));
  const replaced = at(`dist/server.${process.pid}.old`);
  if (existsSync(at('dist/server'))) renameSync(at('dist/server'), replaced);
  renameSync(fresh, at('dist/server'));
  rmSync(replaced, { recursive: true, force: true });
  const board = at('dist/board/');
  mkdirSync(board, { recursive: true });
  await esbuild({
    entryPoints: [at('src/board/board.ts'), at('src/board/board.css')],
    outdir: board,
    entryNames: '[name]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    sourcemap: true,
    logLevel: 'warning',
  });
  copyFileSync(at('src/board/index.html'), path.join(board, 'index.html'));
  writeFileSync(STAMP, `${JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 2)}\n`);
}

/** Builds unless the build is current. */
export async function ensureBuilt() {
  if (!buildIsCurrent()) await build();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await build();
