/**
 * `npm run bench`: the ingest benchmark (rows per second) on embedded PGlite and on PostgreSQL.
 *   1. the 13 monthly A&E files imported in one go, and one month alone (the aim: a month
 *      imported, rolled up and checked in under a second on PostgreSQL);
 *   2. 100,000 synthetic measurements through the recordMeasurements mutation over HTTP, in
 *      batches of 10,000, against a server on loopback;
 *   3. the ceiling: the same 100,000 rows as plain multi-row INSERTs into a bare table.
 * Options: --smoke (a small run to keep the bench from rotting), --postgres <url> (default
 * postgresql://postgres@127.0.0.1:5432/postgres; a scratch database is made beside it),
 * --no-postgres. Prints a table and writes bench/results/<date>.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { databaseUrlSchema, type DatabaseLocation } from '../src/config/env.js';
import { adminQuery, databaseUrl, dropDatabaseWhenFree } from '../src/db/admin.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { applyMigrations } from '../src/db/migrations.js';
import { buildApp } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { shippedFixtures } from '../src/services/fixtures.js';
import { importFiles } from '../src/services/import.js';
import { MAX_BATCH_ROWS } from '../src/services/record-measurements.js';
import { seedReferenceData } from '../src/services/seed.js';

const { values } = parseArgs({
  options: { smoke: { type: 'boolean' }, postgres: { type: 'string' }, 'no-postgres': { type: 'boolean' } },
});
const smoke = values.smoke === true;
const adminUrl = values.postgres ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SYNTHETIC_ROWS = smoke ? 2_000 : 100_000;

interface Result {
  scenario: string;
  backend: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  note?: string;
}
const results: Result[] = [];
const record = (scenario: string, backend: string, rows: number, seconds: number, note?: string) =>
  results.push({ scenario, backend, rows, seconds: round(seconds, 3), rowsPerSecond: Math.round(rows / seconds), ...(note ? { note } : {}) });
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e9];
};

async function freshDatabase(backend: 'pglite' | 'postgres'): Promise<{ db: Database; drop: () => Promise<void> }> {
  let location: DatabaseLocation = { kind: 'pglite-memory' };
  let drop = async () => {};
  if (backend === 'postgres') {
    const name = `nmg_bench_${process.pid}_${Date.now()}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    location = databaseUrlSchema.parse(databaseUrl(adminUrl, name));
    drop = () => dropDatabaseWhenFree(adminUrl, name);
  }
  const db = await openDatabase(location);
  await applyMigrations(db);
  await seedReferenceData(db);
  return {
    db,
    drop: async () => {
      await db.close();
      await drop();
    },
  };
}

function monthlyFiles() {
  return shippedFixtures().map((file) => ({ name: file.split('/').at(-1)!, text: readFileSync(file, 'utf8') }));
}

/** Synthetic counts: every provider, month after month back from June 2025. */
async function syntheticRows(db: Database, count: number) {
  const providers = await db.prisma.organisation.findMany({ where: { type: 'TRUST' }, select: { odsCode: true }, orderBy: { odsCode: 'asc' } });
  const months = Math.ceil(count / providers.length);
  const rows = [];
  for (let m = 0; m < months && rows.length < count; m += 1) {
    const date = new Date(Date.UTC(2025, 5 - m, 1));
    const period = date.toISOString().slice(0, 7);
    for (const provider of providers) {
      if (rows.length === count) break;
      rows.push({ metricCode: 'AE_12HR_DTA', odsCode: provider.odsCode, period, value: (m * 7 + rows.length) % 500 });
    }
  }
  return rows;
}

async function ingest(backend: 'pglite' | 'postgres') {
  const allFiles = monthlyFiles();
  const files = smoke ? allFiles.slice(0, 2) : allFiles;
  {
    const { db, drop } = await freshDatabase(backend);
    const [report, seconds] = await time(() => importFiles(db, 'nhse-ae-monthly', files, { now: new Date() }));
    if (report.errors.length > 0) throw new Error(report.errors[0]!.message);
    record(`import ${files.length} monthly A&E files`, backend, report.inserted, seconds, `${report.rollUpsRecomputed} roll-ups, totals checked`);
    await drop();
  }
  {
    const { db, drop } = await freshDatabase(backend);
    const month = allFiles.filter((file) => file.name.includes('June-2024'));
    const [report, seconds] = await time(() => importFiles(db, 'nhse-ae-monthly', month, { now: new Date() }));
    record('import one month (June 2024)', backend, report.inserted, seconds, seconds < 1 ? 'under 1 s' : 'over 1 s');
    await drop();
  }
  {
    const { db, drop } = await freshDatabase(backend);
    const rows = await syntheticRows(db, SYNTHETIC_ROWS);
    const app = buildApp({ db, logger: createLogger('silent') });
    const url = await app.start(0);
    const [, seconds] = await time(async () => {
      for (let start = 0; start < rows.length; start += MAX_BATCH_ROWS) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted errors { message } } }',
            variables: { input: { source: 'bench', measurements: rows.slice(start, start + MAX_BATCH_ROWS) } },
          }),
        });
        const body = (await response.json()) as { data?: { recordMeasurements: { inserted: number; errors: { message: string }[] } }; errors?: unknown };
        if (!body.data || body.data.recordMeasurements.errors.length > 0) throw new Error(JSON.stringify(body).slice(0, 500));
      }
    });
    record(`${rows.length.toLocaleString('en-GB')} rows through recordMeasurements`, backend, rows.length, seconds, 'HTTP on loopback, batches of 10,000, roll-ups included');
    await app.stop();

    // The ceiling: the same rows as plain multi-row INSERTs, no checks and no roll-ups.
    const [, ceiling] = await time(() =>
      db.sqlTransaction(async (sql) => {
        await sql.exec('CREATE TEMP TABLE bench_ceiling (metric text, ods text, period text, value float8)');
        for (let start = 0; start < rows.length; start += 1_000) {
          const chunk = rows.slice(start, start + 1_000);
          const params = chunk.flatMap((row) => [row.metricCode, row.odsCode, row.period, row.value]);
          const placeholders = chunk.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(', ');
          await sql.query(`INSERT INTO bench_ceiling VALUES ${placeholders}`, params);
        }
      }),
    );
    record('ceiling: plain multi-row INSERT of the same rows', backend, rows.length, ceiling);
    await drop();
  }
}

await ingest('pglite');
if (!values['no-postgres']) await ingest('postgres');

const widths = { scenario: 52, backend: 9, rows: 9, seconds: 9, rate: 10 };
console.log(
  ['scenario'.padEnd(widths.scenario), 'backend'.padEnd(widths.backend), 'rows'.padStart(widths.rows), 'seconds'.padStart(widths.seconds), 'rows/s'.padStart(widths.rate), 'note'].join(' | '),
);
for (const r of results) {
  console.log(
    [r.scenario.padEnd(widths.scenario), r.backend.padEnd(widths.backend), String(r.rows).padStart(widths.rows), r.seconds.toFixed(3).padStart(widths.seconds), String(r.rowsPerSecond).padStart(widths.rate), r.note ?? ''].join(' | '),
  );
}
for (const backend of ['pglite', 'postgres']) {
  const through = results.find((r) => r.backend === backend && r.scenario.includes('recordMeasurements'));
  const ceiling = results.find((r) => r.backend === backend && r.scenario.startsWith('ceiling'));
  if (through && ceiling) console.log(`${backend}: mutation at ${round(through.rowsPerSecond / ceiling.rowsPerSecond, 3)}× the plain-INSERT ceiling`);
}
if (!smoke) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL(`./results/${new Date().toISOString().slice(0, 10)}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify({ machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, results }, null, 2)}\n`);
  console.log(`written ${file.pathname}`);
}
