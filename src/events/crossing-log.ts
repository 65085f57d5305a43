import type { Database } from '../db/database.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import type { CrossingDirection } from '../domain/crossing.js';
import {
  crossingTopics,
  matchesCrossing,
  selectionTopics,
  type CrossingRoute,
  type CrossingSelection,
  type OrganisationSelection,
} from '../domain/crossing-filter.js';
import { createLogTail, logStream, resolveLogCursor, type LogPage, type LogTail } from './log-tail.js';
import type { TargetState } from '../domain/target.js';
import { ALL_METRICS, type EventBus } from './bus.js';
import type { Logger } from '../config/logger.js';

/**
 * The crossing log, in one place: appending to it (inside a write's transaction), reading it (pages,
 * counts, cursors), the tail of it each process keeps in memory, and each subscriber's stream of it.
 */

/** A crossing about to be logged. */
export interface NewCrossing {
  organisationId: number;
  targetId: number;
  metricId: number;
  milestoneId: number;
  period: string;
  value: number;
  threshold: number;
  direction: CrossingDirection;
  previousState: TargetState;
}

/** A crossing as logged, with what subscribers are routed by. */
export interface LoggedCrossing extends NewCrossing {
  sequence: bigint;
  occurredAt: Date;
  route: CrossingRoute;
}

/** Serialises the writers that append crossings, so that sequence order is commit order. */
const CROSSING_LOG_LOCK_KEY = 842_023;

/**
 * Appends crossings inside the writing transaction, under an advisory lock, so that the log's
 * sequence is commit order. `placeOf` says where each crossing's organisation sits (known to the
 * write already), so that the routes subscribers are matched by need no read after the commit.
 */
export async function appendCrossings(
  tx: Prisma.TransactionClient,
  crossings: readonly NewCrossing[],
  placeOf: (
    crossing: NewCrossing,
  ) => Pick<CrossingRoute, 'odsCode' | 'organisationType' | 'regionOdsCode' | 'ambulanceService'>,
): Promise<LoggedCrossing[]> {
  if (crossings.length === 0) return [];
  await tx.$queryRawUnsafe('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::bigint)', CROSSING_LOG_LOCK_KEY);
  // Appending is the write's last step, so this instant is its commit to within the commit itself:
  // the real clock, not the injected one, since subscribers measure their latency from it.
  const occurredAt = new Date();
  const logged = await tx.crossing.createManyAndReturn({
    data: crossings.map((crossing) => ({ ...crossing, occurredAt })),
  });
  const metricIds = [...new Set(crossings.map((crossing) => crossing.metricId))];
  const metricCodes = new Map(
    (await tx.metric.findMany({ where: { id: { in: metricIds } }, select: { id: true, code: true } })).map((m) => [
      m.id,
      m.code,
    ]),
  );
  return (logged as Omit<LoggedCrossing, 'route'>[])
    .sort((a, b) => (a.sequence < b.sequence ? -1 : 1))
    .map((crossing) => ({
      ...crossing,
      route: {
        sequence: crossing.sequence,
        ...placeOf(crossing),
        metricCode: metricCodes.get(crossing.metricId)!,
        milestoneId: crossing.milestoneId,
        direction: crossing.direction,
      },
    }));
}

/** The organisation types a crossing filter covers when it names none: operations rooms watch ICBs. */
export const DEFAULT_CROSSING_TYPES = ['ICB'] as const;

export function crossingWhere(selection: CrossingSelection): Prisma.CrossingWhereInput {
  return {
    ...(selection.milestoneIds ? { milestoneId: { in: [...selection.milestoneIds] } } : {}),
    ...(selection.directions ? { direction: { in: [...selection.directions] } } : {}),
    ...(selection.metricCodes ? { metric: { code: { in: [...selection.metricCodes] } } } : {}),
    organisation: organisationWhere(selection),
  };
}

/** The organisations a selection (a crossing filter's, a watch's) covers, as Prisma finds them. */
export function organisationWhere(selection: OrganisationSelection): Prisma.OrganisationWhereInput {
  return {
    ...(selection.odsCodes ? { odsCode: { in: [...selection.odsCodes] } } : {}),
    ...(selection.organisationTypes ? { type: { in: selection.organisationTypes as never } } : {}),
    ...(selection.regionOdsCodes ? { region: { odsCode: { in: [...selection.regionOdsCodes] } } } : {}),
    ...(typeof selection.ambulanceServices === 'boolean' ? { ambulanceService: selection.ambulanceServices } : {}),
  };
}

/** The sequence a crossing cursor names (see resolveLogCursor). */
export const resolveCursor = (tail: CrossingLogTail, cursor: string | null | undefined) =>
  resolveLogCursor(tail, cursor, 'crossing');

/** Routing facts of logged crossings, for matching them against subscribers' filters. */
export async function crossingRoutes(
  db: Database,
  where: Prisma.CrossingWhereInput,
  take?: number,
): Promise<CrossingRoute[]> {
  const rows = await db.prisma.crossing.findMany({
    where,
    orderBy: { sequence: 'asc' },
    ...(take ? { take } : {}),
    select: {
      sequence: true,
      milestoneId: true,
      direction: true,
      metric: { select: { code: true } },
      organisation: {
        select: { odsCode: true, type: true, ambulanceService: true, region: { select: { odsCode: true } } },
      },
    },
  });
  return rows.map((row) => ({
    sequence: row.sequence,
    odsCode: row.organisation.odsCode,
    organisationType: row.organisation.type,
    regionOdsCode: row.organisation.region?.odsCode ?? null,
    ambulanceService: row.organisation.ambulanceService,
    metricCode: row.metric.code,
    milestoneId: row.milestoneId,
    direction: row.direction,
  }));
}

/** A page of the log, oldest first unless inverted; `query` is the caller's selection. */
export function readCrossingPage<Query extends object>(
  db: Database,
  selection: CrossingSelection,
  { after, before, limit, inverted }: LogPage,
  query: Query,
) {
  return db.prisma.crossing.findMany({
    ...query,
    where: {
      ...crossingWhere(selection),
      sequence: { ...(after ? { gt: BigInt(after) } : {}), ...(before ? { lt: BigInt(before) } : {}) },
    },
    orderBy: { sequence: inverted ? 'desc' : 'asc' },
    take: limit,
  });
}

export const countCrossings = (db: Database, selection: CrossingSelection) =>
  db.prisma.crossing.count({ where: crossingWhere(selection) });

/** The crossing log's end, kept in memory for the process (see createLogTail). */
export function createCrossingLogTail(
  db: Database,
  bus: EventBus,
  options: { keep?: number; pollMs?: number; logger?: Logger } = {},
) {
  return createLogTail<CrossingRoute>(
    {
      name: 'crossing log',
      latest: async () => (await db.prisma.crossing.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n,
      readAfter: (sequence, take) => crossingRoutes(db, { sequence: { gt: sequence } }, take),
      topicsOf: crossingTopics,
      listen: (heard) => bus.onCrossing(ALL_METRICS, heard),
    },
    options,
  );
}

export type CrossingLogTail = LogTail<CrossingRoute>;

/** One subscriber's stream of crossings (see logStream). */
export function crossingStream(
  db: Database,
  tail: CrossingLogTail,
  selection: CrossingSelection,
  after: bigint | null,
  options: { maxLag?: number; signal?: AbortSignal } = {},
): AsyncGenerator<bigint> {
  const where = crossingWhere(selection);
  return logStream(
    tail,
    {
      readMatching: (last, take) => crossingRoutes(db, { AND: [where, { sequence: { gt: last } }] }, take),
      matches: (route) => matchesCrossing(selection, route),
      topics: selectionTopics(selection),
      what: 'crossings',
    },
    after,
    options,
  );
}
