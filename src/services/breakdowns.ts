import type { Database } from '../db/database.js';
import { periodSpanWhere } from '../db/dates.js';
import type { Prisma, Unit } from '../db/generated/prisma/client.js';
import { breakdownCategory, type BreakdownCategory } from '../domain/breakdown.js';
import {
  checkMeasurement,
  type CheckedMeasurement,
  type MeasurementClaim,
  type MeasurementProblem,
} from '../domain/measurement.js';
import { rolledUpValues } from './roll-up-sums.js';

type Tx = Prisma.TransactionClient;

/** A provider's value for one part of a metric (a test of DM01's waiting list). */
export type BreakdownClaim = MeasurementClaim & { breakdown: string };

interface BreakdownRow {
  metricId: number;
  organisationId: number;
  breakdown: string;
  measurement: CheckedMeasurement;
  derived: boolean;
}

/**
 * Records providers' breakdown values and rolls them up as their wholes are (provider → ICB where
 * the metric rolls up to ICBs → region → England, by the domain's rule), inside the caller's
 * transaction. Checked as measurements are; any problem writes nothing and is returned. A part
 * whose value is unchanged is left alone; one that changed is revised (its revision counted).
 */
export async function recordBreakdowns(
  tx: Tx,
  claims: readonly BreakdownClaim[],
  source: string,
  now: Date,
): Promise<{ written: number; problems: Omit<MeasurementProblem, 'index'>[] }> {
  if (claims.length === 0) return { written: 0, problems: [] };
  const metrics = new Map(
    (await tx.metric.findMany({ where: { code: { in: [...new Set(claims.map((claim) => claim.metricCode))] } } })).map(
      (metric) => [metric.code, metric],
    ),
  );
  const organisations = new Map(
    (
      await tx.organisation.findMany({
        where: { odsCode: { in: [...new Set(claims.map((claim) => claim.odsCode))] } },
        select: { id: true, odsCode: true, type: true },
      })
    ).map((organisation) => [organisation.odsCode, organisation]),
  );
  const today = now.toISOString().slice(0, 10);
  const problems: Omit<MeasurementProblem, 'index'>[] = [];
  const rows: BreakdownRow[] = [];
  for (const claim of claims) {
    const metric = metrics.get(claim.metricCode);
    const organisation = organisations.get(claim.odsCode);
    if (!metric || !breakdownCategory(claim.breakdown)) {
      problems.push({
        field: 'metricCode',
        code: 'UNKNOWN_METRIC',
        message: `${claim.metricCode} has no breakdown "${claim.breakdown}".`,
      });
      continue;
    }
    if (!organisation) {
      problems.push({
        field: 'odsCode',
        code: 'UNKNOWN_ORGANISATION',
        message: `There is no organisation ${claim.odsCode} to record ${claim.metricCode} (${claim.breakdown}) for.`,
      });
      continue;
    }
    const checked = checkMeasurement(claim, metric, organisation.type, today);
    if (!checked.ok) {
      problems.push(...checked.problems);
      continue;
    }
    rows.push({
      metricId: metric.id,
      organisationId: organisation.id,
      breakdown: claim.breakdown,
      measurement: checked.measurement,
      derived: false,
    });
  }
  if (problems.length > 0) return { written: 0, problems };
  let written = await upsertBreakdowns(tx, rows, source, now);
  for (const metric of metrics.values()) {
    const periods = new Map(
      rows
        .filter((row) => row.metricId === metric.id)
        .map((row) => [row.measurement.period.label, row.measurement.period]),
    );
    if (periods.size === 0 || metric.aggregation === 'NONE') continue;
    // Every aggregate is summed from all its providers' parts for those periods.
    const derived: BreakdownRow[] = (
      await rolledUpValues(tx, 'BreakdownMeasurement', metric, [...periods.keys()], null)
    ).map(({ organisationId, period, breakdown, ...combined }) => ({
      metricId: metric.id,
      organisationId,
      breakdown: breakdown!,
      measurement: { period: periods.get(period)!, ...combined },
      derived: true,
    }));
    written += await upsertBreakdowns(tx, derived, `roll-up of provider values (${source})`, now);
  }
  return { written, problems: [] };
}

/** Inserts new parts and revises changed ones in one statement; returns how many it wrote. */
async function upsertBreakdowns(tx: Tx, rows: readonly BreakdownRow[], source: string, now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  return tx.$executeRawUnsafe(
    `INSERT INTO "BreakdownMeasurement" ("metricId", "organisationId", "period", "periodStart", "periodEnd", "breakdown", "value", "numerator", "denominator", "derived", "source", "recordedAt")
     SELECT r."metricId", r."organisationId", r."period", r."periodStart"::date, r."periodEnd"::date, r."breakdown", r."value", r."numerator", r."denominator", r."derived", $11, $12
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::float8[], $10::bool[])
         AS r("metricId", "organisationId", "period", "periodStart", "periodEnd", "breakdown", "value", "numerator", "denominator", "derived")
     ON CONFLICT ("metricId", "organisationId", "period", "breakdown") DO UPDATE
        SET "value" = EXCLUDED."value", "numerator" = EXCLUDED."numerator", "denominator" = EXCLUDED."denominator",
            "source" = EXCLUDED."source", "recordedAt" = EXCLUDED."recordedAt",
            "revision" = "BreakdownMeasurement"."revision" + 1
      WHERE ("BreakdownMeasurement"."value", "BreakdownMeasurement"."numerator", "BreakdownMeasurement"."denominator")
            IS DISTINCT FROM (EXCLUDED."value", EXCLUDED."numerator", EXCLUDED."denominator")`,
    rows.map((row) => row.metricId),
    rows.map((row) => row.organisationId),
    rows.map((row) => row.measurement.period.label),
    rows.map((row) => row.measurement.period.start),
    rows.map((row) => row.measurement.period.end),
    rows.map((row) => row.breakdown),
    rows.map((row) => row.measurement.value),
    rows.map((row) => row.measurement.numerator),
    rows.map((row) => row.measurement.denominator),
    rows.map((row) => row.derived),
    source,
    now,
  );
}

/** The parts a metric is broken down into, as far as any value has one. */
export async function breakdownCategories(db: Database, metricId: number): Promise<BreakdownCategory[]> {
  const rows = await db.prisma.breakdownMeasurement.findMany({
    where: { metricId },
    distinct: ['breakdown'],
    select: { breakdown: true },
    orderBy: { breakdown: 'asc' },
  });
  return rows.flatMap((row) => breakdownCategory(row.breakdown) ?? []);
}

export interface BreakdownValue {
  category: BreakdownCategory;
  /** The metric's unit, to show the value in. */
  unit: Unit;
  period: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  derived: boolean;
  revision: number;
}

/** An organisation's breakdown values of a metric, by period then breakdown, optionally one part and a span of periods. */
export async function breakdownValues(
  db: Database,
  organisationId: number,
  metricCode: string,
  options: { breakdown?: string | null; from?: string | null; to?: string | null },
): Promise<BreakdownValue[]> {
  const rows = await db.prisma.breakdownMeasurement.findMany({
    where: {
      organisationId,
      metric: { code: metricCode },
      ...(options.breakdown ? { breakdown: options.breakdown } : {}),
      ...periodSpanWhere(options.from, options.to),
    },
    orderBy: [{ periodStart: 'asc' }, { breakdown: 'asc' }],
    include: { metric: { select: { unit: true } } },
  });
  return rows.flatMap((row) => {
    const category = breakdownCategory(row.breakdown);
    return category
      ? [
          {
            category,
            unit: row.metric.unit,
            period: row.period,
            value: row.value,
            numerator: row.numerator,
            denominator: row.denominator,
            derived: row.derived,
            revision: row.revision,
          },
        ]
      : [];
  });
}
