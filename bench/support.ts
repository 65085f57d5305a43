import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { databaseUrlSchema, type DatabaseLocation } from '../src/config/env.js';
import { adminQuery, databaseUrl, dropDatabaseWhenFree } from '../src/db/admin.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { applyMigrations } from '../src/db/migrations.js';
import { mirrorFolder, monthlyAeFiles } from '../src/ingest/publications.js';
import type { ImportFile } from '../src/services/import.js';
import { seedReferenceData } from '../src/services/seed.js';

export type Backend = 'pglite' | 'postgres';

/**
 * How the bench runs a server of ours: in production mode, with the per-key and per-address limits
 * off (a load generator is one caller, and those limits would throttle it, not measure the server).
 */
export function benchServerEnv(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '0',
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: '0',
    MAX_CONNECTIONS_PER_KEY: '0',
    MAX_PENDING_CONNECTIONS_PER_ADDRESS: '0',
  };
}

export interface FreshDatabase {
  db: Database;
  /** The DATABASE_URL another process would use (PostgreSQL only). */
  url: string | null;
  drop(): Promise<void>;
}

/** A migrated, seeded database of the bench's own: in memory, or a scratch PostgreSQL database beside `adminUrl`. */
export async function freshDatabase(backend: Backend, adminUrl: string): Promise<FreshDatabase> {
  let location: DatabaseLocation = { kind: 'pglite-memory' };
  let url: string | null = null;
  let dropDatabase = async () => {};
  if (backend === 'postgres') {
    const name = `nmg_bench_${process.pid}_${Date.now()}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    url = databaseUrl(adminUrl, name);
    location = databaseUrlSchema.parse(url);
    dropDatabase = () => dropDatabaseWhenFree(adminUrl, name);
  }
  const db = await openDatabase(location);
  await applyMigrations(db);
  await seedReferenceData(db);
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await dropDatabase();
    },
  };
}

/** The mirror's 13 monthly A&E files, in month order. */
export function monthlyFiles(): ImportFile[] {
  return monthlyAeFiles(mirrorFolder(undefined)).map((file) => ({
    name: file.split('/').at(-1)!,
    text: readFileSync(file, 'utf8'),
  }));
}

export async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e9];
}

export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The value below which `fraction` of the values lie (nearest rank); NaN for none. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

/** A process's resident memory in MiB, with its children's (a server's workers), from /proc (Linux). */
export function residentMiB(pid: number = process.pid): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return round(kib / 1024 + children.reduce((sum, child) => sum + residentMiB(child), 0), 1);
}

/** Prints rows as a table with the given columns (right-aligned numbers). */
export function printTable(title: string, columns: string[], rows: (string | number)[][]): void {
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...rows.map((row) => String(row[index] ?? '').length)),
  );
  const line = (cells: (string | number)[]) =>
    cells
      .map((cell, index) =>
        typeof cell === 'number' ? String(cell).padStart(widths[index]!) : String(cell).padEnd(widths[index]!),
      )
      .join(' | ');
  console.log(`\n${title}`);
  console.log(line(columns));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

/**
 * A helper server forked from `module` (TypeScript through tsx unless `options` say otherwise),
 * resolved once it sends { type: 'ready', url }; refused if it exits first or says nothing within the deadline.
 */
export function forkUntilReady(
  module: URL,
  args: string[],
  what: string,
  options: ForkOptions = {},
  deadlineMs = 60_000,
): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(module, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...options,
  });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill();
      reject(new Error(`${what} did not start within ${deadlineMs / 1000} s`));
    }, deadlineMs);
    child.once('message', (message: { type: string; url: string }) => {
      clearTimeout(deadline);
      resolve({ child, url: message.url });
    });
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`${what} exited (${code})`));
    });
  });
}
