import { fromDbDate } from '../db/dates.js';
import type { Prisma, WatchState } from '../db/generated/prisma/client.js';
import { selectsOrganisation, type OrganisationPlaceRoute } from '../domain/crossing-filter.js';
import { appliesTo, targetForPeriod, type TargetScopeRule } from '../domain/target.js';
import { evaluateWatch, silenceCovers, type WatchEventRoute, type WatchPoint } from '../domain/watch.js';
import { appendWatchEvents, type NewWatchEvent } from '../events/watch-log.js';
import type { ChangedMeasurement } from './evaluate-targets.js';
import { readWatch, type WatchDefinition } from './watch-definition.js';

type Tx = Prisma.TransactionClient;

/** Where an organisation sits, with its ID, as watches select and name it. */
export type PlacedOrganisation = OrganisationPlaceRoute & { id: number };

/** One organisation's series under one watch. */
export interface WatchPair {
  watch: WatchDefinition;
  organisation: PlacedOrganisation;
}

export interface WatchAdvance {
  /** Events appended to the log: to publish once the transaction has committed. */
  events: WatchEventRoute[];
  /** How many points the longest series evaluated has (an SPC watch needs MINIMUM_POINTS). */
  longestSeries: number;
}

/** Where organisations sit, for selections to be matched against. */
export async function placesOf(tx: Tx, where: Prisma.OrganisationWhereInput): Promise<PlacedOrganisation[]> {
  const rows = await tx.organisation.findMany({
    where,
    select: { id: true, odsCode: true, type: true, ambulanceService: true, region: { select: { odsCode: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    odsCode: row.odsCode,
    organisationType: row.type,
    regionOdsCode: row.region?.odsCode ?? null,
    ambulanceService: row.ambulanceService,
  }));
}

/**
 * Advances every watch on the metrics a write changed, for the organisations it changed that the
 * watch selects, inside the write's transaction: the same rows mutations, imports and the
 * publication watcher write, revisions and roll-ups included. Reads only the watches of the
 * metrics written and those organisations' series.
 */
export async function evaluateWatches(
  tx: Tx,
  changed: readonly ChangedMeasurement[],
  now: Date,
): Promise<WatchEventRoute[]> {
  if (changed.length === 0) return [];
  const metricIds = [...new Set(changed.map((row) => row.metricId))];
  const watches = (await tx.watch.findMany({ where: { metricId: { in: metricIds } } })).map(readWatch);
  if (watches.length === 0) return [];
  const written = new Set(changed.map((row) => `${row.metricId}:${row.organisationId}`));
  const organisations = await placesOf(tx, { id: { in: [...new Set(changed.map((row) => row.organisationId))] } });
  const pairs = watches.flatMap((watch) =>
    organisations
      .filter(
        (organisation) =>
          written.has(`${watch.metricId}:${organisation.id}`) && selectsOrganisation(watch.selection, organisation),
      )
      .map((organisation) => ({ watch, organisation })),
  );
  return (await advanceWatchSeries(tx, pairs, now, { quiet: false })).events;
}

interface SeriesRow {
  metricId: number;
  organisationId: number;
  period: string;
  periodEnd: Date;
  value: number;
}

interface StoredSeries {
  watchId: number;
  organisationId: number;
  state: WatchState;
}

type TargetRow = Awaited<ReturnType<Tx['target']['findMany']>>[number] & { scopes: TargetScopeRule[] };

/** The targets on a metric that apply to an organisation, with the dates the domain judges by. */
function trajectoryOf(
  targets: readonly TargetRow[],
  metricId: number,
  organisation: Pick<PlacedOrganisation, 'id' | 'organisationType'>,
) {
  return targets
    .filter(
      (target) =>
        target.metricId === metricId && appliesTo(target, { id: organisation.id, type: organisation.organisationType }),
    )
    .map((target) => ({
      milestoneId: target.milestoneId,
      comparator: target.comparator,
      value: target.value,
      inForceFrom: fromDbDate(target.inForceFrom),
      inForceTo: fromDbDate(target.inForceTo),
    }));
}

/** The milestone whose target on a metric is in force for an organisation's period: what an event about it has at stake. */
export async function milestoneAt(
  tx: Tx,
  metricId: number,
  organisation: Pick<PlacedOrganisation, 'id' | 'organisationType'>,
  period: string,
): Promise<number | null> {
  const [targets, measurement] = await Promise.all([
    tx.target.findMany({ where: { metricId }, include: { scopes: true } }),
    tx.measurement.findFirst({
      where: { metricId, organisationId: organisation.id, period },
      select: { periodEnd: true },
    }),
  ]);
  if (!measurement) return null;
  return (
    targetForPeriod(trajectoryOf(targets, metricId, organisation), fromDbDate(measurement.periodEnd))?.milestoneId ??
    null
  );
}

/**
 * Replays each pair's series from its first period (src/domain/watch.ts), stores the state it
 * ends in, and, unless `quiet` (a watch just made or changed, which starts from the states it
 * finds), logs a STATE_CHANGED event for each series whose state moved, naming the milestone whose
 * target is in force for the period, marked silenced where a silence covers it.
 */
export async function advanceWatchSeries(
  tx: Tx,
  pairs: readonly WatchPair[],
  now: Date,
  { quiet }: { quiet: boolean },
): Promise<WatchAdvance> {
  if (pairs.length === 0) return { events: [], longestSeries: 0 };
  const metricIds = [...new Set(pairs.map((pair) => pair.watch.metricId))];
  const seriesKeys = [...new Set(pairs.map((pair) => `${pair.watch.metricId}:${pair.organisation.id}`))].map(
    (key) => key.split(':').map(Number) as [number, number],
  );
  const watchIds = [...new Set(pairs.map((pair) => pair.watch.id))];
  const [metrics, targets, rows, storedRows, silences] = await Promise.all([
    tx.metric.findMany({ where: { id: { in: metricIds } }, select: { id: true, polarity: true } }),
    tx.target.findMany({ where: { metricId: { in: metricIds } }, include: { scopes: true } }),
    tx.$queryRawUnsafe<SeriesRow[]>(
      `SELECT m."metricId", m."organisationId", m."period", m."periodEnd", m."value"
         FROM "Measurement" m
         JOIN unnest($1::int[], $2::int[]) AS k("metricId", "organisationId")
           ON m."metricId" = k."metricId" AND m."organisationId" = k."organisationId"
        ORDER BY m."periodEnd"`,
      seriesKeys.map(([metricId]) => metricId),
      seriesKeys.map(([, organisationId]) => organisationId),
    ),
    tx.$queryRawUnsafe<StoredSeries[]>(
      `SELECT s."watchId", s."organisationId", s."state"::text AS "state"
         FROM "WatchSeries" s
         JOIN unnest($1::int[], $2::int[]) AS k("watchId", "organisationId") ON s."watchId" = k."watchId" AND s."organisationId" = k."organisationId"`,
      pairs.map((pair) => pair.watch.id),
      pairs.map((pair) => pair.organisation.id),
    ),
    quiet ? [] : tx.watchSilence.findMany({ where: { watchId: { in: watchIds }, endsAt: { gt: new Date() } } }),
  ]);
  const polarity = new Map(metrics.map((metric) => [metric.id, metric.polarity]));
  const series = new Map<string, SeriesRow[]>();
  for (const row of rows) {
    const key = `${row.metricId}:${row.organisationId}`;
    const points = series.get(key);
    if (points) points.push(row);
    else series.set(key, [row]);
  }
  const stored = new Map(storedRows.map((row) => [`${row.watchId}:${row.organisationId}`, row.state]));
  // Silences are operational time: judged by the real clock, whatever clock the data is judged by.
  const silencedAt = new Date();

  const states: {
    watchId: number;
    organisationId: number;
    state: WatchState;
    since: string | null;
    period: string;
    value: number;
  }[] = [];
  const events: NewWatchEvent[] = [];
  let longestSeries = 0;
  for (const { watch, organisation } of pairs) {
    const measured = series.get(`${watch.metricId}:${organisation.id}`) ?? [];
    if (measured.length === 0) continue;
    longestSeries = Math.max(longestSeries, measured.length);
    const trajectory = trajectoryOf(targets, watch.metricId, organisation);
    const inForce = measured.map((row) => targetForPeriod(trajectory, fromDbDate(row.periodEnd)) ?? null);
    const points: WatchPoint[] = measured.map((row, index) => ({
      period: row.period,
      value: row.value,
      target: inForce[index] ?? null,
    }));
    const evaluation = evaluateWatch(points, watch.condition, watch.timing, polarity.get(watch.metricId)!);
    const latest = evaluation.steps.at(-1)!;
    states.push({
      watchId: watch.id,
      organisationId: organisation.id,
      state: evaluation.state,
      since: evaluation.since,
      period: latest.period,
      value: latest.value,
    });
    const previous = stored.get(`${watch.id}:${organisation.id}`) ?? 'INACTIVE';
    if (quiet || previous === evaluation.state) continue;
    // The event is told at the period the new state began in.
    const at = Math.max(
      0,
      evaluation.steps.findIndex((step) => step.period === evaluation.since),
    );
    events.push({
      watchId: watch.id,
      organisationId: organisation.id,
      metricId: watch.metricId,
      milestoneId: inForce[at]?.milestoneId ?? inForce.at(-1)?.milestoneId ?? null,
      kind: 'STATE_CHANGED',
      fromState: previous,
      toState: evaluation.state,
      period: evaluation.steps[at]!.period,
      value: evaluation.steps[at]!.value,
      labels: watch.labels,
      silenced: silences.some(
        (silence) => silence.watchId === watch.id && silenceCovers(silence, organisation.odsCode, silencedAt),
      ),
    });
  }
  if (states.length > 0) {
    // An acknowledgement is of one firing: it goes when the series stops firing.
    await tx.$executeRawUnsafe(
      `INSERT INTO "WatchSeries" ("watchId", "organisationId", "state", "since", "period", "value", "updatedAt")
       SELECT r."watchId", r."organisationId", r."state"::"WatchState", r."since", r."period", r."value", $7
         FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::float8[]) AS r("watchId", "organisationId", "state", "since", "period", "value")
       ON CONFLICT ("watchId", "organisationId") DO UPDATE
         SET "state" = EXCLUDED."state", "since" = EXCLUDED."since", "period" = EXCLUDED."period", "value" = EXCLUDED."value", "updatedAt" = EXCLUDED."updatedAt",
             "acknowledgedBy" = CASE WHEN EXCLUDED."state" = 'FIRING' AND "WatchSeries"."state" = 'FIRING' THEN "WatchSeries"."acknowledgedBy" END,
             "acknowledgedAt" = CASE WHEN EXCLUDED."state" = 'FIRING' AND "WatchSeries"."state" = 'FIRING' THEN "WatchSeries"."acknowledgedAt" END,
             "acknowledgementNote" = CASE WHEN EXCLUDED."state" = 'FIRING' AND "WatchSeries"."state" = 'FIRING' THEN "WatchSeries"."acknowledgementNote" END`,
      states.map((s) => s.watchId),
      states.map((s) => s.organisationId),
      states.map((s) => s.state),
      states.map((s) => s.since),
      states.map((s) => s.period),
      states.map((s) => s.value),
      now,
    );
  }
  return { events: await appendWatchEvents(tx, events), longestSeries };
}
