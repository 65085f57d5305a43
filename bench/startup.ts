import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI_ENTRY, startServer } from '../test/support/cli.js';
import { percentile, residentMiB, round } from './support.js';

/** How the server is started: as `npm start` runs it (compiled), and as it ran before (the TypeScript sources through tsx). */
const WAYS = {
  compiled: { nodeOptions: [], entry: CLI_ENTRY },
  'sources through tsx': { nodeOptions: ['--import', 'tsx'], entry: 'src/cli/main.ts' },
} as const;
type Way = keyof typeof WAYS;

export interface StartupResult {
  way: Way;
  runs: number;
  /** From spawning the process to the first 200 from /health, on a database that has its data. */
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  /** Resident memory right after the first healthy answer. */
  medianMiB: number;
}

/** One start to a healthy /health on the embedded database at `dataDir`; the server is stopped after. */
async function startOnce(way: Way, dataDir: string): Promise<{ seconds: number; mib: number }> {
  const started = process.hrtime.bigint();
  const { nodeOptions, entry } = WAYS[way];
  const server = await startServer(
    { DATABASE_URL: `pglite:${dataDir}`, NODE_ENV: 'production' },
    ['--no-fixtures'],
    120_000,
    [...nodeOptions],
    entry,
  );
  try {
    while ((await fetch(`${server.origin}/health`).catch(() => null))?.status !== 200)
      await new Promise((resolve) => setTimeout(resolve, 10));
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, mib: residentMiB(server.pid) };
  } finally {
    await server.stop();
  }
}

/**
 * Start-up on an existing database (the README's operating notes): the compiled server against the
 * sources through tsx, taken in turn so that both see the same machine. The database is made once
 * by a first start, which imports the mirror's publications.
 */
export async function startup({ smoke }: { smoke: boolean }): Promise<StartupResult[]> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'nmg-bench-startup-'));
  const dataDir = path.join(scratch, 'db');
  try {
    const first = await startServer({ DATABASE_URL: `pglite:${dataDir}` }, smoke ? ['--no-fixtures'] : [], 600_000);
    await first.stop();
    const runs = smoke ? 1 : 7;
    const ways = Object.keys(WAYS) as Way[];
    const samples = new Map(ways.map((way) => [way, [] as { seconds: number; mib: number }[]]));
    for (let run = 0; run < runs; run += 1)
      for (const way of ways) samples.get(way)!.push(await startOnce(way, dataDir));
    return ways.map((way) => {
      const seconds = samples
        .get(way)!
        .map((sample) => sample.seconds)
        .sort((a, b) => a - b);
      const mib = samples
        .get(way)!
        .map((sample) => sample.mib)
        .sort((a, b) => a - b);
      return {
        way,
        runs,
        medianSeconds: round(percentile(seconds, 0.5), 2),
        minSeconds: round(seconds[0]!, 2),
        maxSeconds: round(seconds.at(-1)!, 2),
        medianMiB: round(percentile(mib, 0.5), 1),
      };
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
