import type { MeasurementClaim } from '../domain/measurement.js';
import { monthOfTitle } from '../domain/period.js';
import { emptyParsedFile, type ParsedFile } from './types.js';
import { editionOf, readWorkbook, textOf, titleBlockValue, UnreadableWorkbook } from './workbook.js';

/**
 * NHS England's monthly "Virtual Ward Capacity and Occupancy" workbook. The ICBs' sheet is
 * `Virtual Ward Data` until March 2025 and `Virtual Ward Data - ICB` from April 2025, when
 * `Virtual Ward Data - Provider` (the lead providers) appears beside it. Each has a title block
 * (`Month:` "April 2025"), a header row whose cells carry line breaks and "(see note N)", then
 * England (`England`, or `ENGLAND*` in August 2024) and one row per ICB (or provider).
 *
 * Each ICB's capacity is VIRTUAL_WARD_BEDS and its patients over its capacity
 * VIRTUAL_WARD_OCCUPANCY, as the ICB reports them (regions and England roll up from the ICBs);
 * providers' figures are kept as each reports them. Occupancy is computed from the counts: the
 * published one is capped (`100%*`) and rounded. `**` (not submitted) is no value, never a zero:
 * such an ICB has beds but no occupancy, and England's occupancy is checked over the ICBs that
 * submitted. England's capacity and patients must be the ICBs' sums, or the file is refused.
 */
export const VIRTUAL_WARD_SHEETS = {
  icbBefore2025: 'Virtual Ward Data',
  icb: 'Virtual Ward Data - ICB',
  provider: 'Virtual Ward Data - Provider',
} as const;

const NOT_SUBMITTED = '**';
const CAPPED = '100%*';
/** How far a published occupancy may be from its counts': it is rounded to a tenth of a percent (and a half rounds up). */
const OCCUPANCY_TOLERANCE = 0.0005 + 1e-9;

/** A header cell without its line breaks and note references: "Virtual Ward Capacity \n(see note 1) " -> "virtual ward capacity". */
const headerName = (cell: unknown) =>
  textOf(cell)
    .replace(/\(see notes? [^)]*\)/gi, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

interface SheetRow {
  code: string;
  name: string;
  region: string;
  capacity: number;
  /** Null where the ICB did not submit. */
  patients: number | null;
  line: number;
}

export async function parseVirtualWards(file: string, bytes: Uint8Array): Promise<ParsedFile> {
  const parsed = emptyParsedFile(file);
  const refuse = (line: number | null, message: string) => {
    parsed.problems.push({ file, line, message });
    return parsed;
  };
  const notVirtualWards = 'This is not an NHS England virtual ward capacity and occupancy workbook';
  let sheets: Map<string, unknown[][]>;
  let sheetNames: string[];
  try {
    ({ sheets, sheetNames } = await readWorkbook(bytes, 'xlsx', Object.values(VIRTUAL_WARD_SHEETS)));
  } catch (error) {
    if (!(error instanceof UnreadableWorkbook)) throw error;
    return refuse(null, `${notVirtualWards}: ${error.message}.`);
  }
  const icbRows = sheets.get(VIRTUAL_WARD_SHEETS.icb) ?? sheets.get(VIRTUAL_WARD_SHEETS.icbBefore2025);
  if (!icbRows)
    return refuse(
      null,
      `${notVirtualWards}: it has neither "${VIRTUAL_WARD_SHEETS.icb}" nor "${VIRTUAL_WARD_SHEETS.icbBefore2025}" (it has ${sheetNames.map((name) => `"${name}"`).join(', ')}).`,
    );
  const month = titleBlockValue(icbRows, 'Month:');
  const period = month ? monthOfTitle(month) : null;
  if (!period)
    return refuse(null, `${notVirtualWards}: its title block gives no month ("Month:" is "${month ?? ''}").`);
  parsed.edition = editionOf(icbRows);

  const icbs = readSheet(icbRows, 'ICB code', refuse);
  if (!icbs) return parsed;
  const providerRows = sheets.get(VIRTUAL_WARD_SHEETS.provider);
  const providers = providerRows ? readSheet(providerRows, 'Provider code', refuse) : null;
  if (providerRows && !providers) return parsed;
  if (parsed.problems.length > 0) return parsed;

  const claim = (
    odsCode: string,
    line: number,
    metricCode: string,
    values: Omit<MeasurementClaim, 'metricCode' | 'odsCode' | 'period'>,
  ) => {
    parsed.claims.push({ metricCode, odsCode, period, ...values });
    parsed.origins.push({ file, line });
  };
  for (const [sheet, read] of [
    ['ICB', icbs],
    ['provider', providers],
  ] as const) {
    if (!read) continue;
    const summed = {
      capacity: read.rows.reduce((sum, row) => sum + row.capacity, 0),
      patients: read.rows.reduce((sum, row) => sum + (row.patients ?? 0), 0),
    };
    for (const key of ['capacity', 'patients'] as const) {
      if (summed[key] !== read.england[key])
        refuse(
          read.england.line,
          `The ${sheet} rows add up to ${summed[key]} ${key === 'capacity' ? 'beds' : 'patients'}, but England's row says ${read.england[key]}: the file is incomplete or damaged.`,
        );
    }
    for (const row of read.rows) {
      claim(row.code, row.line, 'VIRTUAL_WARD_BEDS', { value: row.capacity });
      if (row.patients !== null && row.capacity > 0)
        claim(row.code, row.line, 'VIRTUAL_WARD_OCCUPANCY', { numerator: row.patients, denominator: row.capacity });
      if (sheet === 'provider') parsed.providers.push({ odsCode: row.code, name: row.name, regionOdsCode: row.region });
    }
  }
  if (parsed.problems.length > 0) return parsed;
  const submitted = icbs.rows.filter((row) => row.patients !== null);
  parsed.publishedTotals.push(
    { metricCode: 'VIRTUAL_WARD_BEDS', period, value: icbs.england.capacity },
    {
      metricCode: 'VIRTUAL_WARD_OCCUPANCY',
      period,
      numerator: icbs.england.patients ?? 0,
      // England's occupancy over the ICBs that submitted: one that did not has no patients to count.
      denominator: submitted.reduce((sum, row) => sum + row.capacity, 0),
    },
  );
  return parsed;
}

type Refuse = (line: number | null, message: string) => unknown;

/** A sheet's England row and its ICB (or provider) rows, each checked; null when the sheet cannot be read. */
function readSheet(
  rows: readonly unknown[][],
  codeColumn: string,
  refuse: Refuse,
): { england: SheetRow & { patients: number }; rows: SheetRow[] } | null {
  const headerIndex = rows.findIndex((row) => row.some((cell) => headerName(cell) === codeColumn.toLowerCase()));
  if (headerIndex < 0) {
    refuse(null, `A sheet has no header row with "${codeColumn}": this is not a virtual ward workbook.`);
    return null;
  }
  const header = rows[headerIndex]!.map(headerName);
  const wanted = {
    code: codeColumn.toLowerCase(),
    name: 'name',
    region: 'region code',
    capacity: 'virtual ward capacity',
    patients: 'patients in a virtual ward',
    occupancy: 'occupancy %',
  };
  const at = Object.fromEntries(Object.entries(wanted).map(([key, name]) => [key, header.indexOf(name)])) as Record<
    keyof typeof wanted,
    number
  >;
  const missing = Object.entries(at)
    .filter(([, index]) => index < 0)
    .map(([key]) => `"${wanted[key as keyof typeof wanted]}"`);
  if (missing.length > 0) {
    refuse(headerIndex + 1, `A sheet lacks the column(s) ${missing.join(', ')}: this is not a virtual ward workbook.`);
    return null;
  }
  let england: (SheetRow & { patients: number }) | null = null;
  const read: SheetRow[] = [];
  const seen = new Map<string, number>();
  rows.slice(headerIndex + 1).forEach((row, offset) => {
    const line = headerIndex + offset + 2;
    if (row.every((cell) => textOf(cell) === '')) return;
    const name = textOf(row[at.name]);
    const isEngland = /^england\*?$/i.test(name);
    const code = textOf(row[at.code]).toUpperCase();
    const who = isEngland ? 'England' : code;
    const capacity = row[at.capacity];
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0)
      return refuse(line, `${who}: the capacity is "${textOf(capacity)}": a whole number of beds is expected.`);
    const patientsCell = row[at.patients];
    const occupancyCell = row[at.occupancy];
    let patients: number | null;
    if (textOf(patientsCell) === NOT_SUBMITTED) {
      if (textOf(occupancyCell) !== NOT_SUBMITTED)
        return refuse(line, `${who}: patients not submitted ("**") but an occupancy of "${textOf(occupancyCell)}".`);
      patients = null;
    } else if (typeof patientsCell === 'number' && Number.isInteger(patientsCell) && patientsCell >= 0) {
      patients = patientsCell;
      const computed = capacity > 0 ? patientsCell / capacity : 0;
      // A blank occupancy beside its counts (one provider in June 2025) is computed like any other.
      const agrees =
        textOf(occupancyCell) === ''
          ? true
          : textOf(occupancyCell) === CAPPED
            ? computed > 1
            : typeof occupancyCell === 'number' && Math.abs(occupancyCell - computed) <= OCCUPANCY_TOLERANCE;
      if (!agrees)
        return refuse(
          line,
          `${who}: the occupancy is "${textOf(occupancyCell)}", but ${patientsCell} patients in ${capacity} beds is ${(computed * 100).toFixed(1)}%.`,
        );
    } else {
      return refuse(
        line,
        `${who}: the patients are "${textOf(patientsCell)}": a whole number, or "**" when not submitted, is expected.`,
      );
    }
    if (isEngland) {
      if (england) return refuse(line, 'The sheet has two England rows.');
      if (patients === null) return refuse(line, "England's patients are not given.");
      england = { code: '', name, region: '', capacity, patients, line };
      return;
    }
    if (!/^[A-Z0-9]{3,10}$/.test(code)) return refuse(line, `"${textOf(row[at.code])}" is not an ODS code.`);
    const region = textOf(row[at.region]).toUpperCase();
    if (!/^Y\d{2}$/.test(region))
      return refuse(line, `${code}: "${textOf(row[at.region])}" is not an NHS England region's code (Y56…Y63).`);
    const earlier = seen.get(`${code}|${region}`);
    if (earlier !== undefined)
      return refuse(line, `${code} is in the sheet twice for ${region} (also at row ${earlier}).`);
    seen.set(`${code}|${region}`, line);
    // A lead provider serving ICBs in two regions has a row in each: its figures are their sums.
    const same = read.find((other) => other.code === code);
    if (same) {
      same.capacity += capacity;
      same.patients = same.patients === null || patients === null ? null : same.patients + patients;
      return;
    }
    read.push({ code, name, region, capacity, patients, line });
  });
  if (!england) {
    refuse(null, 'A sheet has no England row: the file may be cut short, and its totals cannot be checked.');
    return null;
  }
  return { england, rows: read };
}
