import type { Database } from '../db/database.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import { rateValue, type MeasurementProblem } from '../domain/measurement.js';
import { parseAeAttendances } from '../ingest/ae-attendances.js';
import { parseAmbsys } from '../ingest/ambsys.js';
import { parseCwtProviderExtract } from '../ingest/cancer-waiting-times.js';
import { parseDm01 } from '../ingest/diagnostics-dm01.js';
import { parseRttOverview } from '../ingest/rtt-overview.js';
import { parseVirtualWards } from '../ingest/virtual-wards.js';
import { parseMeasurementsCsv } from '../ingest/measurements-csv.js';
import { parseNhseAeMonthly, type RegionResolver } from '../ingest/nhse-ae-monthly.js';
import type { ClaimOrigin, ParsedFile, ProviderSighting } from '../ingest/types.js';
import type { Publication } from '../ingest/publication.js';
import { PUBLICATIONS } from '../ingest/publications.js';
import { OPERATOR, type AuditedAction } from './audit.js';
import { recordBreakdowns } from './breakdowns.js';
import { recordMeasurements, type RecordMeasurementsResult, type RecordOptions } from './record-measurements.js';
import { ENGLAND_ODS_CODE } from '../domain/organisation.js';

type Tx = Prisma.TransactionClient;

/** One file to import: text, or the bytes as published (a workbook; a CSV's bytes are read as UTF-8). */
export type ImportFile = { name: string } & ({ text: string } | { bytes: Uint8Array });

/** Everything the product knows of one kind of file it imports, in one place. */
interface ImportFormatDefinition {
  /** Its name in the API's ImportFormat enum (and what `import --endpoint` sends). */
  apiName: string;
  /** What its files are and what is checked, for partners (the API's description of the format). */
  description: string;
  /** Whether its files are workbooks (bytes; base64 through the API) rather than text. */
  binary: boolean;
  /** The seeded source its new organisations are recorded against (null: it creates none). */
  providerSource: string | null;
  /** The publication a sync reads in this format (null: files come from partners or by hand). */
  publication: Publication | null;
  read(file: ImportFile, regionOf: RegionResolver): ParsedFile | Promise<ParsedFile>;
}

/** The formats, in the order a sync reads their publications. */
const FORMATS = {
  'nhse-ae-monthly': {
    apiName: 'NHSE_AE_MONTHLY',
    description:
      "NHS England's monthly A&E attendances and emergency admissions provider CSV (one month a file, with its England total row).",
    binary: false,
    providerSource: 'nhse-ae-monthly',
    publication: PUBLICATIONS.aeMonthly,
    read: (file, regionOf) => parseNhseAeMonthly(file.name, textOf(file), regionOf),
  },
  'ae-attendances': {
    apiName: 'AE_ATTENDANCES',
    description: 'The 2016-19 A&E long file (period, org_code, type, attendances, breaches, admissions).',
    binary: false,
    providerSource: 'nhsr-ae-attendances-2016-19',
    publication: PUBLICATIONS.aeAttendances2016To2019,
    read: (file) => parseAeAttendances(file.name, textOf(file)),
  },
  ambsys: {
    apiName: 'AMBSYS',
    description:
      "NHS England's Ambulance System Indicators CSV (Year, Month, Org Code, A7…A32), England and the ambulance services: response-time means, 90th centiles and incidents; the services must sum to England's row.",
    binary: false,
    // The ambulance services are NHS trusts, all in ODS's extract.
    providerSource: null,
    publication: PUBLICATIONS.ambsys,
    read: (file) => parseAmbsys(file.name, textOf(file)),
  },
  'cwt-provider': {
    apiName: 'CWT_PROVIDER',
    description:
      "NHS England's Cancer Waiting Times provider extract (CWT-CRS .xlsx, sent as base64): each provider's 28-day Faster Diagnosis, 31-day and 62-day rates by month, summed over the rows that make them up; a later file's figures for a month revise an earlier (provisional) one.",
    binary: true,
    // Independent-sector providers and trusts since merged are in no current ODS extract.
    providerSource: 'nhse-cwt-provider',
    publication: PUBLICATIONS.cwtProvider,
    read: (file) => parseCwtProviderExtract(file.name, bytesOf(file)),
  },
  dm01: {
    apiName: 'DM01',
    description:
      "NHS England's monthly diagnostics waiting times (DM01) provider workbook (the old Excel format, .xls, sent as base64): each provider's DIAG_6WK, DIAG_WAITING_LIST and DIAG_13WK, and the same for each of the 15 tests; the providers must add up to the Total row, each provider's tests to its total, and each published percentage agree with its counts.",
    binary: true,
    // Independent-sector providers are in no ODS trust extract.
    providerSource: 'nhse-dm01',
    publication: PUBLICATIONS.dm01,
    read: (file) => parseDm01(file.name, bytesOf(file)),
  },
  'virtual-wards': {
    apiName: 'VIRTUAL_WARDS',
    description:
      'NHS England\'s monthly virtual ward capacity and occupancy workbook (.xlsx, sent as base64): VIRTUAL_WARD_BEDS and VIRTUAL_WARD_OCCUPANCY as each ICB (and, from April 2025, each lead provider) reports them; England must be the ICBs\' sums; an occupancy is computed from its counts, and one not submitted ("**") is no value.',
    binary: true,
    // Lead providers that are not NHS trusts are in no ODS trust extract.
    providerSource: 'nhse-virtual-wards',
    publication: PUBLICATIONS.virtualWards,
    read: (file) => parseVirtualWards(file.name, bytesOf(file)),
  },
  'rtt-overview': {
    apiName: 'RTT_OVERVIEW',
    description:
      "NHS England's Referral to Treatment overview time series for England (.xlsx, sent as base64): RTT_WAITING_LIST, RTT_18WK, RTT_52WK, RTT_65WK, RTT_78WK and RTT_MEDIAN_WAIT by month, from the figures with estimates for missing trusts where there are any; each month's counts must add up, the longer waits nest and the median be within the 92nd centile.",
    binary: true,
    // England's series alone: no provider to create.
    providerSource: null,
    publication: PUBLICATIONS.rttOverview,
    read: (file) => parseRttOverview(file.name, bytesOf(file)),
  },
  measurements: {
    apiName: 'MEASUREMENTS',
    description: "A partner's CSV: metric_code, ods_code, period, value, numerator, denominator.",
    binary: false,
    // Partners' files write only for organisations that exist.
    providerSource: null,
    publication: null,
    read: (file) => parseMeasurementsCsv(file.name, textOf(file)),
  },
} as const satisfies Record<string, ImportFormatDefinition>;

export type ImportFormat = keyof typeof FORMATS;
export const IMPORT_FORMATS = Object.keys(FORMATS) as ImportFormat[];

/** What the product knows of a format: its API name, description, reader, and where its files come from. */
export function importFormat(format: ImportFormat): ImportFormatDefinition {
  return FORMATS[format];
}

function textOf(file: ImportFile): string {
  return 'text' in file ? file.text : Buffer.from(file.bytes).toString('utf8');
}

/** A file's bytes as published (text as UTF-8). */
export function bytesOf(file: ImportFile): Uint8Array {
  return 'bytes' in file ? file.bytes : Buffer.from(file.text, 'utf8');
}

export interface ImportProblem {
  file: string | null;
  line: number | null;
  field: string | null;
  code: string;
  message: string;
}

/** A figure as published or rolled up: a rate with its parts, or a count (parts null). */
export interface TotalFigure {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** A file's own England figure for a metric and period, against the roll-up of its providers. */
export interface TotalCheck {
  file: string;
  metricCode: string;
  period: string;
  published: TotalFigure;
  rolledUp: TotalFigure | null;
  matches: boolean;
}

export interface ImportReport extends Omit<
  RecordMeasurementsResult,
  'errors' | 'crossings' | 'watchEvents' | 'recorded'
> {
  /** How many crossings the import appended to the log. */
  crossings: number;
  /** How many watch events the import appended to their log. */
  watchEvents: number;
  /** How many breakdown values (a provider's or a roll-up's, for one part) were written or revised. */
  breakdownValues: number;
  files: { name: string; rows: number; periods: string[] }[];
  newProviders: ProviderSighting[];
  totals: TotalCheck[];
  /** Non-empty means nothing was written. */
  errors: ImportProblem[];
}

export interface ImportOptions {
  now: Date;
  /** Who imports, for the audit log; default: the operator (someone with the database itself). */
  actor?: Omit<AuditedAction, 'action'>;
  /** Whether the importer may record values for an organisation (a partner: its own); absent: anywhere. */
  mayWriteFor?: RecordOptions['mayWriteFor'];
  /** Runs once the import has committed, with what it wrote (a server publishes it to subscribers). */
  afterCommit?: (result: RecordMeasurementsResult) => Promise<void>;
  /** Called as each phase advances, for a progress bar. */
  onProgress?: (done: number, total: number, label: string) => void;
}

/**
 * How many files are read at once: a workbook is parsed in a thread of its own (workbook.ts), so
 * two keep two cores busy; more would only hold more workbooks in memory.
 */
const FILES_READ_AT_ONCE = 2;

/** Reads files of one format, two at a time (a workbook is parsed in its own thread); nothing touches the database (the --endpoint path uses this too). */
export async function parseFiles(
  format: ImportFormat,
  files: readonly ImportFile[],
  regionOf: RegionResolver,
  onRead: (file: ParsedFile, index: number) => void = () => {},
): Promise<ParsedFile[]> {
  const parsed: ParsedFile[] = [];
  let next = 0;
  let read = 0;
  const reader = async () => {
    for (let index = next++; index < files.length; index = next++) {
      const file = await FORMATS[format].read(files[index]!, regionOf);
      parsed[index] = file;
      onRead(file, read++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILES_READ_AT_ONCE, files.length) }, reader));
  return parsed;
}

/** The report of files read but not yet written: what they hold, and any problem reading them. */
export function reportOfParsedFiles(parsed: readonly ParsedFile[]): ImportReport {
  return {
    files: parsed.map((file) => ({
      name: file.file,
      rows: file.claims.length,
      periods: [...new Set(file.claims.map((claim) => claim.period))].sort(),
    })),
    newProviders: [],
    totals: [],
    inserted: 0,
    revised: 0,
    unchanged: 0,
    rollUpsRecomputed: 0,
    crossings: 0,
    watchEvents: 0,
    breakdownValues: 0,
    errors: parsed.flatMap((file) =>
      file.problems.map((problem) => ({ ...problem, field: null, code: 'INVALID_FILE' })),
    ),
  };
}

/** Matches the files' region names ("NHS ENGLAND NORTH EAST AND YORKSHIRE ") to region ODS codes. */
export async function loadRegionResolver(db: Database): Promise<RegionResolver> {
  const regions = await db.prisma.organisation.findMany({
    where: { type: 'REGION' },
    select: { odsCode: true, name: true },
  });
  const key = (name: string) =>
    name
      .toUpperCase()
      .replace(/^\s*NHS ENGLAND\s+/, '')
      .replace(/\s+/g, ' ')
      .trim();
  const byName = new Map(regions.map((region) => [key(region.name), region.odsCode]));
  return (parentOrg) => byName.get(key(parentOrg)) ?? null;
}

/**
 * Imports files into the database in one transaction: every file is read and checked first, new
 * providers are created under their region, the values recorded as the mutation records them, and
 * each file's England total row compared with the roll-up. Any problem anywhere writes nothing.
 */
export async function importFiles(
  db: Database,
  format: ImportFormat,
  files: readonly ImportFile[],
  options: ImportOptions,
): Promise<ImportReport> {
  const progress = options.onProgress ?? (() => {});
  const steps = files.length + 1;
  const regionOf = await loadRegionResolver(db);
  const parsed = await parseFiles(format, files, regionOf, (file, index) =>
    progress(index + 1, steps, `read ${file.file}`),
  );
  const report = reportOfParsedFiles(parsed);
  if (report.errors.length > 0) return report;

  const origins: ClaimOrigin[] = parsed.flatMap((file) => file.origins);
  const measurements = parsed.flatMap((file) =>
    file.claims.map((claim) => ({
      ...claim,
      source: `${format} file ${file.file}${file.edition ? ` (${file.edition})` : ''}`,
    })),
  );
  progress(files.length, steps, `writing ${measurements.length} values`);
  const result = await recordMeasurements(
    db,
    { source: `${format} import`, measurements },
    {
      now: options.now,
      today: options.now.toISOString().slice(0, 10),
      maxRows: Number.POSITIVE_INFINITY,
      audit: { ...(options.actor ?? OPERATOR), action: `import ${format}` },
      ...(options.mayWriteFor ? { mayWriteFor: options.mayWriteFor } : {}),
      prepare: async (tx) => {
        report.newProviders = await createMissingProviders(tx, format, parsed);
        const services = [...new Set(parsed.flatMap((file) => file.ambulanceServices))];
        if (services.length > 0)
          await tx.organisation.updateMany({
            where: { odsCode: { in: services }, ambulanceService: false },
            data: { ambulanceService: true },
          });
      },
      verify: async (tx) => {
        const breakdowns = await recordBreakdowns(
          tx,
          parsed.flatMap((file) => file.breakdowns),
          `${format} import`,
          options.now,
        );
        if (breakdowns.problems.length > 0) return breakdowns.problems.map((problem) => ({ ...problem, index: null }));
        report.breakdownValues = breakdowns.written;
        report.totals = await checkEnglandTotals(tx, parsed);
        return report.totals.filter((check) => !check.matches).map(totalMismatch);
      },
    },
  );
  progress(steps, steps, 'done');
  if (result.errors.length === 0) await options.afterCommit?.(result);
  const located = (problem: MeasurementProblem): ImportProblem => {
    const origin = problem.index === null ? undefined : origins[problem.index];
    return {
      file: origin?.file ?? null,
      line: origin?.line ?? null,
      field: problem.field,
      code: problem.code,
      message: problem.message,
    };
  };
  return {
    ...report,
    newProviders: result.errors.length > 0 ? [] : report.newProviders,
    breakdownValues: result.errors.length > 0 ? 0 : report.breakdownValues,
    inserted: result.inserted,
    revised: result.revised,
    unchanged: result.unchanged,
    rollUpsRecomputed: result.rollUpsRecomputed,
    crossings: result.crossings.length,
    watchEvents: result.watchEvents.length,
    errors: result.errors.map(located),
  };
}

async function createMissingProviders(
  tx: Tx,
  format: ImportFormat,
  parsed: readonly ParsedFile[],
): Promise<ProviderSighting[]> {
  const sourceKey = FORMATS[format].providerSource;
  if (!sourceKey) return [];
  const sightings = new Map(parsed.flatMap((file) => file.providers).map((provider) => [provider.odsCode, provider]));
  const known = new Set(
    (
      await tx.organisation.findMany({ where: { odsCode: { in: [...sightings.keys()] } }, select: { odsCode: true } })
    ).map((o) => o.odsCode),
  );
  const fresh = [...sightings.values()].filter((provider) => !known.has(provider.odsCode));
  if (fresh.length === 0) return [];
  const source = await tx.source.findUniqueOrThrow({ where: { key: sourceKey } });
  const anchors = new Map(
    (
      await tx.organisation.findMany({
        where: { OR: [{ type: 'REGION' }, { odsCode: ENGLAND_ODS_CODE }] },
        select: { id: true, odsCode: true },
      })
    ).map((o) => [o.odsCode, o.id]),
  );
  await tx.organisation.createMany({
    data: fresh.map((provider) => {
      const regionId = provider.regionOdsCode ? (anchors.get(provider.regionOdsCode) ?? null) : null;
      return {
        odsCode: provider.odsCode,
        // Files that give no name (the 2016-19 file) leave the code as the name until the ODS says more.
        name:
          provider.name === provider.odsCode
            ? `Provider ${provider.odsCode} (not in the current ODS extract)`
            : provider.name,
        type: /\bNHS (FOUNDATION )?TRUST\b/i.test(provider.name) ? ('TRUST' as const) : ('OTHER_PROVIDER' as const),
        // A provider under no ICB rolls up straight to its region; one with no known region, to England.
        parentId: regionId ?? anchors.get(ENGLAND_ODS_CODE) ?? null,
        regionId,
        sourceId: source.id,
      };
    }),
  });
  return fresh;
}

async function checkEnglandTotals(tx: Tx, parsed: readonly ParsedFile[]): Promise<TotalCheck[]> {
  const checks: TotalCheck[] = [];
  const codes = [...new Set(parsed.flatMap((file) => file.publishedTotals.map((total) => total.metricCode)))];
  const units = new Map(
    (await tx.metric.findMany({ where: { code: { in: codes } }, select: { code: true, unit: true } })).map((metric) => [
      metric.code,
      metric.unit,
    ]),
  );
  for (const file of parsed) {
    for (const total of file.publishedTotals) {
      const rolledUp = await tx.measurement.findFirst({
        where: {
          period: total.period,
          derived: true,
          metric: { code: total.metricCode },
          organisation: { odsCode: ENGLAND_ODS_CODE },
        },
        select: { value: true, numerator: true, denominator: true },
      });
      const unit = units.get(total.metricCode)!;
      const published: TotalFigure =
        'value' in total
          ? { value: total.value, numerator: null, denominator: null }
          : {
              value: rateValue(unit, total.numerator, total.denominator),
              numerator: total.numerator,
              denominator: total.denominator,
            };
      const matches =
        rolledUp !== null &&
        ('value' in total
          ? rolledUp.value === total.value
          : rolledUp.numerator === total.numerator && rolledUp.denominator === total.denominator);
      checks.push({
        file: file.file,
        metricCode: total.metricCode,
        period: total.period,
        published,
        rolledUp,
        matches,
      });
    }
  }
  return checks;
}

function totalMismatch(check: TotalCheck): MeasurementProblem {
  const got = check.rolledUp;
  const [published, rolledUp, difference] =
    check.published.numerator === null
      ? [
          String(check.published.value),
          got ? String(got.value) : 'nothing',
          got ? signed(got.value - check.published.value) : '',
        ]
      : [
          `${check.published.numerator}/${check.published.denominator}`,
          got ? `${got.numerator}/${got.denominator}` : 'nothing',
          got
            ? `numerator ${signed((got.numerator ?? 0) - check.published.numerator)}, denominator ${signed((got.denominator ?? 0) - (check.published.denominator ?? 0))}`
            : '',
        ];
  return {
    index: null,
    field: null,
    code: 'TOTAL_MISMATCH',
    message: `${check.file}: England ${check.metricCode} for ${check.period} rolls up to ${rolledUp}, but the file's total row says ${published} (${difference || 'no England value at all'}).`,
  };
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
