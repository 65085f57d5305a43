import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import { fromDbDate } from '../db/dates.js';
import type { Measurement, Metric, Organisation, Target, TargetScope } from '../db/generated/prisma/client.js';
import { distanceToThreshold, judge, targetForPeriod, type TargetState } from '../domain/target.js';
import { UnknownMetricError } from './errors.js';

export interface TargetStanding {
  state: TargetState;
  /** The period judged: the measurement's, or (with no data) the one in which the target is judged today. */
  period: string | null;
  target: Target;
  measurement: Measurement | null;
  distanceToThreshold: number | null;
}

type TargetWithScopes = Target & { scopes: TargetScope[] };
type OrganisationRef = Pick<Organisation, 'id' | 'type'>;

/**
 * Latest values and target standings, batched per request: asking for 42 ICBs' standings makes a
 * fixed number of queries (metric, latest measurements, targets), whatever the number of ICBs.
 */
export function createStandingService(db: Database, today: () => string) {
  const metricByCode = new DataLoader<string, Metric | null>(async (codes) => {
    const metrics = await db.prisma.metric.findMany({ where: { code: { in: [...codes] } } });
    return codes.map((code) => metrics.find((metric) => metric.code === code) ?? null);
  });

  const targetsByMetric = new DataLoader<number, TargetWithScopes[]>(async (metricIds) => {
    const targets = await db.prisma.target.findMany({ where: { metricId: { in: [...metricIds] } }, include: { scopes: true } });
    return metricIds.map((metricId) => targets.filter((target) => target.metricId === metricId));
  });

  // Keyed "metricId:organisationId"; one query per metric for the whole batch.
  const latestMeasurement = new DataLoader<string, Measurement | null>(async (keys) => {
    const byMetric = new Map<number, number[]>();
    for (const key of keys) {
      const [metricId, organisationId] = key.split(':').map(Number) as [number, number];
      byMetric.set(metricId, [...(byMetric.get(metricId) ?? []), organisationId]);
    }
    const found = new Map<string, Measurement>();
    for (const [metricId, organisationIds] of byMetric) {
      const rows = await db.prisma.$queryRaw<{ id: number }[]>`
        SELECT DISTINCT ON ("organisationId") "id" FROM "Measurement"
        WHERE "metricId" = ${metricId} AND "organisationId" = ANY(${organisationIds})
        ORDER BY "organisationId", "periodEnd" DESC`;
      const measurements = await db.prisma.measurement.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
      for (const measurement of measurements) found.set(`${metricId}:${measurement.organisationId}`, measurement);
    }
    return keys.map((key) => found.get(key) ?? null);
  });

  async function requireMetric(code: string): Promise<Metric> {
    const metric = await metricByCode.load(code);
    if (!metric) throw new UnknownMetricError(code);
    return metric;
  }

  function applicableTargets(targets: readonly TargetWithScopes[], organisation: OrganisationRef): TargetWithScopes[] {
    return targets.filter((target) =>
      target.scopes.some((scope) => scope.organisationId === organisation.id || scope.organisationType === organisation.type),
    );
  }

  /** The standing of one value (or of no value) against the targets that apply on a date. */
  function standingOn(targets: readonly TargetWithScopes[], periodEnd: string, measurement: Measurement | null, period: string | null): TargetStanding | null {
    const windows = targets.map((target) => ({ target, inForceFrom: fromDbDate(target.inForceFrom), inForceTo: fromDbDate(target.inForceTo) }));
    const target = targetForPeriod(windows, periodEnd)?.target;
    if (!target) return null;
    return {
      state: judge(target, measurement?.value),
      period,
      target,
      measurement,
      distanceToThreshold: measurement ? distanceToThreshold(target, measurement.value) : null,
    };
  }

  return {
    requireMetric,

    async latest(organisation: OrganisationRef, metricCode: string): Promise<Measurement | null> {
      const metric = await requireMetric(metricCode);
      return latestMeasurement.load(`${metric.id}:${organisation.id}`);
    },

    /**
     * Standing on the latest period with data; with no data, NO_DATA against the target in force
     * today. Null when no target on the metric applies to the organisation.
     */
    async latestStanding(organisation: OrganisationRef, metricCode: string): Promise<TargetStanding | null> {
      const metric = await requireMetric(metricCode);
      const [targets, measurement] = await Promise.all([
        targetsByMetric.load(metric.id),
        latestMeasurement.load(`${metric.id}:${organisation.id}`),
      ]);
      const applicable = applicableTargets(targets, organisation);
      if (measurement) return standingOn(applicable, fromDbDate(measurement.periodEnd), measurement, measurement.period);
      return standingOn(applicable, today(), null, null);
    },

    /** Standing of a given measurement, judged by the target in force for its period. */
    async standingOf(organisation: OrganisationRef, measurement: Measurement): Promise<TargetStanding | null> {
      const targets = await targetsByMetric.load(measurement.metricId);
      return standingOn(applicableTargets(targets, organisation), fromDbDate(measurement.periodEnd), measurement, measurement.period);
    },
  };
}

export type StandingService = ReturnType<typeof createStandingService>;
