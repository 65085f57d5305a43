import type { MeasurementClaim } from '../domain/measurement.js';

/** Where a claim came from, so that a problem can name the file and line. */
export interface ClaimOrigin {
  file: string;
  line: number;
}

/** A provider a file names that the database may not hold yet. */
export interface ProviderSighting {
  odsCode: string;
  name: string;
  /** Region ODS code (Y56…), when the file says; null when it does not. */
  regionOdsCode: string | null;
}

export interface FileProblem {
  file: string;
  line: number | null;
  message: string;
}

/** England's figure for a metric and period as a file publishes it: a rate's parts, or a count. */
export type PublishedTotal = { metricCode: string; period: string } & (
  { numerator: number; denominator: number } | { value: number }
);

/** What one published file yields. */
export interface ParsedFile {
  file: string;
  claims: MeasurementClaim[];
  origins: ClaimOrigin[];
  providers: ProviderSighting[];
  problems: FileProblem[];
  /** England's figures the file itself publishes, to check the roll-up of its providers against. */
  publishedTotals: PublishedTotal[];
  /** The parts of its claims, where the file breaks them down (DM01's tests), each with its breakdown's code. */
  breakdowns: (MeasurementClaim & { breakdown: string })[];
  /** Organisations the file shows to run an ambulance service (AmbSYS's services). */
  ambulanceServices: string[];
  /**
   * Which edition of the month this is, by the file's own dates ("revised 10th July 2025"), where it
   * gives them: a republished month often keeps its file's name, and its values' provenance should
   * still say which publication they came from.
   */
  edition: string | null;
}

export function emptyParsedFile(file: string): ParsedFile {
  return {
    file,
    claims: [],
    origins: [],
    providers: [],
    problems: [],
    publishedTotals: [],
    breakdowns: [],
    ambulanceServices: [],
    edition: null,
  };
}

/** A whole number from a published cell; blank means none (0). Undefined when it is not a number. */
export function countCell(cell: string | undefined): number | undefined {
  const text = (cell ?? '').trim().replace(/,/g, '');
  if (text === '') return 0;
  if (!/^\d+$/.test(text)) return undefined;
  return Number(text);
}
