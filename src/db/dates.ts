import { detectFrequency, parsePeriod } from '../domain/period.js';

/** Calendar dates travel as ISO strings in the domain and as UTC-midnight Dates through Prisma. */
export function toDbDate(date: string): Date;
export function toDbDate(date: string | null | undefined): Date | null;
export function toDbDate(date: string | null | undefined): Date | null {
  return date ? new Date(`${date}T00:00:00.000Z`) : null;
}

export function fromDbDate(date: Date): string;
export function fromDbDate(date: Date | null): string | null;
export function fromDbDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/**
 * Rows (measurements, their breakdowns) whose periods lie between two labels, inclusive (labels
 * already validated): a where clause on their periodStart and periodEnd.
 */
export function periodSpanWhere(
  from: string | null | undefined,
  to: string | null | undefined,
): { periodStart?: { gte: Date }; periodEnd?: { lte: Date } } {
  const bounds = (label: string) => parsePeriod(label, detectFrequency(label) ?? 'MONTHLY');
  return {
    ...(from ? { periodStart: { gte: toDbDate(bounds(from).start) } } : {}),
    ...(to ? { periodEnd: { lte: toDbDate(bounds(to).end) } } : {}),
  };
}
