/**
 * Ingest, in rows per second, on one backend:
 *   1. the 13 monthly A&E files imported in one go, and one month alone (the aim: a month imported,
 *      rolled up and checked in under a second on PostgreSQL);
 *   2. synthetic measurements through the recordMeasurements mutation over HTTP, in batches of
 *      10,000, against a server on loopback;
 *   3. the ceiling: the same rows as plain multi-row INSERTs into a bare table.
 */
import type { Database } from '../src/db/database.js';
import { buildApp } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { createApiKey } from '../src/services/api-keys.js';
import { importFiles } from '../src/services/import.js';
import { MAX_BATCH_ROWS } from '../src/services/record-measurements.js';
import { freshDatabase, monthlyFiles, round, time, type Backend } from './support.js';

export interface IngestResult {
  scenario: string;
  /** What the ratios are taken between: the mutation, and the two ceilings it is compared with. */
  role?: 'mutation' | 'bare ceiling' | 'table ceiling';
  backend: Backend;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  note?: string;
}

/** Synthetic counts: every provider, month after month back from June 2025. */
async function syntheticRows(db: Database, count: number) {
  const providers = await db.prisma.organisation.findMany({
    where: { type: 'TRUST' },
    select: { odsCode: true },
    orderBy: { odsCode: 'asc' },
  });
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

/**
 * Rows as plain multi-row INSERTs of 1,000 rows each, in one transaction (after `before`, if given):
 * how the ceilings write. `tuple` shapes one row's VALUES from its placeholders. Returns the seconds.
 */
async function plainInserts<Row>(
  db: Database,
  rows: readonly Row[],
  {
    before,
    into,
    values,
    tuple = (placeholders) => `(${placeholders.join(', ')})`,
  }: { before?: string; into: string; values: (row: Row) => unknown[]; tuple?: (placeholders: string[]) => string },
): Promise<number> {
  const [, seconds] = await time(() =>
    db.sqlTransaction(async (sql) => {
      if (before) await sql.exec(before);
      for (let start = 0; start < rows.length; start += 1_000) {
        const chunk = rows.slice(start, start + 1_000).map(values);
        const tuples = chunk.map((row, i) => tuple(row.map((_, k) => `$${i * row.length + k + 1}`)));
        await sql.query(`INSERT INTO ${into} VALUES ${tuples.join(', ')}`, chunk.flat());
      }
    }),
  );
  return seconds;
}

export async function ingest(
  backend: Backend,
  { adminUrl, smoke }: { adminUrl: string; smoke: boolean },
): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const record = (scenario: string, rows: number, seconds: number, note?: string, role?: IngestResult['role']) =>
    results.push({
      scenario,
      ...(role ? { role } : {}),
      backend,
      rows,
      seconds: round(seconds, 3),
      rowsPerSecond: Math.round(rows / seconds),
      ...(note ? { note } : {}),
    });
  const allFiles = monthlyFiles();
  const files = smoke ? allFiles.slice(0, 2) : allFiles;
  {
    const { db, drop } = await freshDatabase(backend, adminUrl);
    const [report, seconds] = await time(() => importFiles(db, 'nhse-ae-monthly', files, { now: new Date() }));
    if (report.errors.length > 0) throw new Error(report.errors[0]!.message);
    record(
      `import ${files.length} monthly A&E files`,
      report.inserted,
      seconds,
      `${report.rollUpsRecomputed} roll-ups, totals checked`,
    );
    await drop();
  }
  {
    const { db, drop } = await freshDatabase(backend, adminUrl);
    const month = allFiles.filter((file) => file.name.includes('June-2024'));
    const [report, seconds] = await time(() => importFiles(db, 'nhse-ae-monthly', month, { now: new Date() }));
    record('import one month (June 2024)', report.inserted, seconds, seconds < 1 ? 'under 1 s' : 'over 1 s');
    await drop();
  }
  {
    const { db, drop } = await freshDatabase(backend, adminUrl);
    const rows = await syntheticRows(db, smoke ? 2_000 : 100_000);
    const { key } = await createApiKey(db, { role: 'ADMIN', organisations: [], label: 'bench' }, new Date());
    const app = buildApp({ db, logger: createLogger('silent') });
    const url = await app.start(0);
    const [, seconds] = await time(async () => {
      for (let start = 0; start < rows.length; start += MAX_BATCH_ROWS) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({
            query:
              'mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted errors { message } } }',
            variables: { input: { source: 'bench', measurements: rows.slice(start, start + MAX_BATCH_ROWS) } },
          }),
        });
        const body = (await response.json()) as {
          data?: { recordMeasurements: { inserted: number; errors: { message: string }[] } };
          errors?: unknown;
        };
        if (!body.data || body.data.recordMeasurements.errors.length > 0)
          throw new Error(JSON.stringify(body).slice(0, 500));
      }
    });
    record(
      `${rows.length.toLocaleString('en-GB')} rows through recordMeasurements`,
      rows.length,
      seconds,
      'HTTP on loopback, batches of 10,000, roll-ups included',
      'mutation',
    );
    await app.stop();

    // The ceiling: the same rows as plain multi-row INSERTs, no checks and no roll-ups.
    const ceiling = await plainInserts(db, rows, {
      before: 'CREATE TEMP TABLE bench_ceiling (metric text, ods text, period text, value float8)',
      into: 'bench_ceiling',
      values: (row) => [row.metricCode, row.odsCode, row.period, row.value],
    });
    record(
      'ceiling: plain multi-row INSERT of the same rows',
      rows.length,
      ceiling,
      'into a bare table: no keys, indexes or checks',
      'bare ceiling',
    );
    await drop();
  }
  {
    // The table's own ceiling: the same rows straight into Measurement, codes resolved beforehand,
    // so its keys, indexes, checks and triggers are paid for and nothing else is.
    const { db, drop } = await freshDatabase(backend, adminUrl);
    const rows = await syntheticRows(db, smoke ? 2_000 : 100_000);
    const metric = await db.prisma.metric.findUniqueOrThrow({ where: { code: 'AE_12HR_DTA' }, select: { id: true } });
    const organisationIds = new Map(
      (await db.prisma.organisation.findMany({ select: { id: true, odsCode: true } })).map((o) => [o.odsCode, o.id]),
    );
    const seconds = await plainInserts(db, rows, {
      into: '"Measurement" ("metricId", "organisationId", "period", "periodStart", "periodEnd", "value", "derived", "source", "recordedAt")',
      values: (row) => [organisationIds.get(row.odsCode), row.period, `${row.period}-01`, row.value],
      tuple: ([organisationId, period, start, value]) =>
        `(${metric.id}, ${organisationId}::int, ${period}, ${start}::date, (${start}::date + interval '1 month' - interval '1 day')::date, ${value}::float8, false, 'bench', now())`,
    });
    record(
      'ceiling: plain multi-row INSERT into the Measurement table',
      rows.length,
      seconds,
      'its keys, indexes, checks and triggers; no roll-ups',
      'table ceiling',
    );
    await drop();
  }
  return results;
}
