import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createTestDatabase, createTestDataDirectory, TEST_DATABASE_KIND, type TestDatabase } from './database.js';

/**
 * A scratch folder for one test file of the command line, and fresh databases for its CLI
 * processes; all removed after the file.
 */
export function cliScratch(prefix: string) {
  const scratch = mkdtempSync(path.join(tmpdir(), `nmg-${prefix}-`));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
    rmSync(scratch, { recursive: true, force: true });
  });
  return {
    scratch,
    /**
     * A database URL for a CLI process: a fresh PostgreSQL database in the PostgreSQL run, else a
     * new PGlite directory holding an empty cluster (as PGlite's initdb leaves it).
     */
    async freshDatabaseUrl(name: string): Promise<string> {
      if (TEST_DATABASE_KIND === 'postgres') {
        const db: TestDatabase = await createTestDatabase({ migrate: false });
        cleanups.push(() => db.close());
        return db.url!;
      }
      return createTestDataDirectory(path.join(scratch, name));
    },
  };
}

/** Asks a served API a query without a key. */
export async function ask(url: string, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
}
