/**
 * When a monthly publication's next release is due, and when it is overdue. NHS England publishes
 * its monthly statistics on the second Thursday of a month, a fixed number of months after the
 * month they cover (its statistical release calendar). Pure.
 */
import { addDays, isoDate, monthsAfter } from './period.js';

/** How a publication is released: a month's figures `lagMonths` months after it, on the second Thursday. */
export interface ReleaseCadence {
  lagMonths: number;
}

/** The second Thursday of a month ("2024-07" -> "2024-07-11"). */
export function secondThursdayOf(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const firstWeekday = new Date(Date.UTC(year, number - 1, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - firstWeekday + 7) % 7);
  return isoDate(year, number, firstThursday + 7);
}

/** The day a month's figures are due. */
export function releaseDueOn(month: string, cadence: ReleaseCadence): string {
  return secondThursdayOf(monthsAfter(month, cadence.lagMonths));
}

/**
 * The release that is overdue after the latest month a publication has brought, or null: the next
 * month's, once a day has passed since it was due (midday UTC the day after), so that a release a
 * few hours late is not called overdue.
 */
export function overdueRelease(
  latestMonth: string,
  cadence: ReleaseCadence,
  now: Date,
): { period: string; dueOn: string } | null {
  const period = monthsAfter(latestMonth);
  const dueOn = releaseDueOn(period, cadence);
  return now.getTime() >= Date.parse(`${addDays(dueOn, 1)}T12:00:00Z`) ? { period, dueOn } : null;
}
