import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import { fromDbDate, toDbDate } from '../db/dates.js';
import type { Measurement, Metric, Milestone, Organisation, Target } from '../db/generated/prisma/client.js';
import { advanceSeries, type SeriesStep } from '../domain/crossing.js';
import {
  appliesTo,
  distanceToThreshold,
  judge,
  targetForPeriod,
  type TargetState,
  type TargetWindow,
  type Threshold,
} from '../domain/target.js';
import { UnknownMetricError } from '../domain/errors.js';
import type { TargetCatalogue, TargetCatalogueSnapshot, TargetWithScopes } from './target-catalogue.js';

export interface TargetStanding {
  state: TargetState;
  /** The period judged: the measurement's, or (with no data) the one in which the target is judged today. */
  period: string | null;
  target: Target;
  measurement: Measurement | null;
  distanceToThreshold: number | null;
}

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

/** A measurement row read with plain SQL: the columns as Prisma's Measurement has them. */
const MEASUREMENT_COLUMNS = `"id", "metricId", "organisationId", "period", "periodStart"::text AS "periodStart", "periodEnd"::text AS "periodEnd",
  "value", "numerator", "denominator", "derived", "source", "revision", "recordedAt"`;
type MeasurementRow = Omit<Measurement, 'periodStart' | 'periodEnd'> & { periodStart: string; periodEnd: string };
const measurementOf = (row: MeasurementRow): Measurement => ({
  ...row,
  periodStart: toDbDate(row.periodStart),
  periodEnd: toDbDate(row.periodEnd),
});

/** DataLoader keys "metricId:organisationId", grouped: one query per metric serves them all. */
function organisationsByMetric(keys: readonly string[]): Map<number, number[]> {
  const byMetric = new Map<number, number[]>();
  for (const key of keys) {
    const [metricId, organisationId] = key.split(':').map(Number) as [number, number];
    const ids = byMetric.get(metricId);
    if (ids) ids.push(organisationId);
    else byMetric.set(metricId, [organisationId]);
  }
  return byMetric;
}

/**
 * Latest values and target standings, batched per request: asking for 42 ICBs' standings makes a
 * fixed number of queries (the latest measurements, and the change counter unless the request has
 * read it already), whatever the number of ICBs. Metrics and targets come from the process's
 * catalogue, checked once per request.
 */
export function createStandingService(
  db: Database,
  catalogue: TargetCatalogue,
  dataVersion: () => Promise<string>,
  today: () => string,
) {
  let snapshot: Promise<TargetCatalogueSnapshot> | null = null;
  // One snapshot for the whole request, as a per-request DataLoader would hold its rows.
  const reference = () => (snapshot ??= dataVersion().then((version) => catalogue.current(version)));
  const metricByCode = async (code: string) => (await reference()).metricByCode.get(code) ?? null;
  const targetsByMetric = async (metricId: number) => (await reference()).targetsByMetric.get(metricId) ?? [];

  // Keyed "metricId:organisationId"; one query per metric for the whole batch.
  const latestMeasurement = new DataLoader<string, Measurement | null>(async (keys) => {
    const byMetric = organisationsByMetric(keys);
    const found = new Map<string, Measurement>();
    for (const [metricId, organisationIds] of byMetric) {
      const rows = await db.query<MeasurementRow>(
        `SELECT DISTINCT ON ("organisationId") ${MEASUREMENT_COLUMNS} FROM "Measurement"
         WHERE "metricId" = $1 AND "organisationId" = ANY($2::int[])
         ORDER BY "organisationId", "periodEnd" DESC`,
        [metricId, organisationIds],
      );
      for (const row of rows) found.set(`${metricId}:${row.organisationId}`, measurementOf(row));
    }
    return keys.map((key) => found.get(key) ?? null);
  });

  // An organisation's whole series on a metric, oldest first, keyed "metricId:organisationId": one
  // query per metric for every organisation a request charts (SPC for a board of 42 ICBs).
  const series = new DataLoader<string, Measurement[]>(async (keys) => {
    const byMetric = organisationsByMetric(keys);
    const found = new Map<string, Measurement[]>();
    for (const [metricId, organisationIds] of byMetric) {
      const rows = await db.query<MeasurementRow>(
        `SELECT ${MEASUREMENT_COLUMNS} FROM "Measurement" WHERE "metricId" = $1 AND "organisationId" = ANY($2::int[]) ORDER BY "organisationId", "periodEnd"`,
        [metricId, organisationIds],
      );
      for (const row of rows) {
        const key = `${metricId}:${row.organisationId}`;
        const list = found.get(key);
        if (list) list.push(measurementOf(row));
        else found.set(key, [measurementOf(row)]);
      }
    }
    return keys.map((key) => found.get(key) ?? []);
  });

  async function requireMetric(code: string): Promise<Metric> {
    const metric = await metricByCode(code);
    if (!metric) throw new UnknownMetricError(code);
    return metric;
  }

  function applicableTargets(targets: readonly TargetWithScopes[], organisation: OrganisationRef): TargetWithScopes[] {
    return targets.filter((target) => appliesTo(target, organisation));
  }

  /** A trajectory's targets with the dates the domain judges by. */
  const windowsOf = (targets: readonly TargetWithScopes[]): JudgedTarget[] =>
    targets.map((target) => ({
      target,
      comparator: target.comparator,
      value: target.value,
      inForceFrom: fromDbDate(target.inForceFrom),
      inForceTo: fromDbDate(target.inForceTo),
    }));

  /** The standing of one value (or of no value) against the targets that apply on a date. */
  function standingOn(
    targets: readonly TargetWithScopes[],
    periodEnd: string,
    measurement: Measurement | null,
    period: string | null,
  ): TargetStanding | null {
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

    /** An organisation's every value on a metric, oldest first (batched across the request). */
    seriesOf: (organisation: OrganisationRef, metric: Pick<Metric, 'id'>): Promise<Measurement[]> =>
      series.load(`${metric.id}:${organisation.id}`),

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
        targetsByMetric(metric.id),
        latestMeasurement.load(`${metric.id}:${organisation.id}`),
      ]);
      const applicable = applicableTargets(targets, organisation);
      if (measurement)
        return standingOn(applicable, fromDbDate(measurement.periodEnd), measurement, measurement.period);
      return standingOn(applicable, today(), null, null);
    },

    /**
     * Every series of an organisation on a metric (one per milestone whose trajectory applies to
     * it), recomputed from scratch over every period it has data for, each judged by the step in
     * force for it: the crossings the data implies as it stands today, late values and revisions
     * included. The crossing log, by contrast, records what was known when each write committed.
     */
    async seriesHistory(
      organisation: OrganisationRef,
      metricCode: string,
      milestoneId?: number | null,
    ): Promise<SeriesHistory[]> {
      const metric = await requireMetric(metricCode);
      const targets = applicableTargets(await targetsByMetric(metric.id), organisation).filter(
        (target) => milestoneId === undefined || milestoneId === null || target.milestoneId === milestoneId,
      );
      if (targets.length === 0) return [];
      const milestoneIds = [...new Set(targets.map((target) => target.milestoneId))];
      const [measurements, milestones] = await Promise.all([
        series.load(`${metric.id}:${organisation.id}`),
        db.prisma.milestone.findMany({ where: { id: { in: milestoneIds } } }),
      ]);
      const points = measurements.map((measurement) => ({
        period: measurement.period,
        periodEnd: fromDbDate(measurement.periodEnd),
        value: measurement.value,
      }));
      return milestones.map((milestone) => ({
        metric,
        milestone,
        steps: advanceSeries(null, windowsOf(targets.filter((target) => target.milestoneId === milestone.id)), points),
      }));
    },

    /** Standing of a given measurement, judged by the target in force for its period. */
    async standingOf(organisation: OrganisationRef, measurement: Measurement): Promise<TargetStanding | null> {
      const targets = await targetsByMetric(measurement.metricId);
      return standingOn(
        applicableTargets(targets, organisation),
        fromDbDate(measurement.periodEnd),
        measurement,
        measurement.period,
      );
    },
  };
}

export type StandingService = ReturnType<typeof createStandingService>;
