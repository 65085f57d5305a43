import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import { fromDbDate } from '../db/dates.js';
import type { Measurement, Metric, Milestone, Organisation, Target, TargetScope } from '../db/generated/prisma/client.js';
import { advanceSeries, type SeriesStep } from '../domain/crossing.js';
import { appliesTo, distanceToThreshold, judge, targetForPeriod, type TargetState, type TargetWindow, type Threshold } from '../domain/target.js';
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

/** One series recomputed: an organisation against one milestone's trajectory on a metric. */
export interface SeriesHistory {
  metric: Metric;
  milestone: Milestone;
  steps: SeriesStep<JudgedTarget>[];
}

/** A target with the dates and threshold the domain judges by. */
interface JudgedTarget extends TargetWindow, Threshold {
  target: Target;
}
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
    return targets.filter((target) => appliesTo(target, organisation));
  }

  /** A trajectory's targets with the dates the domain judges by. */
  const windowsOf = (targets: readonly TargetWithScopes[]): JudgedTarget[] =>
    targets.map((target) => ({ target, comparator: target.comparator, value: target.value, inForceFrom: fromDbDate(target.inForceFrom), inForceTo: fromDbDate(target.inForceTo) }));

  /** The standing of one value (or of no value) against the targets that apply on a date. */
  function standingOn(targets: readonly TargetWithScopes[], periodEnd: string, measurement: Measurement | null, period: string | null): TargetStanding | null {
    const target = targetForPeriod(windowsOf(targets), periodEnd)?.target;
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

    /**
     * Every series of an organisation on a metric (one per milestone whose trajectory applies to
     * it), recomputed from scratch over every period it has data for, each judged by the step in
     * force for it: the crossings the data implies as it stands today, late values and revisions
     * included. The crossing log, by contrast, records what was known when each write committed.
     */
    async seriesHistory(organisation: OrganisationRef, metricCode: string, milestoneId?: number | null): Promise<SeriesHistory[]> {
      const metric = await requireMetric(metricCode);
      const targets = applicableTargets(await targetsByMetric.load(metric.id), organisation).filter(
        (target) => milestoneId === undefined || milestoneId === null || target.milestoneId === milestoneId,
      );
      if (targets.length === 0) return [];
      const milestoneIds = [...new Set(targets.map((target) => target.milestoneId))];
      const [measurements, milestones] = await Promise.all([
        db.prisma.measurement.findMany({ where: { organisationId: organisation.id, metricId: metric.id }, orderBy: { periodEnd: 'asc' } }),
        db.prisma.milestone.findMany({ where: { id: { in: milestoneIds } } }),
      ]);
      const points = measurements.map((measurement) => ({ period: measurement.period, periodEnd: fromDbDate(measurement.periodEnd), value: measurement.value }));
      return milestones.map((milestone) => ({
        metric,
        milestone,
        steps: advanceSeries(null, windowsOf(targets.filter((target) => target.milestoneId === milestone.id)), points),
      }));
    },

    /** Standing of a given measurement, judged by the target in force for its period. */
    async standingOf(organisation: OrganisationRef, measurement: Measurement): Promise<TargetStanding | null> {
      const targets = await targetsByMetric.load(measurement.metricId);
      return standingOn(applicableTargets(targets, organisation), fromDbDate(measurement.periodEnd), measurement, measurement.period);
    },
  };
}

export type StandingService = ReturnType<typeof createStandingService>;
