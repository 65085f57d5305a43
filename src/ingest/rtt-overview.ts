import type { MeasurementClaim } from '../domain/measurement.js';
import { ENGLAND_ODS_CODE } from '../domain/organisation.js';
import { emptyParsedFile, type ParsedFile } from './types.js';
import { readWorkbook, textOf, UnreadableWorkbook } from './workbook.js';

/**
 * NHS England's "RTT Overview Timeseries Including Estimates for Missing Trusts" (Referral to
 * Treatment waiting times, England, monthly since April 2007). Sheet `Full Time Series`: a title
 * block, a row of column groups (`Incomplete RTT pathways`, the admitted and non-admitted
 * pathways, …), a row of column names, then a row a month (`Month` a date). The incomplete
 * pathways are the waiting list: RTT_WAITING_LIST (`Total waiting (mil)`, a count despite its
 * name), RTT_18WK (the share within 18 weeks), RTT_52WK, RTT_65WK and RTT_78WK (the numbers waiting
 * longer), each from the column "with estimates for missing data" where there is one, as NHS
 * England's headline figures are, and RTT_MEDIAN_WAIT (weeks; it has no such twin). `-` is no
 * value. Each month is checked: those within 18 weeks and those over add up to the list, the longer
 * waits nest, the median is no longer than the 92nd centile, and the published percentage agrees
 * with its counts; otherwise the file is refused whole.
 */
export const RTT_SHEET = 'Full Time Series';
const WAITING_LIST_GROUP = 'Incomplete RTT pathways';
const COLUMNS = {
  total: 'Total waiting (mil)',
  within18: 'No. within 18 weeks',
  over18: 'No. > 18 weeks',
  over52: 'No. > 52 weeks',
  over65: 'No. > 65 weeks',
  over78: 'No. > 78 weeks',
  share18: '% within 18 weeks',
  median: 'Median wait (weeks)',
  centile92: '92nd percentile (weeks)',
} as const;
type Column = keyof typeof COLUMNS;
const WITH_ESTIMATES = ' with estimates for missing data';
/**
 * How far the published share may be from its counts': 0.05 percentage points, as a figure shown
 * to one decimal place may be. It is stored unrounded and agrees exactly in every month but
 * September 2021, where it is 0.01 points off (NHS England's own), which is no reason to refuse
 * the file; a share that is simply wrong is far further off.
 */
const SHARE_TOLERANCE = 0.0005;

export async function parseRttOverview(file: string, bytes: Uint8Array): Promise<ParsedFile> {
  const parsed = emptyParsedFile(file);
  const refuse = (line: number | null, message: string) => {
    parsed.problems.push({ file, line, message });
    return parsed;
  };
  const notRtt = 'This is not an NHS England RTT overview time series';
  let rows: unknown[][] | undefined;
  let sheetNames: string[];
  try {
    const workbook = await readWorkbook(bytes, 'xlsx', [RTT_SHEET]);
    sheetNames = workbook.sheetNames;
    rows = workbook.sheets.get(RTT_SHEET);
  } catch (error) {
    if (!(error instanceof UnreadableWorkbook)) throw error;
    return refuse(null, `${notRtt}: ${error.message}.`);
  }
  if (!rows)
    return refuse(
      null,
      `${notRtt}: it has no sheet "${RTT_SHEET}" (it has ${sheetNames.map((name) => `"${name}"`).join(', ')}).`,
    );
  const headerIndex = rows.findIndex((row) => row.some((cell) => textOf(cell) === COLUMNS.total));
  const groups = rows[headerIndex - 1];
  if (headerIndex < 1 || !groups)
    return refuse(null, `${notRtt}: the sheet has no header row with "${COLUMNS.total}".`);
  const header = rows[headerIndex]!.map(textOf);
  const monthAt = groups.findIndex((cell) => textOf(cell) === 'Month');
  const groupStart = groups.findIndex((cell) => textOf(cell) === WAITING_LIST_GROUP);
  if (monthAt < 0 || groupStart < 0)
    return refuse(headerIndex, `${notRtt}: the header lacks "Month" or the group "${WAITING_LIST_GROUP}".`);
  const nextGroup = groups.findIndex((cell, index) => index > groupStart && textOf(cell) !== '');
  const groupEnd = nextGroup < 0 ? header.length : nextGroup;
  // The waiting list's columns, the estimated twin where there is one.
  const at = new Map<Column, number>();
  for (const [key, name] of Object.entries(COLUMNS) as [Column, string][]) {
    const within = (wanted: string) =>
      header.findIndex((cell, index) => index >= groupStart && index < groupEnd && cell === wanted);
    const estimated = within(name + WITH_ESTIMATES);
    // The published share is checked against the reported counts, so it is always the reported one.
    const index = key === 'share18' ? within(name) : estimated >= 0 ? estimated : within(name);
    if (index < 0) return refuse(headerIndex + 1, `${notRtt}: "${WAITING_LIST_GROUP}" lacks the column "${name}".`);
    at.set(key, index);
  }
  const plain = (name: string) =>
    header.findIndex((cell, index) => index >= groupStart && index < groupEnd && cell === name);
  const plainWithin = plain(COLUMNS.within18);
  const plainTotal = plain(COLUMNS.total);

  const seen = new Map<string, number>();
  rows.slice(headerIndex + 1).forEach((row, offset) => {
    const line = headerIndex + offset + 2;
    const month = row[monthAt];
    if (!(month instanceof Date)) return;
    const period = month.toISOString().slice(0, 7);
    const earlier = seen.get(period);
    if (earlier !== undefined) return refuse(line, `${period} is in the sheet twice (also at row ${earlier}).`);
    seen.set(period, line);
    const counts = new Map<Column, number | null>();
    for (const key of ['total', 'within18', 'over18', 'over52', 'over65', 'over78'] as const) {
      const cell = row[at.get(key)!];
      if (textOf(cell) === '-' || textOf(cell) === '') counts.set(key, null);
      else if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 0) counts.set(key, cell);
      else
        return refuse(
          line,
          `${period}: "${COLUMNS[key]}" is "${textOf(cell)}": a whole number, or "-" for none, is expected.`,
        );
    }
    // Rows after the last month published are dated but empty.
    if ([...counts.values()].every((count) => count === null)) return;
    const count = (key: Column) => counts.get(key) ?? null;
    const [total, within18, over18] = [count('total'), count('within18'), count('over18')];
    if (total !== null && within18 !== null && over18 !== null && within18 + over18 !== total)
      return refuse(
        line,
        `${period}: ${within18} within 18 weeks and ${over18} over do not add up to the ${total} waiting.`,
      );
    const nested = (['over18', 'over52', 'over65', 'over78'] as const).map(count);
    for (let index = 1; index < nested.length; index += 1) {
      const [longer, shorter] = [nested[index], nested[index - 1]];
      if (longer !== null && shorter !== null && longer! > shorter!)
        return refuse(
          line,
          `${period}: more waiting over ${[18, 52, 65, 78][index]} weeks (${longer}) than over ${[18, 52, 65, 78][index - 1]} (${shorter}).`,
        );
    }
    // A centile beyond what the month's data measured is published open-ended ("52+" in 2007-08 and
    // 2021): a bound, not a value, so neither stored nor compared.
    const weeks = new Map<Column, number | null>();
    for (const key of ['median', 'centile92'] as const) {
      const cell = row[at.get(key)!];
      if (textOf(cell) === '-' || textOf(cell) === '' || /^\d+\+$/.test(textOf(cell))) weeks.set(key, null);
      else if (typeof cell === 'number' && Number.isFinite(cell) && cell >= 0) weeks.set(key, cell);
      else
        return refuse(
          line,
          `${period}: "${COLUMNS[key]}" is "${textOf(cell)}": a number of weeks ("52+" for one beyond 52), or "-" for none, is expected.`,
        );
    }
    const [median, centile92] = [weeks.get('median') ?? null, weeks.get('centile92') ?? null];
    if (median !== null && centile92 !== null && median > centile92)
      return refuse(
        line,
        `${period}: the median wait (${median} weeks) is longer than the 92nd centile (${centile92}).`,
      );
    const share = row[at.get('share18')!];
    const [publishedWithin, publishedTotal] = [row[plainWithin], row[plainTotal]];
    if (
      typeof share === 'number' &&
      typeof publishedWithin === 'number' &&
      typeof publishedTotal === 'number' &&
      publishedTotal > 0
    ) {
      if (!(Math.abs(share - publishedWithin / publishedTotal) <= SHARE_TOLERANCE))
        return refuse(
          line,
          `${period}: "${COLUMNS.share18}" is ${share}, but ${publishedWithin} of ${publishedTotal} is ${publishedWithin / publishedTotal}.`,
        );
    }
    const claim = (metricCode: string, value: number | null) => {
      if (value === null) return;
      const measurement: MeasurementClaim = { metricCode, odsCode: ENGLAND_ODS_CODE, period, value };
      parsed.claims.push(measurement);
      parsed.origins.push({ file, line });
    };
    claim('RTT_WAITING_LIST', total);
    claim('RTT_18WK', total !== null && within18 !== null && total > 0 ? (within18 / total) * 100 : null);
    claim('RTT_52WK', count('over52'));
    claim('RTT_65WK', count('over65'));
    claim('RTT_78WK', count('over78'));
    claim('RTT_MEDIAN_WAIT', median);
  });
  if (parsed.problems.length === 0 && parsed.claims.length === 0)
    refuse(null, `${notRtt}: the sheet has no month with figures.`);
  return parsed;
}
