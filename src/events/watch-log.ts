import type { Database } from '../db/database.js';
import type { Prisma, WatchEventKind, WatchState } from '../db/generated/prisma/client.js';
import {
  receivesWatchEvent,
  watchEventTopics,
  watchSubscriptionTopics,
  type WatchEventRoute,
  type WatchFollowing,
} from '../domain/watch.js';
import type { Logger } from '../config/logger.js';
import type { EventBus } from './bus.js';
import { createLogTail, logStream, resolveLogCursor, type LogPage, type LogTail } from './log-tail.js';

/**
 * The watch event log, in one place: appending to it (inside a write's transaction), reading it
 * (pages, counts, cursors), the tail of it each process keeps in memory, and each subscriber's
 * stream of it. Its machinery is the crossing log's (log-tail.ts).
 */

/** A watch event about to be logged. */
export interface NewWatchEvent {
  watchId: number;
  organisationId: number;
  metricId: number;
  milestoneId: number | null;
  kind: WatchEventKind;
  fromState: WatchState;
  toState: WatchState;
  period: string;
  value: number;
  labels: Prisma.InputJsonValue;
  silenced: boolean;
  actor?: string | null;
  note?: string | null;
}

/** Serialises the writers that append watch events, so that sequence order is commit order. */
const WATCH_LOG_LOCK_KEY = 842_024;

/** Appends watch events inside the writing transaction; returns their routes, to publish once it has committed. */
export async function appendWatchEvents(
  tx: Prisma.TransactionClient,
  events: readonly NewWatchEvent[],
): Promise<WatchEventRoute[]> {
  if (events.length === 0) return [];
  await tx.$queryRawUnsafe('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::bigint)', WATCH_LOG_LOCK_KEY);
  // The write's last step: this instant is its commit to within the commit itself.
  const occurredAt = new Date();
  const logged = await tx.watchEvent.createManyAndReturn({
    data: events.map((event) => ({ ...event, occurredAt })),
    select: ROUTE,
  });
  return logged.map(routeOf).sort((a, b) => (a.sequence < b.sequence ? -1 : 1));
}

const ROUTE = { sequence: true, watchId: true, silenced: true, watch: { select: { owner: true } } } as const;
const routeOf = ({
  watch,
  ...route
}: {
  sequence: bigint;
  watchId: number;
  silenced: boolean;
  watch: { owner: string };
}): WatchEventRoute => ({ ...route, owner: watch.owner });

export const watchEventWhere = (following: WatchFollowing): Prisma.WatchEventWhereInput =>
  'watchIds' in following
    ? { watchId: { in: [...following.watchIds] } }
    : 'owner' in following
      ? { watch: { owner: following.owner } }
      : {};

async function watchRoutes(db: Database, where: Prisma.WatchEventWhereInput, take: number): Promise<WatchEventRoute[]> {
  return (await db.prisma.watchEvent.findMany({ where, orderBy: { sequence: 'asc' }, take, select: ROUTE })).map(
    routeOf,
  );
}

/** The watch event log's end, kept in memory for the process (see createLogTail). */
export function createWatchLogTail(
  db: Database,
  bus: EventBus,
  options: { keep?: number; pollMs?: number; logger?: Logger } = {},
) {
  return createLogTail<WatchEventRoute>(
    {
      name: 'watch event log',
      latest: async () => (await db.prisma.watchEvent.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n,
      readAfter: (sequence, take) => watchRoutes(db, { sequence: { gt: sequence } }, take),
      topicsOf: watchEventTopics,
      listen: (heard) => bus.onWatchEvent(heard),
    },
    options,
  );
}

export type WatchLogTail = LogTail<WatchEventRoute>;

/** The sequence a watch event cursor names (see resolveLogCursor). */
export const resolveWatchCursor = (tail: WatchLogTail, cursor: string | null | undefined) =>
  resolveLogCursor(tail, cursor, 'watch event');

/**
 * One subscriber's stream of the events of the watches it follows, silenced ones left out, with
 * the crossing log's resume: no gap, no duplicate (see logStream).
 */
export function watchEventStream(
  db: Database,
  tail: WatchLogTail,
  following: WatchFollowing,
  after: bigint | null,
  options: { maxLag?: number; signal?: AbortSignal } = {},
): AsyncGenerator<bigint> {
  const where = { ...watchEventWhere(following), silenced: false };
  return logStream(
    tail,
    {
      readMatching: (last, take) => watchRoutes(db, { AND: [where, { sequence: { gt: last } }] }, take),
      matches: (route) => receivesWatchEvent(following, route),
      topics: watchSubscriptionTopics(following),
      what: 'watch events',
    },
    after,
    options,
  );
}

/** A page of the log, silenced events included (marked), oldest first unless inverted. */
export function readWatchEventPage<Query extends object>(
  db: Database,
  following: WatchFollowing,
  { after, before, limit, inverted }: LogPage,
  query: Query,
) {
  return db.prisma.watchEvent.findMany({
    ...query,
    where: {
      ...watchEventWhere(following),
      sequence: { ...(after ? { gt: BigInt(after) } : {}), ...(before ? { lt: BigInt(before) } : {}) },
    },
    orderBy: { sequence: inverted ? 'desc' : 'asc' },
    take: limit,
  });
}

export const countWatchEvents = (db: Database, following: WatchFollowing) =>
  db.prisma.watchEvent.count({ where: watchEventWhere(following) });
