import { randomBytes } from 'node:crypto';
import { databaseUrlSchema } from '../../src/config/env.js';
import { adminQuery, databaseUrl, dropDatabaseWhenFree } from '../../src/db/admin.js';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { seedReferenceData } from '../../src/services/seed.js';

/**
 * The database the suite runs against: embedded in-memory PGlite by default; with DATABASE_URL set
 * to a postgresql:// URL, a fresh database on that server for every test file, dropped afterwards.
 */
export const TEST_DATABASE_KIND = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'pglite';

export interface TestDatabase extends Database {
  /** The URL a separate process (the CLI) can open the same database with, for PostgreSQL. */
  url: string | undefined;
}

export async function createTestDatabase(options: OpenDatabaseOptions & { migrate?: boolean; seed?: boolean } = {}): Promise<TestDatabase> {
  const { migrate = true, seed = migrate, ...openOptions } = options;
  let db: Database;
  let url: string | undefined;
  let drop = async () => {};
  if (TEST_DATABASE_KIND === 'postgres') {
    const adminUrl = process.env.DATABASE_URL as string;
    const name = `nmg_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    url = databaseUrl(adminUrl, name);
    db = await openDatabase(databaseUrlSchema.parse(url), openOptions);
    drop = () => dropDatabaseWhenFree(adminUrl, name);
  } else {
    db = await openDatabase({ kind: 'pglite-memory' }, openOptions);
  }
  if (migrate) await applyMigrations(db);
  if (seed) await seedReferenceData(db);
  return {
    ...db,
    url,
    async close() {
      await db.close();
      await drop();
    },
  };
}
