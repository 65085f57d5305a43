import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../config/env.js';
import { openDatabase } from '../db/database.js';
import { migrationStatus } from '../db/migrations.js';
import { MAX_BATCH_ROWS } from '../services/record-measurements.js';
import { importFiles, parseFiles, reportOfParsedFiles, type ImportFile, type ImportFormat, type ImportProblem, type ImportReport } from '../services/import.js';
import { createProgressBar } from './progress.js';

export interface ImportCommandOptions {
  format: ImportFormat;
  paths: string[];
  /** A running server's GraphQL endpoint: send the rows through its API instead of opening the database. */
  endpoint?: string;
  key?: string;
  env: Environment;
}

export class ImportFailed extends Error {
  override name = 'ImportFailed';
}

export function readImportFiles(paths: readonly string[]): ImportFile[] {
  return paths.map((file) => {
    try {
      return { name: path.basename(file), text: readFileSync(file, 'utf8') };
    } catch (error) {
      throw new ImportFailed(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  });
}

/** Runs an import and prints its summary; resolves with the exit code (1 on any problem). */
export async function runImport(options: ImportCommandOptions): Promise<number> {
  const files = readImportFiles(options.paths);
  const bar = createProgressBar();
  let report: ImportReport;
  try {
    report = options.endpoint
      ? await importThroughApi(options.endpoint, options.key, options.format, files, bar.update)
      : await importIntoDatabase(options, files, bar.update);
  } finally {
    bar.finish();
  }
  printSummary(report);
  return report.errors.length > 0 ? 1 : 0;
}

async function importIntoDatabase(options: ImportCommandOptions, files: ImportFile[], onProgress: (done: number, total: number, label: string) => void): Promise<ImportReport> {
  const db = await openDatabase(options.env.DATABASE_URL);
  try {
    const { pending } = await migrationStatus(db);
    if (pending.length > 0) throw new ImportFailed('The database is not migrated: run `migrate` (or `serve`) first.');
    return await importFiles(db, options.format, files, { now: new Date(), onProgress });
  } finally {
    await db.close();
  }
}

const RECORD = `mutation RecordMeasurements($input: RecordMeasurementsInput!) {
  recordMeasurements(input: $input) { inserted revised unchanged rollUpsRecomputed crossingsRecorded errors { index field code message } }
}`;

/**
 * Sends the files' rows through a running server's recordMeasurements, in batches of at most
 * 10,000. Each batch is all-or-nothing on the server; the first refused batch stops the import.
 * Region names are not checked here (the server knows its organisations; unknown ones are refused).
 */
export async function importThroughApi(
  endpoint: string,
  key: string | undefined,
  format: ImportFormat,
  files: ImportFile[],
  onProgress: (done: number, total: number, label: string) => void,
): Promise<ImportReport> {
  const parsed = parseFiles(format, files, (parentOrg) => (parentOrg.trim() ? parentOrg.trim() : null));
  const report = reportOfParsedFiles(parsed);
  if (report.errors.length > 0) return report;
  const claims = parsed.flatMap((file) => file.claims);
  const origins = parsed.flatMap((file) => file.origins);
  for (let start = 0; start < claims.length; start += MAX_BATCH_ROWS) {
    onProgress(start, claims.length, `sending rows ${start + 1}–${Math.min(start + MAX_BATCH_ROWS, claims.length)}`);
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query: RECORD, variables: { input: { source: `${format} import via API`, measurements: claims.slice(start, start + MAX_BATCH_ROWS) } } }),
    }).catch((error: unknown) => {
      throw new ImportFailed(`Cannot reach ${endpoint}: ${(error as Error).cause ?? error}`);
    });
    const body = (await response.json().catch(() => ({}))) as {
      data?: { recordMeasurements: Omit<ImportReport, 'files' | 'newProviders' | 'totals' | 'errors' | 'crossings'> & {
        crossingsRecorded: number; errors: { index: number | null; field: string | null; code: string; message: string }[] } };
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    if (!body.data) {
      report.errors.push({ file: null, line: null, field: null, code: body.errors?.[0]?.extensions?.code ?? `HTTP_${response.status}`, message: body.errors?.[0]?.message ?? `The server answered HTTP ${response.status}.` });
      return report;
    }
    const result = body.data.recordMeasurements;
    report.inserted += result.inserted;
    report.revised += result.revised;
    report.unchanged += result.unchanged;
    report.rollUpsRecomputed += result.rollUpsRecomputed;
    report.crossings += result.crossingsRecorded;
    if (result.errors.length > 0) {
      report.errors.push(
        ...result.errors.map((problem): ImportProblem => {
          const origin = problem.index === null ? undefined : origins[start + problem.index];
          return { file: origin?.file ?? null, line: origin?.line ?? null, field: problem.field, code: problem.code, message: problem.message };
        }),
      );
      return report;
    }
  }
  onProgress(claims.length, claims.length, 'done');
  return report;
}

function printSummary(report: ImportReport): void {
  const lines: string[] = [];
  for (const file of report.files) lines.push(`${file.name}: ${file.rows} values for ${file.periods.join(', ') || 'no period'}`);
  for (const provider of report.newProviders) lines.push(`new provider ${provider.odsCode} ${provider.name} (region ${provider.regionOdsCode ?? 'unknown'})`);
  for (const check of report.totals) {
    lines.push(
      `England AE_4HR ${check.period} (${check.file}): ${check.matches ? 'matches' : 'DOES NOT MATCH'} the published total ${check.published.numerator}/${check.published.denominator}`,
    );
  }
  if (report.errors.length === 0) {
    lines.push(`${report.inserted} inserted, ${report.revised} revised, ${report.unchanged} unchanged; ${report.rollUpsRecomputed} roll-ups recomputed; ${report.crossings} crossings`);
    console.log(lines.join('\n'));
    return;
  }
  console.log(lines.join('\n'));
  const shown = report.errors.slice(0, 50).map((problem) => {
    const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}: ` : '';
    return `${where}${problem.code}${problem.field ? ` (${problem.field})` : ''}: ${problem.message}`;
  });
  const more = report.errors.length > 50 ? [`… and ${report.errors.length - 50} more`] : [];
  // Through the API each batch stands alone: batches before the refused one are recorded.
  const recorded = report.inserted + report.revised + report.unchanged;
  const headline = recorded > 0 ? `Stopped at a refused batch after ${recorded} values were recorded` : 'Nothing was written';
  console.error([`${headline}: ${report.errors.length} problem(s).`, ...shown, ...more].join('\n'));
}

