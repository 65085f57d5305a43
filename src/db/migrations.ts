import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, SqlSession } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** The key Prisma Migrate takes its advisory lock with, so that both never run at once. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export interface Migration {
  readonly name: string;
  readonly sql: string;
  /** sha256 of migration.sql, as Prisma Migrate records it. */
  readonly checksum: string;
}

export class MigrationHistoryError extends Error {
  override name = 'MigrationHistoryError';
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((entry) => statSync(path.join(dir, entry)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

// Prisma Migrate's own bookkeeping table, column for column, so `prisma migrate deploy` on a machine
// with the native engine sees these migrations as applied and carries on from them.
const BOOKKEEPING_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/**
 * Applies every migration not yet applied, in name order, in one transaction: either all of them
 * land or none does. Returns the names applied. Refuses to run over a history that differs from
 * the files (an edited or unknown migration, or one that Prisma recorded as failed).
 */
export async function applyMigrations(db: Database, migrations = readMigrations()): Promise<string[]> {
  return db.sqlTransaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    await sql.exec(BOOKKEEPING_TABLE);
    const applied = await appliedMigrations(sql);
    const pending = pendingMigrations(migrations, applied);
    for (const migration of pending) {
      const id = randomUUID();
      await sql.query(
        'INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at") VALUES ($1, $2, $3, now())',
        [id, migration.checksum, migration.name],
      );
      await sql.exec(migration.sql);
      await sql.query(
        'UPDATE "_prisma_migrations" SET "finished_at" = now(), "applied_steps_count" = 1 WHERE "id" = $1',
        [id],
      );
    }
    return pending.map((migration) => migration.name);
  });
}

/** The migrations a database still lacks, without changing anything. */
export async function migrationStatus(
  db: Database,
  migrations = readMigrations(),
): Promise<{ applied: string[]; pending: string[] }> {
  return db.sqlTransaction(async (sql) => {
    const [row] = await sql.query<{ exists: boolean }>(
      'SELECT to_regclass(\'"_prisma_migrations"\') IS NOT NULL AS exists',
    );
    const applied = row?.exists ? await appliedMigrations(sql) : [];
    return {
      applied: applied.map((row) => row.migration_name),
      pending: pendingMigrations(migrations, applied).map((migration) => migration.name),
    };
  });
}

async function appliedMigrations(sql: SqlSession): Promise<AppliedRow[]> {
  return sql.query<AppliedRow>(
    'SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL ORDER BY "migration_name"',
  );
}

function pendingMigrations(migrations: readonly Migration[], applied: readonly AppliedRow[]): Migration[] {
  const byName = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of applied) {
    const migration = byName.get(row.migration_name);
    if (!migration) {
      throw new MigrationHistoryError(
        `The database has migration ${row.migration_name}, which is not in prisma/migrations.`,
      );
    }
    if (row.finished_at === null) {
      throw new MigrationHistoryError(
        `Migration ${row.migration_name} failed earlier and was left unfinished; resolve it before migrating.`,
      );
    }
    if (row.checksum !== migration.checksum) {
      throw new MigrationHistoryError(
        `Migration ${row.migration_name} was edited after it was applied (checksum differs).`,
      );
    }
  }
  const appliedNames = new Set(applied.map((row) => row.migration_name));
  return migrations.filter((migration) => !appliedNames.has(migration.name));
}
