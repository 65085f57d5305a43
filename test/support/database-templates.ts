import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { adminQuery, databaseUrl, dropDatabaseWhenFree } from '../../src/db/admin.js';
import { databaseOnPGlite, openDatabase, type Database } from '../../src/db/database.js';
import { databaseUrlSchema } from '../../src/config/env.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { seedReferenceData } from '../../src/services/seed.js';

/**
 * The states a test database starts in: a new empty cluster, the migrations applied, or migrated
 * and seeded with the reference data. Each is made once per run (vitest's global setup) and copied
 * for every test that asks for one, instead of every test file paying PGlite's initdb (about 5 s of
 * CPU), the migrations and the seed (about 1.5 s) again: a PGlite data directory is dumped as a tar
 * and loaded back, a PostgreSQL database made with the template as `CREATE DATABASE … TEMPLATE`.
 */
export type DatabaseStage = 'initialised' | 'migrated' | 'seeded';
export const DATABASE_STAGES: readonly DatabaseStage[] = ['initialised', 'migrated', 'seeded'];

/** Where each stage is kept: a tar of a PGlite data directory, or a PostgreSQL template database's name. */
export type DatabaseTemplates =
  | { kind: 'pglite'; tars: Record<DatabaseStage, string> }
  | { kind: 'postgres'; adminUrl: string; names: Record<DatabaseStage, string> };

async function advance(db: Database, stage: DatabaseStage): Promise<void> {
  if (stage === 'migrated') await applyMigrations(db);
  if (stage === 'seeded') await seedReferenceData(db);
}

/** Makes the three templates, each from the one before; `drop` removes them. */
export async function makeDatabaseTemplates(
  scratch: string,
  adminUrl: string | undefined,
): Promise<{ templates: DatabaseTemplates; drop(): Promise<void> }> {
  if (adminUrl) {
    const prefix = `nmg_template_${process.pid}_${Date.now()}`;
    const names = Object.fromEntries(DATABASE_STAGES.map((stage) => [stage, `${prefix}_${stage}`])) as Record<
      DatabaseStage,
      string
    >;
    let previous: string | undefined;
    for (const stage of DATABASE_STAGES) {
      await adminQuery(adminUrl, `CREATE DATABASE "${names[stage]}"${previous ? ` TEMPLATE "${previous}"` : ''}`);
      const db = await openDatabase(databaseUrlSchema.parse(databaseUrl(adminUrl, names[stage])));
      await advance(db, stage);
      await db.close();
      previous = names[stage];
    }
    return {
      templates: { kind: 'postgres', adminUrl, names },
      drop: async () => {
        await Promise.all(DATABASE_STAGES.map((stage) => dropDatabaseWhenFree(adminUrl, names[stage])));
      },
    };
  }
  mkdirSync(scratch, { recursive: true });
  const pglite = await PGlite.create();
  const db = databaseOnPGlite(pglite);
  const tars = {} as Record<DatabaseStage, string>;
  for (const stage of DATABASE_STAGES) {
    await advance(db, stage);
    tars[stage] = path.join(scratch, `${stage}.tar`);
    writeFileSync(tars[stage], Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  }
  await db.close();
  return { templates: { kind: 'pglite', tars }, drop: async () => {} };
}

/** A new in-memory PGlite at a stage. */
export function pgliteAt(
  templates: Extract<DatabaseTemplates, { kind: 'pglite' }>,
  stage: DatabaseStage,
): Promise<PGlite> {
  return PGlite.create({ loadDataDir: new Blob([readFileSync(templates.tars[stage])]) });
}

/** Lays a stage out as a PGlite data directory on disk, for a CLI process to open (the tar's entries are the directory's own). */
export function layOutPGliteDirectory(
  templates: Extract<DatabaseTemplates, { kind: 'pglite' }>,
  stage: DatabaseStage,
  dataDir: string,
): void {
  mkdirSync(dataDir, { recursive: true });
  execFileSync('tar', ['--extract', '--file', templates.tars[stage], '--directory', dataDir], { stdio: 'ignore' });
}

/** A new PostgreSQL database at a stage, copied from its template. */
export async function postgresAt(
  templates: Extract<DatabaseTemplates, { kind: 'postgres' }>,
  stage: DatabaseStage,
  name: string,
): Promise<string> {
  await adminQuery(templates.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${templates.names[stage]}"`);
  return databaseUrl(templates.adminUrl, name);
}
