/**
 * Reporting periods. A period is named the way NHS England publishes it: "2025-03" for a month,
 * "2025-Q1" for a calendar quarter, "2024-25" for a financial year (April to March).
 * Dates are plain calendar dates in ISO form ("2025-03-31"), compared as strings.
 */
export type Frequency = 'MONTHLY' | 'QUARTERLY' | 'ANNUAL';

export interface Period {
  readonly label: string;
  readonly frequency: Frequency;
  readonly start: string;
  readonly end: string;
}

const MONTHLY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTERLY = /^(\d{4})-Q([1-4])$/;
const ANNUAL = /^(\d{4})-(\d{2})$/;

export class PeriodFormatError extends Error {
  constructor(
    readonly label: string,
    readonly frequency?: Frequency,
  ) {
    super(
      frequency
        ? `"${label}" is not a ${frequency.toLowerCase()} period (expected ${periodFormatHint(frequency)})`
        : `"${label}" is not a period (expected YYYY-MM, YYYY-Qn or YYYY-YY)`,
    );
    this.name = 'PeriodFormatError';
  }
}

export function periodFormatHint(frequency: Frequency): string {
  switch (frequency) {
    case 'MONTHLY':
      return 'YYYY-MM, e.g. 2025-03';
    case 'QUARTERLY':
      return 'YYYY-Qn, e.g. 2025-Q1';
    case 'ANNUAL':
      return 'a financial year YYYY-YY, e.g. 2024-25';
  }
}

/** Parses a period label of the given frequency; throws PeriodFormatError when it is not one. */
export function parsePeriod(label: string, frequency: Frequency): Period {
  const period = tryParsePeriod(label, frequency);
  if (!period) throw new PeriodFormatError(label, frequency);
  return period;
}

export function tryParsePeriod(label: string, frequency: Frequency): Period | undefined {
  switch (frequency) {
    case 'MONTHLY': {
      const match = MONTHLY.exec(label);
      if (!match) return undefined;
      const year = Number(match[1]);
      const month = Number(match[2]);
      return { label, frequency, start: isoDate(year, month, 1), end: isoDate(year, month, daysInMonth(year, month)) };
    }
    case 'QUARTERLY': {
      const match = QUARTERLY.exec(label);
      if (!match) return undefined;
      const year = Number(match[1]);
      const firstMonth = (Number(match[2]) - 1) * 3 + 1;
      const lastMonth = firstMonth + 2;
      return {
        label,
        frequency,
        start: isoDate(year, firstMonth, 1),
        end: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
      };
    }
    case 'ANNUAL': {
      const match = ANNUAL.exec(label);
      if (!match) return undefined;
      const year = Number(match[1]);
      if ((year + 1) % 100 !== Number(match[2])) return undefined;
      return { label, frequency, start: isoDate(year, 4, 1), end: isoDate(year + 1, 3, 31) };
    }
  }
}

/** The frequency a label is written in, or undefined when it is none of them. */
export function detectFrequency(label: string): Frequency | undefined {
  for (const frequency of ['MONTHLY', 'QUARTERLY', 'ANNUAL'] as const) {
    if (tryParsePeriod(label, frequency)) return frequency;
  }
  return undefined;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const utc = new Date(`${date}T00:00:00Z`);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A month as publishers title it ("March 2025", any case) -> "2025-03"; null for anything else. */
export function monthOfTitle(text: string): string | null {
  const match = /^([a-z]+)\s+(\d{4})$/i.exec(text.trim());
  const month = match ? MONTH_NAMES.indexOf(match[1]!.toLowerCase()) : -1;
  return match && month >= 0 ? `${match[2]}-${String(month + 1).padStart(2, '0')}` : null;
}

/** The month after a month ("2024-12" -> "2025-01"), or `count` months after. */
export function monthsAfter(month: string, count = 1): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
