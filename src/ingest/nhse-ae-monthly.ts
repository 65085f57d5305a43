import { monthOfTitle } from '../domain/period.js';
import { parseCsv } from './csv.js';
import { countCell, emptyParsedFile, type ParsedFile } from './types.js';

/**
 * NHS England's monthly "A&E Attendances and Emergency Admissions" provider CSV. Each provider row
 * gives, summed over department types and booked appointments: AE_4HR (numerator = attendances
 * within four hours, denominator = attendances), AE_ATTENDANCES, AE_12HR_DTA and
 * EMERGENCY_ADMISSIONS. The England total row ("TOTAL", "Total", "Total ") is not data: it is what
 * the roll-up must reproduce, so a file without it (a download cut short, say) is refused, as is
 * a row with fewer cells than the header names. Copes with CRLF, a byte-order mark, trailing empty
 * columns and trailing spaces in names.
 */
const ATTENDANCES = [
  'A&E attendances Type 1',
  'A&E attendances Type 2',
  'A&E attendances Other A&E Department',
  'A&E attendances Booked Appointments Type 1',
  'A&E attendances Booked Appointments Type 2',
  'A&E attendances Booked Appointments Other Department',
];
const OVER_FOUR_HOURS = [
  'Attendances over 4hrs Type 1',
  'Attendances over 4hrs Type 2',
  'Attendances over 4hrs Other Department',
  'Attendances over 4hrs Booked Appointments Type 1',
  'Attendances over 4hrs Booked Appointments Type 2',
  'Attendances over 4hrs Booked Appointments Other Department',
];
const TWELVE_HOUR_DTA = 'Patients who have waited 12+ hrs from DTA to admission';
const EMERGENCY_ADMISSIONS = [
  'Emergency admissions via A&E - Type 1',
  'Emergency admissions via A&E - Type 2',
  'Emergency admissions via A&E - Other A&E department',
  'Other emergency admissions',
];
const IDENTITY = ['Period', 'Org Code', 'Parent Org', 'Org name'];

/** "MSitAE-MARCH-2025" -> "2025-03". */
export function periodOfMsitae(cell: string): string | undefined {
  const match = /^MSitAE-([A-Za-z]+)-(\d{4})$/.exec(cell.trim());
  return (match && monthOfTitle(`${match[1]} ${match[2]}`)) ?? undefined;
}

const normaliseHeader = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** Region names as the files write them ("NHS ENGLAND NORTH WEST ") to region ODS codes. */
export type RegionResolver = (parentOrg: string) => string | null;

export function parseNhseAeMonthly(file: string, text: string, regionOf: RegionResolver): ParsedFile {
  const parsed = emptyParsedFile(file);
  const problem = (line: number | null, message: string) => parsed.problems.push({ file, line, message });
  const [header, ...rows] = parseCsv(text);
  if (!header) {
    problem(null, 'The file is empty.');
    return parsed;
  }
  const columns = new Map(header.map((name, index) => [normaliseHeader(name), index]));
  const required = [...IDENTITY, ...ATTENDANCES, ...OVER_FOUR_HOURS, TWELVE_HOUR_DTA, ...EMERGENCY_ADMISSIONS];
  const missing = required.filter((name) => !columns.has(normaliseHeader(name)));
  if (missing.length > 0) {
    problem(
      1,
      `This is not an NHS England monthly A&E file: it lacks the column(s) ${missing.map((name) => `"${name}"`).join(', ')}.`,
    );
    return parsed;
  }
  const cell = (row: string[], name: string) => row[columns.get(normaliseHeader(name))!] ?? '';
  // Trailing empty header cells (September 2024 has some) need no cell in the rows.
  const width = header.length - [...header].reverse().findIndex((name) => name.trim() !== '');
  let filePeriod: string | undefined;

  rows.forEach((row, index) => {
    const line = index + 2;
    if (row.length < width) {
      problem(line, `The row has ${row.length} of the header's ${width} columns: the file is cut short or damaged.`);
      return;
    }
    const sum = (names: string[]) => {
      let total = 0;
      for (const name of names) {
        const count = countCell(cell(row, name));
        if (count === undefined) {
          problem(line, `"${cell(row, name)}" in column "${name}" is not a whole number.`);
          return undefined;
        }
        total += count;
      }
      return total;
    };
    const attendances = sum(ATTENDANCES);
    const overFourHours = sum(OVER_FOUR_HOURS);
    if (attendances === undefined || overFourHours === undefined) return;
    if (overFourHours > attendances) {
      problem(line, `More attendances over four hours (${overFourHours}) than attendances (${attendances}).`);
      return;
    }

    const isTotal = [cell(row, 'Period'), cell(row, 'Org Code')].some(
      (value) => value.trim().toLowerCase() === 'total',
    );
    if (isTotal) {
      if (!filePeriod) {
        problem(line, 'The England total row comes before any provider row, so its month is unknown.');
        return;
      }
      if (parsed.publishedTotals.length > 0) problem(line, 'The file has more than one England total row.');
      parsed.publishedTotals.push({
        metricCode: 'AE_4HR',
        period: filePeriod,
        numerator: attendances - overFourHours,
        denominator: attendances,
      });
      return;
    }

    const period = periodOfMsitae(cell(row, 'Period'));
    if (!period) {
      problem(line, `"${cell(row, 'Period')}" is not a period of the form MSitAE-MONTH-YEAR.`);
      return;
    }
    if (filePeriod && period !== filePeriod) {
      problem(line, `The row is for ${period} but the file is for ${filePeriod}.`);
      return;
    }
    filePeriod = period;
    const odsCode = cell(row, 'Org Code').trim().toUpperCase();
    if (!/^[A-Z0-9]{3,10}$/.test(odsCode)) {
      problem(line, `"${cell(row, 'Org Code')}" is not an ODS code.`);
      return;
    }
    const regionOdsCode = regionOf(cell(row, 'Parent Org'));
    if (!regionOdsCode) {
      problem(line, `"${cell(row, 'Parent Org').trim()}" is not an NHS England region.`);
      return;
    }
    parsed.providers.push({ odsCode, name: cell(row, 'Org name').trim(), regionOdsCode });

    const twelveHours = sum([TWELVE_HOUR_DTA]);
    const admissions = sum(EMERGENCY_ADMISSIONS);
    if (twelveHours === undefined || admissions === undefined) return;
    const claim = (metricCode: string, values: { value?: number; numerator?: number; denominator?: number }) => {
      parsed.claims.push({ metricCode, odsCode, period, ...values });
      parsed.origins.push({ file, line });
    };
    // A provider with no attendances that month has no four-hour rate to report.
    if (attendances > 0) claim('AE_4HR', { numerator: attendances - overFourHours, denominator: attendances });
    claim('AE_ATTENDANCES', { value: attendances });
    claim('AE_12HR_DTA', { value: twelveHours });
    claim('EMERGENCY_ADMISSIONS', { value: admissions });
  });
  if (!filePeriod && parsed.problems.length === 0) problem(null, 'The file has no provider rows.');
  else if (filePeriod && parsed.publishedTotals.length === 0)
    problem(
      null,
      'The file has no England total row ("TOTAL"): it may be cut short, and its roll-up cannot be checked.',
    );
  return parsed;
}
