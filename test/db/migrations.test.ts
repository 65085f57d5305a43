import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  MigrationHistoryError,
  migrationStatus,
  readMigrations,
  type Migration,
} from '../../src/db/migrations.js';
import { diffMigrationsAgainstSchema } from '../../src/db/schema-engine.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const open: TestDatabase[] = [];
async function emptyDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase({ migrate: false });
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const migration = (name: string, sql: string): Migration => ({
  name,
  sql,
  checksum: createHash('sha256').update(sql).digest('hex'),
});

interface BookkeepingRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  applied_steps_count: number;
}

describe('migrations', () => {
  it('are in step with prisma/schema.prisma (otherwise run `npm run migration:create -- <name>`)', async () => {
    expect(await diffMigrationsAgainstSchema()).toBe('');
  });

  it('are applied once, recorded in _prisma_migrations as Prisma Migrate records them', async () => {
    const db = await emptyDatabase();
    const all = readMigrations();
    expect(await migrationStatus(db)).toEqual({ applied: [], pending: all.map((m) => m.name) });
    expect(await applyMigrations(db)).toEqual(all.map((m) => m.name));
    const rows = await db.sqlTransaction((sql) =>
      sql.query<BookkeepingRow>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      ),
    );
    expect(
      rows.map((row) => [row.migration_name, row.checksum, row.finished_at !== null, row.applied_steps_count]),
    ).toEqual(all.map((m) => [m.name, m.checksum, true, 1]));
    expect(await applyMigrations(db)).toEqual([]);
    expect(await migrationStatus(db)).toEqual({ applied: all.map((m) => m.name), pending: [] });
  });

  it('refuse a history that differs from the files', async () => {
    const db = await emptyDatabase();
    const first = migration('20990101000000_first', 'CREATE TABLE "Probe" ("id" INTEGER);');
    await applyMigrations(db, [first]);
    await expect(applyMigrations(db, [migration(first.name, 'CREATE TABLE "Probe" ("id" BIGINT);')])).rejects.toThrow(
      MigrationHistoryError,
    );
    await expect(applyMigrations(db, [])).rejects.toThrow(/not in prisma\/migrations/);
  });

  it('land all together or not at all', async () => {
    const db = await emptyDatabase();
    const good = migration('20990101000000_good', 'CREATE TABLE "Probe" ("id" INTEGER);');
    const bad = migration('20990102000000_bad', 'CREATE TABLE "Broken" (;');
    await expect(applyMigrations(db, [good, bad])).rejects.toThrow();
    const [probe] = await db.sqlTransaction((sql) =>
      sql.query<{ exists: boolean }>(`SELECT to_regclass('"Probe"') IS NOT NULL AS exists`),
    );
    expect(probe?.exists).toBe(false);
    expect(await migrationStatus(db, [good, bad])).toEqual({ applied: [], pending: [good.name, bad.name] });
  });
});

describe('constraints in the database', () => {
  let db: TestDatabase;
  const insert = async (columns: Record<string, unknown>, table = 'Measurement') => {
    const names = Object.keys(columns);
    return db.sqlTransaction((sql) =>
      sql.query(
        `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(columns),
      ),
    );
  };
  const valid = async () => {
    const metric = await db.prisma.metric.findUniqueOrThrow({ where: { code: 'AE_4HR' } });
    const organisation = await db.prisma.organisation.findUniqueOrThrow({ where: { odsCode: 'RJ1' } });
    return {
      metricId: metric.id,
      organisationId: organisation.id,
      period: '2025-03',
      periodStart: '2025-03-01',
      periodEnd: '2025-03-31',
      value: 75,
      numerator: 750,
      denominator: 1000,
      source: 'constraint test',
    };
  };

  it('reject impossible measurements whatever writes them', async () => {
    db = await createTestDatabase({ seed: true });
    open.push(db);
    const row = await valid();
    await insert(row);
    await expect(insert(row)).rejects.toThrow(/unique|duplicate/i);
    await expect(insert({ ...row, period: '2025-04', value: Number.NaN })).rejects.toThrow(/Measurement_value_finite/);
    await expect(insert({ ...row, period: '2025-04', value: Number.POSITIVE_INFINITY })).rejects.toThrow(
      /Measurement_value_finite/,
    );
    await expect(insert({ ...row, period: '2025-04', numerator: 1001 })).rejects.toThrow(
      /Measurement_percentage_parts/,
    );
    await expect(
      db.sqlTransaction((sql) => sql.query(`UPDATE "Measurement" SET "numerator" = 1200 WHERE "period" = '2025-03'`)),
    ).rejects.toThrow(/Measurement_percentage_parts/);
    // A mean's total is above its count: minutes of response over incidents.
    const mean = await db.prisma.metric.findUniqueOrThrow({ where: { code: 'AMB_CAT2_MEAN' } });
    const service = await db.prisma.organisation.findUniqueOrThrow({ where: { odsCode: 'RRU' } });
    await insert({
      ...row,
      metricId: mean.id,
      organisationId: service.id,
      value: 28.55,
      numerator: 2855,
      denominator: 100,
    });
    await expect(insert({ ...row, period: '2025-04', denominator: null })).rejects.toThrow(/Measurement_rate_parts/);
    await expect(insert({ ...row, period: '2025-04', denominator: 0, numerator: 0 })).rejects.toThrow(
      /Measurement_rate_parts/,
    );
    await expect(insert({ ...row, period: '2025-04', periodEnd: '2025-02-28' })).rejects.toThrow(
      /Measurement_period_span/,
    );
    await expect(insert({ ...row, period: '2025-04', organisationId: 999_999 })).rejects.toThrow(/foreign key/i);
    await expect(
      db.sqlTransaction((sql) => sql.query(`UPDATE "Organisation" SET "type" = 'HOSPITAL' WHERE "odsCode" = 'RJ1'`)),
    ).rejects.toThrow(/enum/i);
    await expect(
      db.sqlTransaction((sql) => sql.query(`INSERT INTO "TargetScope" ("targetId") SELECT "id" FROM "Target" LIMIT 1`)),
    ).rejects.toThrow(/TargetScope_one_subject/);
    expect(await db.prisma.measurement.count()).toBe(2);

    // A breakdown's parts are held to the same rules.
    const part = { ...row, breakdown: 'MRI' };
    await insert(part, 'BreakdownMeasurement');
    await expect(insert(part, 'BreakdownMeasurement')).rejects.toThrow(/unique|duplicate/i);
    await expect(insert({ ...part, breakdown: 'CT', value: Number.NaN }, 'BreakdownMeasurement')).rejects.toThrow(
      /BreakdownMeasurement_value_finite/,
    );
    await expect(insert({ ...part, breakdown: 'CT', numerator: 1001 }, 'BreakdownMeasurement')).rejects.toThrow(
      /BreakdownMeasurement_percentage_parts/,
    );
    await expect(
      db.sqlTransaction((sql) => sql.query(`UPDATE "BreakdownMeasurement" SET "numerator" = 1200`)),
    ).rejects.toThrow(/BreakdownMeasurement_percentage_parts/);
    await expect(insert({ ...part, breakdown: 'CT', denominator: null }, 'BreakdownMeasurement')).rejects.toThrow(
      /BreakdownMeasurement_rate_parts/,
    );
    await expect(insert({ ...part, breakdown: 'CT', periodEnd: '2025-02-28' }, 'BreakdownMeasurement')).rejects.toThrow(
      /BreakdownMeasurement_period_span/,
    );
    expect(await db.prisma.breakdownMeasurement.count()).toBe(1);
  });
});
