import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { databaseUrlSchema } from '../../src/config/env.js';
import { dropDatabaseWhenFree } from '../../src/db/admin.js';
import { databaseOnPGlite, openDatabase, type Database, type OpenDatabaseOptions } from '../../src/db/database.js';
import { layOutPGliteDirectory, pgliteAt, postgresAt, type DatabaseStage } from './database-templates.js';

/**
 * The database the suite runs against: embedded in-memory PGlite by default; with DATABASE_URL set
 * to a postgresql:// URL, a fresh database on that server for every test file, dropped afterwards.
 */
export const TEST_DATABASE_KIND = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'pglite';

export interface TestDatabase extends Database {
  /** The URL a separate process (the CLI) can open the same database with, for PostgreSQL. */
  url: string | undefined;
}

function stageOf({ migrate = true, seed = migrate }: { migrate?: boolean; seed?: boolean }): DatabaseStage {
  return seed ? 'seeded' : migrate ? 'migrated' : 'initialised';
}

/** A database of its own for a test: migrated and seeded unless told otherwise, copied from the run's templates. */
export async function createTestDatabase(
  options: OpenDatabaseOptions & { migrate?: boolean; seed?: boolean } = {},
): Promise<TestDatabase> {
  const { migrate, seed, ...openOptions } = options;
  const stage = stageOf({ migrate, seed });
  const templates = inject('databaseTemplates');
  if (templates.kind === 'postgres') {
    const name = `nmg_test_${randomBytes(6).toString('hex')}`;
    const url = await postgresAt(templates, stage, name);
    const db = await openDatabase(databaseUrlSchema.parse(url), openOptions);
    return {
      ...db,
      url,
      async close() {
        await db.close();
        await dropDatabaseWhenFree(templates.adminUrl, name);
      },
    };
  }
  return { ...databaseOnPGlite(await pgliteAt(templates, stage), openOptions), url: undefined };
}

/**
 * A PGlite data directory holding an empty cluster, as PGlite's initdb leaves it, for a CLI process
 * to open (`pglite:<dir>`); the PostgreSQL run keeps no PGlite template, and its CLI makes its own.
 */
export function createTestDataDirectory(dataDir: string): string {
  const templates = inject('databaseTemplates');
  if (templates.kind === 'pglite') layOutPGliteDirectory(templates, 'initialised', dataDir);
  return `pglite:${dataDir}`;
}
