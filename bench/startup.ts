import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../test/support/cli.js';
import { percentile, residentMiB, round } from './support.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** How the server is started: as `npm start` runs it (compiled), and as it ran before (the TypeScript sources through tsx). */
const WAYS = {
  compiled: ['src/cli/bin.mjs', 'serve'],
  'sources through tsx': ['--import', 'tsx', 'src/cli/main.ts', 'serve'],
} as const;

export interface StartupResult {
  way: keyof typeof WAYS;
  runs: number;
  /** From spawning the process to the first 200 from /health, on a database that has its data. */
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  /** Resident memory right after the first healthy answer. */
  medianMiB: number;
}

/** One start to a healthy /health on the embedded database at `dataDir`; the server is stopped after. */
async function startOnce(args: readonly string[], dataDir: string): Promise<{ seconds: number; mib: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...args, '--port', '0', '--host', '127.0.0.1', '--no-fixtures'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: `pglite:${dataDir}`,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      PUBLISHERS_VIA: 'http://127.0.0.1:9',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    let output = '';
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 120 s:\n${output}`)), 120_000);
      child.stderr.on('data', (chunk) => {
        output += chunk;
        const url = /"message":"serving","url":"([^"]+)"/.exec(output)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve(new URL(url).origin);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited (${code}) before serving:\n${output}`)));
    });
    for (;;) {
      const health = await fetch(`${origin}/health`).catch(() => null);
      if (health?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, mib: residentMiB(child.pid) };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
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
    const samples = Object.fromEntries(
      Object.keys(WAYS).map((way) => [way, [] as { seconds: number; mib: number }[]]),
    ) as Record<keyof typeof WAYS, { seconds: number; mib: number }[]>;
    for (let run = 0; run < runs; run += 1) {
      for (const way of Object.keys(WAYS) as (keyof typeof WAYS)[])
        samples[way].push(await startOnce(WAYS[way], dataDir));
    }
    return (Object.keys(WAYS) as (keyof typeof WAYS)[]).map((way) => {
      const seconds = samples[way].map((sample) => sample.seconds).sort((a, b) => a - b);
      const mib = samples[way].map((sample) => sample.mib).sort((a, b) => a - b);
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
