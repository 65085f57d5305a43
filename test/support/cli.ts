import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI processes still running: a test that fails or times out before stopping its server leaves none behind. */
const running = new Set<ChildProcess>();
const killRunning = () => {
  for (const child of running) child.kill('SIGKILL');
};
// After each test file under vitest; at exit wherever else (the benchmarks start servers too).
if (process.env.VITEST) afterAll(killRunning);
process.once('exit', killRunning);

/**
 * Under the suite, CLI processes compile WebAssembly (PGlite's) with V8's baseline compiler only:
 * short-lived processes never repay the optimising compiler's CPU, which on two cores the other
 * test worker waits for. The benchmarks run servers as deployed, with both.
 */
const SUITE_NODE_OPTIONS = process.env.VITEST ? ['--liftoff-only'] : [];

/**
 * For a process that imports whole publications (a first start on the real mirror): it runs long
 * enough for the optimising compiler to repay its CPU (a third less for the DM01 workbooks' writes).
 */
export const IMPORTING_PROCESS = ['--no-liftoff-only'];

/** The installed command itself: the compiled CLI, which the suite's global setup has built. */
export const CLI_ENTRY = 'src/cli/bin.mjs';

function spawnCli(
  args: string[],
  env: Record<string, string>,
  nodeOptions: string[] = [],
  entry = CLI_ENTRY,
): ChildProcess {
  const child = spawn(process.execPath, [...SUITE_NODE_OPTIONS, ...nodeOptions, entry, ...args], {
    cwd: ROOT,
    // Nothing in the suite reaches the publishers: a publication the mirror lacks is fetched from a port nobody listens on, unless a test gives its stand-in.
    env: {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      PUBLISHERS_VIA: 'http://127.0.0.1:9',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('close', () => running.delete(child));
  return child;
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningServer {
  url: string;
  /** The server process's id (for its memory, say). */
  pid: number;
  origin: string;
  logs: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `serve` on a free port and resolves once it says where it is listening; `nodeOptions` go to node itself (--cpu-prof, say), before `entry` (the compiled command unless told). */
export function startServer(
  env: Record<string, string>,
  extraArgs: string[] = [],
  timeoutMs = 90_000,
  nodeOptions: string[] = [],
  entry = CLI_ENTRY,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', ...extraArgs], env, nodeOptions, entry);
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('close', done));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /"message":"serving","url":"([^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        const url = match[1]!;
        resolve({
          url,
          pid: child.pid!,
          origin: new URL(url).origin,
          logs: () => output,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before it was ready:\n${output}`));
    });
  });
}
