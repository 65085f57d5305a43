import type { MeasurementClaim } from '../domain/measurement.js';
import { parseCsvWithHeader } from './csv.js';
import { emptyParsedFile, type ParsedFile } from './types.js';
import { ENGLAND_ODS_CODE } from '../domain/organisation.js';

/**
 * NHS England's Ambulance System Indicators (AmbSYS): one row per month and organisation, England
 * (`Eng`), the ambulance services by ODS code and, in the full file, regions; the indicators are
 * columns named by code, read by header (the full file has many more than are read here), `.` for
 * not available. Response times are published in seconds and recorded in minutes.
 *
 * The services' values are recorded; England's means are rolled up from them (summed times over
 * summed incidents), so the file's own England row is the check: the services' incidents and total
 * times must sum to it exactly, and every published mean must be its total over its count. Only
 * the 90th centiles, which cannot be rolled up, are recorded for England as published.
 */
const ENGLAND_ROW = 'ENG';
/** Region rows of the full file (Y56…Y63): rolled up here from the services, so not read. */
const REGION_ROW = /^Y\d{2}$/;

const REQUIRED = ['Year', 'Month', 'Org Code', 'A7', 'A8', 'A10', 'A24', 'A26', 'A30', 'A32'] as const;
/** The counts and totals that must sum to England's. */
const SUMMED = ['A7', 'A8', 'A10', 'A24', 'A30'] as const;
/** Each published mean, with the total and count it is of. */
const MEANS = [
  { mean: 'A25', total: 'A24', count: 'A8' },
  { mean: 'A31', total: 'A30', count: 'A10' },
] as const;

type Indicator = (typeof REQUIRED)[number] | 'A25' | 'A31';

interface Row {
  line: number;
  odsCode: string;
  period: string;
  values: Map<Indicator, number | null>;
}

export function parseAmbsys(file: string, text: string): ParsedFile {
  const parsed = emptyParsedFile(file);
  const problem = (line: number | null, message: string) => parsed.problems.push({ file, line, message });
  const records = parseCsvWithHeader(text);
  const header = records[0] ? Object.keys(records[0]).map((name) => name.trim()) : [];
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (records.length === 0 || missing.length > 0) {
    problem(
      1,
      records.length === 0
        ? 'The file has no rows.'
        : `This is not an AmbSYS file: it lacks the columns ${missing.join(', ')}.`,
    );
    return parsed;
  }

  const rows: Row[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const line = index + 2;
    const cells = new Map(Object.entries(record).map(([name, value]) => [name.trim(), value.trim()]));
    const cell = (column: string) => cells.get(column) ?? '';
    const year = Number(cell('Year'));
    const month = Number(cell('Month'));
    if (!Number.isInteger(year) || year < 2000 || !Number.isInteger(month) || month < 1 || month > 12)
      return problem(line, `"${cell('Year')}" "${cell('Month')}" is not a year and month.`);
    const code = cell('Org Code').toUpperCase();
    if (REGION_ROW.test(code)) return;
    if (code !== ENGLAND_ROW && !/^[A-Z0-9]{3,5}$/.test(code))
      return problem(line, `"${cell('Org Code')}" is not an ODS code.`);
    const period = `${year}-${String(month).padStart(2, '0')}`;
    const key = `${code}|${period}`;
    if (seen.has(key)) return problem(line, `${code} ${period} is in the file twice (also at line ${seen.get(key)}).`);
    seen.set(key, line);
    const values = new Map<Indicator, number | null>();
    for (const column of [...REQUIRED.slice(3), 'A25', 'A31'] as Indicator[]) {
      const text = cell(column);
      if (text === '.' || (text === '' && (column === 'A25' || column === 'A31'))) {
        values.set(column, null);
        continue;
      }
      const number = Number(text.replace(/,/g, ''));
      if (text === '' || !Number.isFinite(number) || number < 0)
        return problem(
          line,
          `${column} is "${text}": a count or a time in seconds, not negative, or "." when not available.`,
        );
      values.set(column, number);
    }
    for (const part of ['A8', 'A10'] as const) {
      const count = values.get(part);
      const all = values.get('A7');
      if (count != null && all != null && count > all)
        return problem(line, `${code} ${period}: ${part} (${count}) is more than all incidents, A7 (${all}).`);
    }
    rows.push({ line, odsCode: code === ENGLAND_ROW ? ENGLAND_ODS_CODE : code, period, values });
  });
  if (parsed.problems.length > 0) return parsed;

  for (const row of rows) checkMeans(row, problem);
  for (const period of [...new Set(rows.map((row) => row.period))].sort()) {
    const inPeriod = rows.filter((row) => row.period === period);
    const england = inPeriod.find((row) => row.odsCode === ENGLAND_ODS_CODE);
    const services = inPeriod.filter((row) => row.odsCode !== ENGLAND_ODS_CODE);
    if (!england) {
      problem(null, `${period} has no England row ("Eng") to check the services against.`);
      continue;
    }
    for (const column of SUMMED) {
      const parts = services.map((row) => row.values.get(column));
      const total = england.values.get(column);
      if (total === null || total === undefined || parts.some((part) => part === null || part === undefined)) continue;
      const sum = (parts as number[]).reduce((a, b) => a + b, 0);
      if (sum !== total)
        problem(england.line, `${period}: the services' ${column} sum to ${sum}, but England's is ${total}.`);
    }
  }
  if (parsed.problems.length > 0) return parsed;

  for (const row of rows) {
    const claim = (claimed: Omit<MeasurementClaim, 'odsCode' | 'period'>) => {
      parsed.claims.push({ ...claimed, odsCode: row.odsCode, period: row.period });
      parsed.origins.push({ file, line: row.line });
    };
    const value = (column: Indicator) => row.values.get(column) ?? null;
    const centiles = [
      { metricCode: 'AMB_CAT1_P90', seconds: value('A26') },
      { metricCode: 'AMB_CAT2_P90', seconds: value('A32') },
    ];
    for (const { metricCode, seconds } of centiles) if (seconds !== null) claim({ metricCode, value: seconds / 60 });
    if (row.odsCode === ENGLAND_ODS_CODE) continue;
    if (!parsed.providers.some((provider) => provider.odsCode === row.odsCode)) {
      parsed.providers.push({ odsCode: row.odsCode, name: row.odsCode, regionOdsCode: null });
      parsed.ambulanceServices.push(row.odsCode);
    }
    const incidents = value('A7');
    if (incidents !== null) claim({ metricCode: 'AMB_INCIDENTS', value: incidents });
    const means = [
      { metricCode: 'AMB_CAT1_MEAN', total: value('A24'), count: value('A8') },
      { metricCode: 'AMB_CAT2_MEAN', total: value('A30'), count: value('A10') },
    ];
    for (const { metricCode, total, count } of means)
      if (total !== null && count !== null && count > 0)
        claim({ metricCode, numerator: total / 60, denominator: count });
  }
  for (const claim of yearToDate(rows)) {
    parsed.claims.push(claim.claim);
    parsed.origins.push({ file, line: claim.line });
  }
  return parsed;
}

/**
 * Each service's Category 2 mean over the financial year so far: the year's summed times over its
 * summed incidents, for every year the file covers from its April onwards with no month missing
 * (a year the file starts part-way through, or with a gap, would give another figure: left out).
 */
function yearToDate(rows: readonly Row[]): { claim: MeasurementClaim; line: number }[] {
  const years = new Map<
    string,
    {
      odsCode: string;
      period: string;
      months: string[];
      seconds: number;
      incidents: number;
      line: number;
      complete: boolean;
    }
  >();
  for (const row of [...rows].sort((a, b) => a.period.localeCompare(b.period))) {
    if (row.odsCode === ENGLAND_ODS_CODE) continue;
    const [year, month] = row.period.split('-').map(Number) as [number, number];
    const start = month >= 4 ? year : year - 1;
    const period = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
    const key = `${row.odsCode}|${period}`;
    const entry = years.get(key) ?? {
      odsCode: row.odsCode,
      period,
      months: [],
      seconds: 0,
      incidents: 0,
      line: row.line,
      complete: true,
    };
    const seconds = row.values.get('A30');
    const incidents = row.values.get('A10');
    const expected = ((entry.months.length + 3) % 12) + 1;
    if (
      month !== expected ||
      seconds === null ||
      seconds === undefined ||
      incidents === null ||
      incidents === undefined
    )
      entry.complete = false;
    entry.months.push(row.period);
    entry.seconds += seconds ?? 0;
    entry.incidents += incidents ?? 0;
    entry.line = row.line;
    years.set(key, entry);
  }
  return [...years.values()]
    .filter((entry) => entry.complete && entry.incidents > 0)
    .map((entry) => ({
      claim: {
        metricCode: 'AMB_CAT2_MEAN_YTD',
        odsCode: entry.odsCode,
        period: entry.period,
        numerator: entry.seconds / 60,
        denominator: entry.incidents,
      },
      line: entry.line,
    }));
}

/** A published mean (whole seconds) must be its total over its count, rounded to a second. */
function checkMeans(row: Row, problem: (line: number | null, message: string) => void): void {
  for (const { mean, total, count } of MEANS) {
    const published = row.values.get(mean);
    const seconds = row.values.get(total);
    const incidents = row.values.get(count);
    if (published === null || published === undefined || seconds === null || seconds === undefined || !incidents)
      continue;
    const computed = Math.round(seconds / incidents);
    if (computed !== published)
      problem(
        row.line,
        `${row.odsCode} ${row.period}: the published mean ${mean} is ${published} s, but ${total} ÷ ${count} is ${computed} s.`,
      );
  }
}
