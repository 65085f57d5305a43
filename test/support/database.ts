import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { databaseUrlSchema } from '../../src/config/env.js';
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
    const parsed = new URL(adminUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    db = await openDatabase(databaseUrlSchema.parse(url), openOptions);
    drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
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

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
