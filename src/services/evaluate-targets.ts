import { fromDbDate } from '../db/dates.js';
import type { Prisma, Target } from '../db/generated/prisma/client.js';
import { advanceSeries, type SeriesState } from '../domain/crossing.js';
import { appendCrossings, type LoggedCrossing, type NewCrossing } from '../events/crossing-log.js';
import { appliesTo, type TargetState } from '../domain/target.js';

type Tx = Prisma.TransactionClient;

/** One measurement a write created or changed. */
export interface ChangedMeasurement {
  metricId: number;
  organisationId: number;
  period: string;
  periodEnd: string;
  value: number;
}

type TargetWithScopes = Target & { scopes: { organisationId: number | null; organisationType: string | null }[] };

/**
 * Judges every series the changed measurements belong to (an organisation against a milestone's
 * trajectory on the metric), in the write's transaction, and appends the crossings to the log
 * (appendCrossings).
 * Reads only the targets of the metrics written, the organisations written and their series'
 * stored states: the cost follows the rows written, not the size of the database.
 */
export async function evaluateTargets(
  tx: Tx,
  changed: readonly ChangedMeasurement[],
  now: Date,
): Promise<LoggedCrossing[]> {
  if (changed.length === 0) return [];
  const metricIds = [...new Set(changed.map((row) => row.metricId))];
  const targets = (await tx.target.findMany({
    where: { metricId: { in: metricIds } },
    include: { scopes: true },
  })) as TargetWithScopes[];
  if (targets.length === 0) return [];
  const organisationIds = [...new Set(changed.map((row) => row.organisationId))];
  const organisations = new Map(
    (
      await tx.organisation.findMany({
        where: { id: { in: organisationIds } },
        select: { id: true, type: true, odsCode: true, ambulanceService: true, region: { select: { odsCode: true } } },
      })
    ).map((o) => [o.id, o]),
  );

  // Series: (organisation, milestone, metric) -> the trajectory that applies and the points written.
  const series = new Map<
    string,
    {
      organisationId: number;
      milestoneId: number;
      metricId: number;
      trajectory: TargetWithScopes[];
      points: ChangedMeasurement[];
    }
  >();
  for (const row of changed) {
    const organisation = organisations.get(row.organisationId);
    const applicable = organisation
      ? targets.filter((target) => target.metricId === row.metricId && appliesTo(target, organisation))
      : [];
    for (const milestoneId of new Set(applicable.map((target) => target.milestoneId))) {
      const key = `${row.organisationId}:${milestoneId}:${row.metricId}`;
      const entry = series.get(key) ?? {
        organisationId: row.organisationId,
        milestoneId,
        metricId: row.metricId,
        trajectory: applicable.filter((target) => target.milestoneId === milestoneId),
        points: [],
      };
      entry.points.push(row);
      series.set(key, entry);
    }
  }
  if (series.size === 0) return [];

  const entries = [...series.values()];
  const storedRows = await tx.$queryRawUnsafe<
    {
      organisationId: number;
      milestoneId: number;
      metricId: number;
      period: string;
      periodEnd: Date;
      state: TargetState;
    }[]
  >(
    `SELECT s."organisationId", s."milestoneId", s."metricId", s."period", s."periodEnd", s."state"::text AS "state"
       FROM "SeriesState" s
       JOIN unnest($1::int[], $2::int[], $3::int[]) AS k("organisationId", "milestoneId", "metricId")
         ON s."organisationId" = k."organisationId" AND s."milestoneId" = k."milestoneId" AND s."metricId" = k."metricId"`,
    entries.map((entry) => entry.organisationId),
    entries.map((entry) => entry.milestoneId),
    entries.map((entry) => entry.metricId),
  );
  const stored = new Map(
    storedRows.map((row) => [
      `${row.organisationId}:${row.milestoneId}:${row.metricId}`,
      { period: row.period, periodEnd: fromDbDate(row.periodEnd), state: row.state } satisfies SeriesState,
    ]),
  );

  const crossings: NewCrossing[] = [];
  const newStates: {
    organisationId: number;
    milestoneId: number;
    metricId: number;
    period: string;
    periodEnd: string;
    targetId: number;
    state: TargetState;
    value: number;
  }[] = [];
  for (const entry of entries) {
    const key = `${entry.organisationId}:${entry.milestoneId}:${entry.metricId}`;
    const trajectory = entry.trajectory.map((target) => ({
      ...target,
      inForceFrom: fromDbDate(target.inForceFrom),
      inForceTo: fromDbDate(target.inForceTo),
    }));
    const steps = advanceSeries(stored.get(key) ?? null, trajectory, entry.points);
    for (const step of steps) {
      if (!step.direction) continue;
      crossings.push({
        organisationId: entry.organisationId,
        targetId: step.target.id,
        metricId: entry.metricId,
        milestoneId: entry.milestoneId,
        period: step.point.period,
        value: step.point.value,
        threshold: step.target.value,
        direction: step.direction,
        previousState: step.previousState ?? 'MEETING',
      });
    }
    const last = steps.at(-1);
    if (last) {
      newStates.push({
        organisationId: entry.organisationId,
        milestoneId: entry.milestoneId,
        metricId: entry.metricId,
        period: last.point.period,
        periodEnd: last.point.periodEnd,
        targetId: last.target.id,
        state: last.state,
        value: last.point.value,
      });
    }
  }
  if (newStates.length > 0) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "SeriesState" ("organisationId", "milestoneId", "metricId", "period", "periodEnd", "targetId", "state", "value", "updatedAt")
       SELECT r."organisationId", r."milestoneId", r."metricId", r."period", r."periodEnd"::date, r."targetId", r."state"::"TargetState", r."value", $9
         FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[], $8::float8[])
           AS r("organisationId", "milestoneId", "metricId", "period", "periodEnd", "targetId", "state", "value")
       ON CONFLICT ("organisationId", "milestoneId", "metricId") DO UPDATE
         SET "period" = EXCLUDED."period", "periodEnd" = EXCLUDED."periodEnd", "targetId" = EXCLUDED."targetId",
             "state" = EXCLUDED."state", "value" = EXCLUDED."value", "updatedAt" = EXCLUDED."updatedAt"`,
      newStates.map((s) => s.organisationId),
      newStates.map((s) => s.milestoneId),
      newStates.map((s) => s.metricId),
      newStates.map((s) => s.period),
      newStates.map((s) => s.periodEnd),
      newStates.map((s) => s.targetId),
      newStates.map((s) => s.state),
      newStates.map((s) => s.value),
      now,
    );
  }
  return appendCrossings(tx, crossings, (crossing) => {
    const organisation = organisations.get(crossing.organisationId)!;
    return {
      odsCode: organisation.odsCode,
      organisationType: organisation.type,
      regionOdsCode: organisation.region?.odsCode ?? null,
      ambulanceService: organisation.ambulanceService,
    };
  });
}
