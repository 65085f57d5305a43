import type { Database } from '../../src/db/database.js';
import { toDbDate } from '../../src/db/dates.js';
import { parsePeriod } from '../../src/domain/period.js';

export interface MeasurementFixture {
  metricCode: string;
  odsCode: string;
  period: string;
  value: number;
  numerator?: number;
  denominator?: number;
  derived?: boolean;
}

/**
 * Puts measurements straight into the database for tests of the read API. (Writing through the
 * API, with validation and roll-ups, is the write path's own concern and tests.)
 */
export async function insertMeasurements(db: Database, fixtures: readonly MeasurementFixture[]): Promise<void> {
  const metrics = new Map((await db.prisma.metric.findMany()).map((metric) => [metric.code, metric]));
  const organisations = new Map(
    (await db.prisma.organisation.findMany({ where: { odsCode: { in: fixtures.map((f) => f.odsCode) } } })).map((o) => [
      o.odsCode,
      o.id,
    ]),
  );
  await db.prisma.measurement.createMany({
    data: fixtures.map((fixture) => {
      const metric = metrics.get(fixture.metricCode);
      const organisationId = organisations.get(fixture.odsCode);
      if (!metric || organisationId === undefined)
        throw new Error(`fixture names unknown ${fixture.metricCode}/${fixture.odsCode}`);
      const period = parsePeriod(fixture.period, metric.frequency);
      return {
        metricId: metric.id,
        organisationId,
        period: period.label,
        periodStart: toDbDate(period.start),
        periodEnd: toDbDate(period.end),
        value: fixture.value,
        numerator: fixture.numerator ?? null,
        denominator: fixture.denominator ?? null,
        derived: fixture.derived ?? false,
        source: 'test fixture',
      };
    }),
  });
}

/** The months from one to another, both included ("2024-06" … "2025-06"). */
export function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let label = first; label <= last; label = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(label);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

/** A stored measurement's figures and whether it was rolled up, as a test reads them back (null if none). */
export function storedMeasurement(db: Database, odsCode: string, metricCode: string, period: string) {
  return db.prisma.measurement.findFirst({
    where: { period, metric: { code: metricCode }, organisation: { odsCode } },
    select: { value: true, numerator: true, denominator: true, derived: true },
  });
}
