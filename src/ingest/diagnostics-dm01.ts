import { DIAGNOSTIC_TESTS } from '../domain/breakdown.js';
import { monthOfTitle } from '../domain/period.js';
import { emptyParsedFile, type ParsedFile } from './types.js';
import { editionOf, readWorkbook, textOf, titleBlockValue, UnreadableWorkbook } from './workbook.js';

/**
 * NHS England's monthly "Diagnostics Web File Provider" workbook (the DM01 collection; the old
 * Excel format, .xls). Sheet `Provider`: a title block (`Period:` "March 2025", `Revised:` when the
 * month was republished), then a header row, England's `Total` row, and one row per provider (NHS
 * trusts and independent-sector providers) with its region's code. Each provider gives:
 * DIAG_6WK (numerator = waiting under six weeks = total − waiting 6+ weeks, denominator = the
 * total waiting list), DIAG_WAITING_LIST (the total) and DIAG_13WK (waiting 13+ weeks).
 *
 * Sheet `Provider by Test` gives the same for each of the 15 tests, with a `Total` row (test 16)
 * per provider: each provider's tests must add up to its total there and on `Provider`, and the
 * providers to England's `Total` row, and each published percentage must agree with its counts,
 * or the whole file is refused. The header is found by its words, not its row (June 2025's sits a
 * row higher than the other months').
 */
export const DM01_SHEETS = { provider: 'Provider', byTest: 'Provider by Test' } as const;

const COLUMNS = {
  region: 'Regional Team Code',
  code: 'Provider Code',
  name: 'Provider Name',
  total: 'Total Waiting List',
  sixWeeks: 'Number waiting 6+ Weeks',
  thirteenWeeks: 'Number waiting 13+ Weeks',
  share: 'Percentage waiting 6+ weeks',
} as const;
const TEST_COLUMNS = { testId: 'Diagnostic ID', testName: 'Diagnostic Test Name' } as const;
/** `Provider by Test`'s row for a provider's tests together. */
const ALL_TESTS_ID = 16;
/** How far a published share may be from its counts' (they are stored unrounded). */
const SHARE_TOLERANCE = 1e-9;

/** A provider's (or England's) waiting list as a row gives it. */
export interface WaitingList {
  total: number;
  sixWeeks: number;
  thirteenWeeks: number;
}

/** One test's waiting list at one provider, for the breakdown of the three metrics by test. */
export interface TestWaitingList extends WaitingList {
  odsCode: string;
  testId: number;
  testName: string;
}

export interface ParsedDm01 extends ParsedFile {
  /** The month's figures for each test at each provider (tests with nobody waiting are not listed). */
  tests: TestWaitingList[];
}

const isBlank = (row: readonly unknown[]) => row.every((cell) => textOf(cell) === '');

export async function parseDm01(file: string, bytes: Uint8Array): Promise<ParsedDm01> {
  const parsed: ParsedDm01 = { ...emptyParsedFile(file), tests: [] };
  const refuse = (line: number | null, message: string) => {
    parsed.problems.push({ file, line, message });
    return parsed;
  };
  const notDm01 = 'This is not an NHS England DM01 diagnostics workbook';
  let sheets: Map<string, unknown[][]>;
  let sheetNames: string[];
  try {
    ({ sheets, sheetNames } = await readWorkbook(bytes, 'xls', Object.values(DM01_SHEETS)));
  } catch (error) {
    if (!(error instanceof UnreadableWorkbook)) throw error;
    return refuse(null, `${notDm01}: ${error.message}.`);
  }
  const providerRows = sheets.get(DM01_SHEETS.provider);
  const testRows = sheets.get(DM01_SHEETS.byTest);
  if (!providerRows || !testRows)
    return refuse(
      null,
      `${notDm01}: it lacks the sheet "${providerRows ? DM01_SHEETS.byTest : DM01_SHEETS.provider}" (it has ${sheetNames.map((name) => `"${name}"`).join(', ')}).`,
    );
  const periodText = titleBlockValue(providerRows, 'Period:');
  const period = periodText ? monthOfTitle(periodText) : null;
  if (!period) return refuse(null, `${notDm01}: its title block gives no month ("Period:" is "${periodText ?? ''}").`);
  if (titleBlockValue(testRows, 'Period:') !== periodText)
    return refuse(null, `The sheet "${DM01_SHEETS.byTest}" is for another month than "${DM01_SHEETS.provider}".`);

  parsed.edition = editionOf(providerRows);

  const providers = readProviders(providerRows, (line, message) => refuse(line, message));
  if (!providers) return parsed;
  const tests = readTests(testRows, (line, message) => refuse(line, message));
  if (!tests) return parsed;
  if (parsed.problems.length > 0) return parsed;

  // The providers add up to England's Total row, column by column.
  const summed = sumOf([...providers.rows.values()].map((row) => row.list));
  for (const key of ['total', 'sixWeeks', 'thirteenWeeks'] as const)
    if (summed[key] !== providers.england[key])
      refuse(
        providers.englandLine,
        `The providers' rows add up to ${summed[key]} in "${columnOf(key)}", but the Total row says ${providers.england[key]}: the file is incomplete or damaged.`,
      );
  // Each provider's tests add up to its total, on both sheets.
  for (const [odsCode, { list, line }] of providers.rows) {
    const ofTests = tests.byProvider.get(odsCode);
    const allTests = tests.allTests.get(odsCode);
    const sum = sumOf(ofTests ?? []);
    for (const key of ['total', 'sixWeeks', 'thirteenWeeks'] as const) {
      if (sum[key] !== list[key] || (allTests && allTests[key] !== list[key])) {
        refuse(
          line,
          `${odsCode}'s tests on "${DM01_SHEETS.byTest}" add up to ${sum[key]} in "${columnOf(key)}"${allTests ? ` (its Total row there says ${allTests[key]})` : ''}, but its row on "${DM01_SHEETS.provider}" says ${list[key]}.`,
        );
        break;
      }
    }
  }
  for (const odsCode of tests.byProvider.keys())
    if (!providers.rows.has(odsCode))
      refuse(null, `${odsCode} has tests on "${DM01_SHEETS.byTest}" but no row on "${DM01_SHEETS.provider}".`);
  if (parsed.problems.length > 0) return parsed;

  for (const [odsCode, { name, region, list, line }] of providers.rows) {
    parsed.providers.push({ odsCode, name, regionOdsCode: region });
    const claim = (metricCode: string, values: { value?: number; numerator?: number; denominator?: number }) => {
      parsed.claims.push({ metricCode, odsCode, period, ...values });
      parsed.origins.push({ file, line });
    };
    // A provider with nobody waiting that month has no share to report.
    if (list.total > 0) claim('DIAG_6WK', { numerator: list.total - list.sixWeeks, denominator: list.total });
    claim('DIAG_WAITING_LIST', { value: list.total });
    claim('DIAG_13WK', { value: list.thirteenWeeks });
  }
  const england = providers.england;
  parsed.publishedTotals.push(
    { metricCode: 'DIAG_6WK', period, numerator: england.total - england.sixWeeks, denominator: england.total },
    { metricCode: 'DIAG_WAITING_LIST', period, value: england.total },
    { metricCode: 'DIAG_13WK', period, value: england.thirteenWeeks },
  );
  parsed.tests = [...tests.byProvider.values()].flat();
  for (const test of parsed.tests) {
    const breakdown = DIAGNOSTIC_TESTS.get(test.testId)!.code;
    const part = (metricCode: string, values: { value?: number; numerator?: number; denominator?: number }) =>
      parsed.breakdowns.push({ metricCode, odsCode: test.odsCode, period, breakdown, ...values });
    if (test.total > 0) part('DIAG_6WK', { numerator: test.total - test.sixWeeks, denominator: test.total });
    part('DIAG_WAITING_LIST', { value: test.total });
    part('DIAG_13WK', { value: test.thirteenWeeks });
  }
  return parsed;
}

function columnOf(key: keyof WaitingList): string {
  return COLUMNS[key];
}

function sumOf(lists: readonly WaitingList[]): WaitingList {
  const sum = { total: 0, sixWeeks: 0, thirteenWeeks: 0 };
  for (const list of lists) {
    sum.total += list.total;
    sum.sixWeeks += list.sixWeeks;
    sum.thirteenWeeks += list.thirteenWeeks;
  }
  return sum;
}

type Refuse = (line: number | null, message: string) => unknown;

/** The header row (found by its words) and where each column is. */
function findHeader<Name extends string>(
  rows: readonly unknown[][],
  names: readonly Name[],
  sheet: string,
  refuse: Refuse,
): { headerIndex: number; at: Map<Name, number> } | null {
  const headerIndex = rows.findIndex((row) => row.some((cell) => textOf(cell) === COLUMNS.code));
  if (headerIndex < 0) {
    refuse(null, `The sheet "${sheet}" has no header row (with "${COLUMNS.code}"): this is not a DM01 workbook.`);
    return null;
  }
  const header = rows[headerIndex]!.map((cell) => textOf(cell).toLowerCase());
  const missing = names.filter((name) => !header.includes(name.toLowerCase()));
  if (missing.length > 0) {
    refuse(
      headerIndex + 1,
      `The sheet "${sheet}" lacks the column(s) ${missing.map((name) => `"${name}"`).join(', ')}: this is not a DM01 workbook.`,
    );
    return null;
  }
  return { headerIndex, at: new Map(names.map((name) => [name, header.indexOf(name.toLowerCase())])) };
}

/** A row's three counts, checked (whole, not negative, each within the one before), and its share against them. */
function waitingListOf(cell: (name: string) => unknown, who: string): WaitingList | string {
  const counts: number[] = [];
  for (const name of [COLUMNS.total, COLUMNS.sixWeeks, COLUMNS.thirteenWeeks]) {
    const value = cell(name);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      return `${who}: "${name}" is "${textOf(value)}": a whole number, not negative, is expected.`;
    counts.push(value);
  }
  const [total, sixWeeks, thirteenWeeks] = counts as [number, number, number];
  if (sixWeeks > total) return `${who}: ${sixWeeks} waiting 6+ weeks is more than the ${total} waiting in all.`;
  if (thirteenWeeks > sixWeeks)
    return `${who}: ${thirteenWeeks} waiting 13+ weeks is more than the ${sixWeeks} waiting 6+ weeks.`;
  const share = cell(COLUMNS.share);
  const expected = total === 0 ? 0 : sixWeeks / total;
  const published = share === null ? (total === 0 ? 0 : NaN) : share;
  if (typeof published !== 'number' || !(Math.abs(published - expected) <= SHARE_TOLERANCE))
    return `${who}: "${COLUMNS.share}" is ${textOf(share) || 'empty'}, but ${sixWeeks} of ${total} is ${expected}.`;
  return { total, sixWeeks, thirteenWeeks };
}

interface ProviderRow {
  name: string;
  region: string;
  list: WaitingList;
  line: number;
}

function readProviders(
  rows: readonly unknown[][],
  refuse: Refuse,
): { england: WaitingList; englandLine: number; rows: Map<string, ProviderRow> } | null {
  const sheet = DM01_SHEETS.provider;
  const header = findHeader(rows, Object.values(COLUMNS), sheet, refuse);
  if (!header) return null;
  let england: WaitingList | null = null;
  let englandLine = 0;
  const providers = new Map<string, ProviderRow>();
  rows.slice(header.headerIndex + 1).forEach((row, index) => {
    const line = header.headerIndex + index + 2;
    if (isBlank(row)) return;
    const cell = (name: string) => row[header.at.get(name as never)!] ?? null;
    const odsCode = textOf(cell(COLUMNS.code)).toUpperCase();
    if (odsCode === '' && textOf(cell(COLUMNS.name)).toLowerCase() === 'total') {
      const list = waitingListOf(cell, 'The Total row');
      if (typeof list === 'string') return refuse(line, list);
      if (england) return refuse(line, 'The sheet has two Total rows.');
      england = list;
      englandLine = line;
      return;
    }
    if (!/^[A-Z0-9]{3,10}$/.test(odsCode)) return refuse(line, `"${textOf(cell(COLUMNS.code))}" is not an ODS code.`);
    const region = textOf(cell(COLUMNS.region)).toUpperCase();
    if (!/^Y\d{2}$/.test(region))
      return refuse(
        line,
        `${odsCode}: "${textOf(cell(COLUMNS.region))}" is not an NHS England region's code (Y56…Y63).`,
      );
    const list = waitingListOf(cell, odsCode);
    if (typeof list === 'string') return refuse(line, list);
    const earlier = providers.get(odsCode);
    if (earlier) return refuse(line, `${odsCode} is in the sheet twice (also at row ${earlier.line}).`);
    providers.set(odsCode, { name: textOf(cell(COLUMNS.name)), region, list, line });
  });
  if (!england) {
    refuse(
      null,
      `The sheet "${sheet}" has no Total row: the file may be cut short, and England's figures cannot be checked.`,
    );
    return null;
  }
  if (providers.size === 0) {
    refuse(null, `The sheet "${sheet}" has no provider rows.`);
    return null;
  }
  return { england, englandLine, rows: providers };
}

function readTests(
  rows: readonly unknown[][],
  refuse: Refuse,
): { byProvider: Map<string, TestWaitingList[]>; allTests: Map<string, WaitingList> } | null {
  const sheet = DM01_SHEETS.byTest;
  const header = findHeader(rows, [...Object.values(COLUMNS), ...Object.values(TEST_COLUMNS)], sheet, refuse);
  if (!header) return null;
  const byProvider = new Map<string, TestWaitingList[]>();
  const allTests = new Map<string, WaitingList>();
  const seen = new Map<string, number>();
  rows.slice(header.headerIndex + 1).forEach((row, index) => {
    const line = header.headerIndex + index + 2;
    if (isBlank(row)) return;
    const cell = (name: string) => row[header.at.get(name as never)!] ?? null;
    const odsCode = textOf(cell(COLUMNS.code)).toUpperCase();
    // England's Total row: the Provider sheet's, already checked there.
    if (odsCode === '' && textOf(cell(COLUMNS.name)).toLowerCase() === 'total') return;
    if (!/^[A-Z0-9]{3,10}$/.test(odsCode)) return refuse(line, `"${textOf(cell(COLUMNS.code))}" is not an ODS code.`);
    const testId = cell(TEST_COLUMNS.testId);
    const testName = textOf(cell(TEST_COLUMNS.testName));
    if (typeof testId !== 'number' || !Number.isInteger(testId) || testId < 1 || testId > ALL_TESTS_ID)
      return refuse(line, `${odsCode}: "${textOf(testId)}" is not a diagnostic test's number (1 to ${ALL_TESTS_ID}).`);
    const known = DIAGNOSTIC_TESTS.get(testId);
    if (known && known.name.toLowerCase() !== testName.toLowerCase())
      return refuse(
        line,
        `${odsCode}: test ${testId} is "${testName}" here, but DM01's test ${testId} is "${known.name}": the workbook's tests are not the ones this reader knows.`,
      );
    const key = `${odsCode}|${testId}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      return refuse(line, `${odsCode} ${testName} is in the sheet twice (also at row ${earlier}).`);
    seen.set(key, line);
    const list = waitingListOf(cell, `${odsCode} ${testName}`);
    if (typeof list === 'string') return refuse(line, list);
    if (testId === ALL_TESTS_ID) allTests.set(odsCode, list);
    else byProvider.set(odsCode, [...(byProvider.get(odsCode) ?? []), { ...list, odsCode, testId, testName }]);
  });
  return { byProvider, allTests };
}
