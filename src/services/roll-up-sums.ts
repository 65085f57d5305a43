import type { Prisma } from '../db/generated/prisma/client.js';
import { rollUpLeafLevels, type MetricRules } from '../domain/measurement.js';
import { ENGLAND_ODS_CODE } from '../domain/organisation.js';
import { rollUp } from '../domain/roll-up.js';

type Tx = Prisma.TransactionClient;

/** A metric as rolling up needs it. */
export type RollUpMetric = MetricRules & { id: number; rollUpToIcb: boolean };

/** One aggregate's value for a period (and a part, for a breakdown), combined by the domain's rule. */
export interface RolledUpValue {
  organisationId: number;
  period: string;
  /** The part, where the values summed were a breakdown's. */
  breakdown: string | null;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/**
 * The ICB (where the metric rolls up to ICBs), region and England values of a metric for the
 * periods given, each summed in SQL from every leaf under it (providers, or ICBs where ICBs report)
 * and combined by the domain's roll-up rule: of the measurements, or of a breakdown part by part.
 * `touching` restricts them to the aggregates above those organisations (null: every aggregate).
 */
export async function rolledUpValues(
  tx: Tx,
  leaves: 'Measurement' | 'BreakdownMeasurement',
  metric: RollUpMetric,
  periods: readonly string[],
  touching: readonly number[] | null,
): Promise<RolledUpValue[]> {
  const part = leaves === 'BreakdownMeasurement' ? `"breakdown"` : `NULL::text`;
  // Sums come back as the interface's fields, the numbers in whatever type the driver gives them.
  const sums = await tx.$queryRawUnsafe<RolledUpValue[]>(
    `WITH touched AS (
       SELECT DISTINCT "icbId", "regionId" FROM "Organisation" WHERE "id" = ANY($2::int[])
     ),
     leaves AS (
       SELECT l."period", ${part} AS "breakdown", l."value", l."numerator", l."denominator", o."icbId", o."regionId"
         FROM "${leaves}" l JOIN "Organisation" o ON o."id" = l."organisationId"
        WHERE l."metricId" = $1 AND l."period" = ANY($3::text[]) AND NOT l."derived"
          AND o."type"::text = ANY($4::text[])
     )
     SELECT "icbId" AS "organisationId", "period", "breakdown", sum("value") AS "value", sum("numerator") AS "numerator", sum("denominator") AS "denominator"
       FROM leaves WHERE $6 AND "icbId" IS NOT NULL AND ($7 OR "icbId" IN (SELECT "icbId" FROM touched))
      GROUP BY "icbId", "period", "breakdown"
     UNION ALL
     SELECT "regionId", "period", "breakdown", sum("value"), sum("numerator"), sum("denominator")
       FROM leaves WHERE "regionId" IS NOT NULL AND ($7 OR "regionId" IN (SELECT "regionId" FROM touched))
      GROUP BY "regionId", "period", "breakdown"
     UNION ALL
     SELECT (SELECT "id" FROM "Organisation" WHERE "odsCode" = $5), "period", "breakdown", sum("value"), sum("numerator"), sum("denominator")
       FROM leaves GROUP BY "period", "breakdown"`,
    metric.id,
    touching ?? [],
    periods,
    rollUpLeafLevels(metric),
    ENGLAND_ODS_CODE,
    metric.rollUpToIcb,
    touching === null,
  );
  return sums.flatMap((sum) => {
    const combined = rollUp(metric, [
      { value: Number(sum.value), numerator: numberOrNull(sum.numerator), denominator: numberOrNull(sum.denominator) },
    ]);
    return combined
      ? [{ organisationId: sum.organisationId, period: sum.period, breakdown: sum.breakdown, ...combined }]
      : [];
  });
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
