import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../config/env.js';
import { openDatabase } from '../db/database.js';
import { migrationStatus } from '../db/migrations.js';
import {
  importFormat,
  bytesOf,
  importFiles,
  parseFiles,
  reportOfParsedFiles,
  type ImportFile,
  type ImportFormat,
  type ImportProblem,
  type ImportReport,
} from '../services/import.js';
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
      return { name: path.basename(file), bytes: readFileSync(file) };
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

async function importIntoDatabase(
  options: ImportCommandOptions,
  files: ImportFile[],
  onProgress: (done: number, total: number, label: string) => void,
): Promise<ImportReport> {
  const db = await openDatabase(options.env.DATABASE_URL);
  try {
    const { pending } = await migrationStatus(db);
    if (pending.length > 0) throw new ImportFailed('The database is not migrated: run `migrate` (or `serve`) first.');
    return await importFiles(db, options.format, files, { now: new Date(), onProgress });
  } finally {
    await db.close();
  }
}

const IMPORT = `mutation ImportFiles($format: ImportFormat!, $files: [ImportFileInput!]!) {
  importFiles(format: $format, files: $files) {
    files { name rows periods }
    newProviders { odsCode name regionOdsCode }
    totals: publishedTotals {
      file metricCode period matches
      published { value numerator denominator }
      rolledUp { value numerator denominator }
    }
    inserted revised unchanged rollUpsRecomputed breakdownValues crossingsRecorded watchEventsRecorded
    errors { file line field code message }
  }
}`;

/** How much file content one request carries (as text, or a workbook as base64): under the server's default body limit (8 MiB), with room for JSON escaping. */
export const API_IMPORT_BYTES = 6 * 1024 * 1024;

/**
 * Sends the files to a running server's importFiles, which reads, checks and records them exactly
 * as an import into the database does (new providers, England totals, one transaction). Files are
 * sent together up to API_IMPORT_BYTES a request; each request is all-or-nothing on the server and
 * the first refused one stops the import.
 */
export async function importThroughApi(
  endpoint: string,
  key: string | undefined,
  format: ImportFormat,
  files: ImportFile[],
  onProgress: (done: number, total: number, label: string) => void,
): Promise<ImportReport> {
  // Read here first, so that a broken file is named without a round trip.
  const report = reportOfParsedFiles(
    await parseFiles(format, files, (parentOrg) => (parentOrg.trim() ? parentOrg.trim() : null)),
  );
  if (report.errors.length > 0) return report;
  report.files = [];
  const groups = groupBySize(
    files.map((file) => asApiFile(format, file)),
    API_IMPORT_BYTES,
  );
  for (const [index, group] of groups.entries()) {
    onProgress(index, groups.length, `sending ${group.map((file) => file.name).join(', ')}`);
    const answer = await postImport(endpoint, key, format, group);
    report.files.push(...answer.files);
    report.newProviders.push(...answer.newProviders);
    report.totals.push(...answer.totals);
    report.inserted += answer.inserted;
    report.revised += answer.revised;
    report.unchanged += answer.unchanged;
    report.rollUpsRecomputed += answer.rollUpsRecomputed;
    report.breakdownValues += answer.breakdownValues;
    report.crossings += answer.crossings;
    report.errors.push(...answer.errors);
    if (report.errors.length > 0) return report;
  }
  onProgress(groups.length, groups.length, 'done');
  return report;
}

type ApiFile = { name: string } & ({ text: string } | { base64: string });

/** A file as importFiles takes it: a workbook as base64, text as itself. */
function asApiFile(format: ImportFormat, file: ImportFile): ApiFile {
  const bytes = Buffer.from(bytesOf(file));
  return importFormat(format).binary
    ? { name: file.name, base64: bytes.toString('base64') }
    : { name: file.name, text: bytes.toString('utf8') };
}

function groupBySize(files: readonly ApiFile[], maxBytes: number): ApiFile[][] {
  const groups: ApiFile[][] = [];
  let bytes = Infinity;
  for (const file of files) {
    const size = Buffer.byteLength('text' in file ? file.text : file.base64);
    if (bytes + size > maxBytes) {
      groups.push([]);
      bytes = 0;
    }
    groups.at(-1)!.push(file);
    bytes += size;
  }
  return groups;
}

async function postImport(
  endpoint: string,
  key: string | undefined,
  format: ImportFormat,
  files: ApiFile[],
): Promise<ImportReport> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query: IMPORT, variables: { format: importFormat(format).apiName, files } }),
  }).catch((error: unknown) => {
    throw new ImportFailed(`Cannot reach ${endpoint}: ${(error as Error).cause ?? error}`);
  });
  const body = (await response.json().catch(() => ({}))) as {
    data?: {
      importFiles: Omit<ImportReport, 'crossings' | 'watchEvents'> & {
        crossingsRecorded: number;
        watchEventsRecorded: number;
      };
    };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (!body.data) {
    const refusal: ImportProblem = {
      file: null,
      line: null,
      field: null,
      code: body.errors?.[0]?.extensions?.code ?? `HTTP_${response.status}`,
      message: body.errors?.[0]?.message ?? `The server answered HTTP ${response.status}.`,
    };
    return { ...reportOfParsedFiles([]), errors: [refusal] };
  }
  const { crossingsRecorded, watchEventsRecorded, ...answer } = body.data.importFiles;
  return { ...answer, crossings: crossingsRecorded, watchEvents: watchEventsRecorded };
}

function printSummary(report: ImportReport): void {
  const lines: string[] = [];
  for (const file of report.files)
    lines.push(`${file.name}: ${file.rows} values for ${file.periods.join(', ') || 'no period'}`);
  for (const provider of report.newProviders)
    lines.push(`new provider ${provider.odsCode} ${provider.name} (region ${provider.regionOdsCode ?? 'unknown'})`);
  for (const check of report.totals) {
    const published =
      check.published.numerator === null
        ? String(check.published.value)
        : `${check.published.numerator}/${check.published.denominator}`;
    lines.push(
      `England ${check.metricCode} ${check.period} (${check.file}): ${check.matches ? 'matches' : 'DOES NOT MATCH'} the published total ${published}`,
    );
  }
  if (report.errors.length === 0) {
    lines.push(
      `${report.inserted} inserted, ${report.revised} revised, ${report.unchanged} unchanged; ${report.rollUpsRecomputed} roll-ups recomputed; ${report.crossings} crossings${report.breakdownValues > 0 ? `; ${report.breakdownValues} breakdown values written` : ''}`,
    );
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
  const headline =
    recorded > 0 ? `Stopped at a refused batch after ${recorded} values were recorded` : 'Nothing was written';
  console.error([`${headline}: ${report.errors.length} problem(s).`, ...shown, ...more].join('\n'));
}
