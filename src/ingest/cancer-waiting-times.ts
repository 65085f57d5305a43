import type { MeasurementClaim } from '../domain/measurement.js';
import { emptyParsedFile, type ParsedFile } from './types.js';
import { UnreadableWorkbook } from './workbook.js';
import { cellText, worksheetRows } from './xlsx.js';

/**
 * NHS England's Cancer Waiting Times provider extract (CWT-CRS, a workbook whose first sheet has
 * one row per month, standard, provider, stage or route, treatment modality and cancer type, with
 * the patients seen or treated, those within the standard and the breaches). Each standard becomes
 * a provider's rate for the month: those within the standard over all, summed over the rows that
 * make it up. For the 31- and 62-day standards the rows broken down by modality repeat the
 * "ALL MODALITIES" rows, so only those are summed (summing every row counts treatments twice).
 * 62-day breaches shared between two providers are published as halves.
 *
 * The extract has no England row: England (and each ICB and region) is rolled up from the
 * providers, and equals NHS England's national time series (tested against it).
 */
export const CWT_STANDARDS: Readonly<Record<string, { metricCode: string; allModalitiesOnly: boolean }>> = {
  '28-day FDS': { metricCode: 'CANCER_FDS', allModalitiesOnly: false },
  '31-day Combined': { metricCode: 'CANCER_31D', allModalitiesOnly: true },
  '62-day Combined': { metricCode: 'CANCER_62D', allModalitiesOnly: true },
};

const ALL_MODALITIES = 'ALL MODALITIES';
const REQUIRED = [
  'PERIOD',
  'STANDARD',
  'ORG CODE',
  'STAGE/ROUTE',
  'TREATMENT MODALITY',
  'CANCER TYPE',
  'TOTAL TREATED',
  'WITHIN STANDARD',
  'BREACHES',
] as const;
type Column = (typeof REQUIRED)[number];

interface Tally {
  claim: Pick<MeasurementClaim, 'metricCode' | 'odsCode' | 'period'>;
  total: number;
  within: number;
  line: number;
}

/** Reads a provider extract row by row as the workbook is streamed; a problem anywhere refuses the whole file. */
export async function parseCwtProviderExtract(file: string, bytes: Uint8Array): Promise<ParsedFile> {
  const parsed = emptyParsedFile(file);
  const problem = (line: number | null, message: string) => parsed.problems.push({ file, line, message });
  const tallies = new Map<string, Tally>();
  const seen = new Map<string, number>();
  let at: Map<Column, number> | null = null;
  let line = 0;
  try {
    for await (const row of worksheetRows(bytes)) {
      line += 1;
      if (at === null) {
        const header = row.map((cell) => cellText(cell).trim().toUpperCase());
        const missing = REQUIRED.filter((column) => !header.includes(column));
        if (missing.length > 0) {
          problem(
            1,
            `This is not a Cancer Waiting Times provider extract: its first sheet lacks the columns ${missing.join(', ')}.`,
          );
          return parsed;
        }
        at = new Map(REQUIRED.map((column) => [column, header.indexOf(column)]));
        continue;
      }
      const cell = (column: Column) => row[at!.get(column)!] ?? null;
      const text = (column: Column) => cellText(cell(column)).trim();
      if (row.every((value) => value === null || cellText(value).trim() === '')) continue;
      const standard = CWT_STANDARDS[text('STANDARD')];
      // Standards the server does not measure (the extract may gain some) are passed over.
      if (!standard) continue;
      const period = monthOfCell(cell('PERIOD'));
      if (!period) {
        problem(line, `PERIOD is "${text('PERIOD')}": a month (its first day) is expected.`);
        continue;
      }
      const odsCode = text('ORG CODE').toUpperCase();
      if (!/^[A-Z0-9]{3,5}$/.test(odsCode)) {
        problem(line, `"${text('ORG CODE')}" is not an ODS code.`);
        continue;
      }
      const key = [
        period,
        text('STANDARD'),
        odsCode,
        text('STAGE/ROUTE'),
        text('TREATMENT MODALITY'),
        text('CANCER TYPE'),
      ].join('|');
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problem(
          line,
          `${odsCode} ${period} ${text('STANDARD')} (${[text('STAGE/ROUTE'), text('TREATMENT MODALITY'), text('CANCER TYPE')].filter(Boolean).join(', ')}) is in the file twice (also at row ${earlier}).`,
        );
        continue;
      }
      seen.set(key, line);
      const counts = countsOf(cell('TOTAL TREATED'), cell('WITHIN STANDARD'), cell('BREACHES'));
      if (typeof counts === 'string') {
        problem(line, `${odsCode} ${period} ${text('STANDARD')}: ${counts}`);
        continue;
      }
      if (standard.allModalitiesOnly && text('TREATMENT MODALITY').toUpperCase() !== ALL_MODALITIES) continue;
      const tallyKey = `${standard.metricCode}|${odsCode}|${period}`;
      const tally = tallies.get(tallyKey) ?? {
        claim: { metricCode: standard.metricCode, odsCode, period },
        total: 0,
        within: 0,
        line,
      };
      tally.total += counts.total;
      tally.within += counts.within;
      tallies.set(tallyKey, tally);
      if (parsed.problems.length >= 100) break;
    }
  } catch (error) {
    if (!(error instanceof UnreadableWorkbook)) throw error;
    problem(null, `This is not a Cancer Waiting Times provider extract: ${error.message}.`);
    return parsed;
  }
  if (at === null) problem(null, 'The workbook has no rows.');
  if (parsed.problems.length > 0) return parsed;

  // The extract names providers by code only: each one seen, once.
  for (const odsCode of new Set([...tallies.values()].map((tally) => tally.claim.odsCode)))
    parsed.providers.push({ odsCode, name: odsCode, regionOdsCode: null });
  for (const tally of tallies.values()) {
    // A provider that saw no one under a standard that month has no rate to record.
    if (tally.total === 0) continue;
    parsed.claims.push({ ...tally.claim, numerator: tally.within, denominator: tally.total });
    parsed.origins.push({ file, line: tally.line });
  }
  return parsed;
}

/** The month a PERIOD cell names: a date cell (the first of the month), or the same written as text. */
function monthOfCell(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 7);
  const match = /^(\d{4})-(0[1-9]|1[0-2])(-\d{2})?$/.exec(cellText(value).trim());
  return match ? `${match[1]}-${match[2]}` : null;
}

/** The row's counts, checked: not negative, the part within its whole, the whole its two parts. */
function countsOf(
  totalCell: unknown,
  withinCell: unknown,
  breachesCell: unknown,
): { total: number; within: number } | string {
  const numbers = [totalCell, withinCell, breachesCell].map((value) =>
    typeof value === 'number' ? value : value === null ? 0 : Number(cellText(value).replace(/,/g, '')),
  );
  const [total, within, breaches] = numbers as [number, number, number];
  const names = ['TOTAL TREATED', 'WITHIN STANDARD', 'BREACHES'];
  const bad = numbers.findIndex((value) => !Number.isFinite(value) || value < 0);
  if (bad >= 0)
    return `${names[bad]} is "${cellText([totalCell, withinCell, breachesCell][bad])}": a count, not negative, is expected.`;
  if (within > total) return `WITHIN STANDARD (${within}) is more than TOTAL TREATED (${total}).`;
  if (Math.abs(within + breaches - total) > 1e-9)
    return `WITHIN STANDARD (${within}) and BREACHES (${breaches}) do not add up to TOTAL TREATED (${total}).`;
  return { total, within };
}
