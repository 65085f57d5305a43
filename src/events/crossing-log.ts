import type { Database } from '../db/database.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import type { CrossingDirection } from '../domain/crossing.js';
import { crossingTopics, matchesCrossing, parseCrossingCursor, selectionTopics, type CrossingRoute, type CrossingSelection } from '../domain/crossing-filter.js';
import { DomainError } from '../domain/errors.js';
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
  placeOf: (crossing: NewCrossing) => Pick<CrossingRoute, 'odsCode' | 'organisationType' | 'regionOdsCode' | 'ambulanceService'>,
): Promise<LoggedCrossing[]> {
  if (crossings.length === 0) return [];
  await tx.$queryRawUnsafe('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::bigint)', CROSSING_LOG_LOCK_KEY);
  // Appending is the write's last step, so this instant is its commit to within the commit itself:
  // the real clock, not the injected one, since subscribers measure their latency from it.
  const occurredAt = new Date();
  const logged = await tx.crossing.createManyAndReturn({ data: crossings.map((crossing) => ({ ...crossing, occurredAt })) });
  const metricIds = [...new Set(crossings.map((crossing) => crossing.metricId))];
  const metricCodes = new Map((await tx.metric.findMany({ where: { id: { in: metricIds } }, select: { id: true, code: true } })).map((m) => [m.id, m.code]));
  return (logged as Omit<LoggedCrossing, 'route'>[])
    .sort((a, b) => (a.sequence < b.sequence ? -1 : 1))
    .map((crossing) => ({
      ...crossing,
      route: { sequence: crossing.sequence, ...placeOf(crossing), metricCode: metricCodes.get(crossing.metricId)!, milestoneId: crossing.milestoneId, direction: crossing.direction },
    }));
}

export class InvalidCursorError extends DomainError {
  readonly code = 'INVALID_CURSOR';
}

/** The organisation types a crossing filter covers when it names none: operations rooms watch ICBs. */
export const DEFAULT_CROSSING_TYPES = ['ICB'] as const;

export function crossingWhere(selection: CrossingSelection): Prisma.CrossingWhereInput {
  return {
    ...(selection.milestoneIds ? { milestoneId: { in: [...selection.milestoneIds] } } : {}),
    ...(selection.directions ? { direction: { in: [...selection.directions] } } : {}),
    ...(selection.metricCodes ? { metric: { code: { in: [...selection.metricCodes] } } } : {}),
    organisation: {
      ...(selection.odsCodes ? { odsCode: { in: [...selection.odsCodes] } } : {}),
      ...(selection.organisationTypes ? { type: { in: selection.organisationTypes as never } } : {}),
      ...(selection.regionOdsCodes ? { region: { odsCode: { in: [...selection.regionOdsCodes] } } } : {}),
      ...(typeof selection.ambulanceServices === 'boolean' ? { ambulanceService: selection.ambulanceServices } : {}),
    },
  };
}

/**
 * The sequence a cursor names; refuses one that is malformed or that the log has not reached
 * (a cursor from another deployment, or made up).
 */
export async function resolveCursor(tail: CrossingLogTail, cursor: string | null | undefined): Promise<bigint | null> {
  if (cursor === null || cursor === undefined) return null;
  const sequence = parseCrossingCursor(cursor);
  if (sequence === undefined) throw new InvalidCursorError(`"${cursor.slice(0, 40)}" is not a crossing cursor (the digits of a crossing's \`cursor\`).`);
  if (!(await tail.reaches(sequence))) throw new InvalidCursorError(`Cursor ${cursor} is beyond the end of the crossing log.`);
  return sequence;
}

/** Routing facts of logged crossings, for matching them against subscribers' filters. */
export async function crossingRoutes(db: Database, where: Prisma.CrossingWhereInput, take?: number): Promise<CrossingRoute[]> {
  const rows = await db.prisma.crossing.findMany({
    where,
    orderBy: { sequence: 'asc' },
    ...(take ? { take } : {}),
    select: {
      sequence: true,
      milestoneId: true,
      direction: true,
      metric: { select: { code: true } },
      organisation: { select: { odsCode: true, type: true, ambulanceService: true, region: { select: { odsCode: true } } } },
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

/** A page of the log as a connection asks for it (plugin-relay's cursor arguments). */
export interface CrossingPage {
  after?: string | undefined;
  before?: string | undefined;
  limit: number;
  inverted: boolean;
}

/** A page of the log, oldest first unless inverted; `query` is the caller's selection. */
export function readCrossingPage<Query extends object>(db: Database, selection: CrossingSelection, { after, before, limit, inverted }: CrossingPage, query: Query) {
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

export const countCrossings = (db: Database, selection: CrossingSelection) => db.prisma.crossing.count({ where: crossingWhere(selection) });

/** How many matching crossings may wait for a subscriber before it is cut off (it resumes with its cursor). */
export const DEFAULT_MAX_LAG = 10_000;
const PAGE = 500;

export class SlowSubscriberError extends DomainError {
  readonly code = 'SUBSCRIBER_TOO_SLOW';
  constructor(
    readonly lastCursor: bigint,
    limit: number,
  ) {
    super(`This subscription fell more than ${limit} crossings behind and was ended; resume with after: "${lastCursor}" to receive the rest.`);
  }
}

/**
 * The end of the crossing log, kept in memory and shared by every subscription of this process.
 * A notification from the bus that carries the log's next sequence is appended as it is; any other
 * makes the tail read what it lacks from the database, in sequence order, so subscribers get every
 * crossing exactly once and in order even when instances' notifications arrive out of order or one
 * is lost (a poll finds those while anyone waits).
 * Subscribers wait on topics (see selectionTopics): new crossings wake only those listening on
 * one of their topics, not every subscriber of the process.
 */
export function createCrossingLogTail(
  db: Database,
  bus: EventBus,
  { keep = 20_000, pollMs = 1_000, logger }: { keep?: number; pollMs?: number; logger?: Logger } = {},
) {
  let entries: CrossingRoute[] = [];
  let end: bigint | null = null;
  /** Memory holds every crossing after this sequence. */
  let floor: bigint | null = null;
  let reading: Promise<void> | null = null;
  let readAgain = false;
  let closed = false;
  const waiters = new Map<string, Set<() => void>>();

  function append(added: readonly CrossingRoute[]) {
    if (added.length === 0) return;
    entries.push(...added);
    end = added.at(-1)!.sequence;
    if (entries.length > keep) {
      floor = entries[entries.length - keep - 1]!.sequence;
      entries = entries.slice(entries.length - keep);
    }
    const woken = new Set<() => void>();
    for (const topic of new Set(added.flatMap(crossingTopics))) for (const wake of waiters.get(topic) ?? []) woken.add(wake);
    for (const wake of woken) wake();
  }

  async function catchUp(): Promise<void> {
    if (end === null) {
      const latest = await db.prisma.crossing.aggregate({ _max: { sequence: true } });
      end = floor = latest._max.sequence ?? 0n;
    }
    for (;;) {
      const page = await crossingRoutes(db, { sequence: { gt: end } }, PAGE);
      append(page);
      if (page.length < PAGE) break;
    }
  }

  /** Reads what the log gained; asked during a read, it reads once more after it (that read may have begun before the news). */
  function refresh(): Promise<void> {
    if (reading) {
      readAgain = true;
      return reading;
    }
    reading = (async () => {
      do {
        readAgain = false;
        await catchUp();
      } while (readAgain);
    })().finally(() => {
      reading = null;
    });
    return reading;
  }

  /** A read nobody awaits: a failure (the database away for a moment) is logged, and the next news or poll tries again. */
  const refreshInBackground = () =>
    refresh().catch((error: unknown) => {
      if (!closed) logger?.warn('could not read the crossing log', { error: String(error) });
    });

  const stopListening = bus.onCrossing(ALL_METRICS, (route) => {
    // The next crossing of the log, heard while nothing is being read: nothing to read either.
    if (reading === null && end !== null && route.sequence === end + 1n) append([route]);
    else if (end === null || route.sequence > end) void refreshInBackground();
  });
  // Writers the bus does not hear (an import run against the database, an instance without Redis)
  // are found by looking, while anyone is waiting.
  const poll = setInterval(() => {
    if (waiters.size > 0) void refreshInBackground();
  }, pollMs);
  poll.unref();

  return {
    /** The log's end as this process knows it (reading it first if need be). */
    async end(): Promise<bigint> {
      if (end === null) await refresh();
      return end!;
    },
    /**
     * Whether the log has reached a sequence: from memory, or, when memory has not heard of it
     * yet (written through another instance a moment ago), from the database.
     */
    async reaches(sequence: bigint): Promise<boolean> {
      if (end === null || end < sequence) await refresh();
      return end! >= sequence;
    },
    /**
     * Crossings after a cursor from memory; undefined when memory cannot tell (the cursor is older
     * than what is kept, or the end is not known yet): read the database instead.
     */
    after(cursor: bigint): CrossingRoute[] | undefined {
      if (end === null || floor === null || cursor < floor) return undefined;
      let low = 0;
      let high = entries.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (entries[middle]!.sequence <= cursor) low = middle + 1;
        else high = middle;
      }
      return entries.slice(low);
    },
    /** Resolves when a crossing on one of these topics joins the tail. */
    waitForGrowth(topics: readonly string[]): { promise: Promise<void>; cancel: () => void } {
      let wake!: () => void;
      const promise = new Promise<void>((resolve) => {
        wake = resolve;
      });
      for (const topic of topics) {
        let listeners = waiters.get(topic);
        if (!listeners) waiters.set(topic, (listeners = new Set()));
        listeners.add(wake);
      }
      const forget = () => {
        for (const topic of topics) {
          const listeners = waiters.get(topic);
          listeners?.delete(wake);
          if (listeners?.size === 0) waiters.delete(topic);
        }
      };
      return { promise: promise.finally(forget), cancel: () => wake() };
    },
    /** Stops listening and waits for a read under way, so that nothing reads the database after this. */
    async close(): Promise<void> {
      closed = true;
      stopListening();
      clearInterval(poll);
      for (const listeners of waiters.values()) for (const wake of listeners) wake();
      await reading?.catch(() => {});
    },
  };
}

export type CrossingLogTail = ReturnType<typeof createCrossingLogTail>;

/**
 * One subscriber's stream: with `after`, every logged crossing after it that matches, then live;
 * without, live from now. No gap and no duplicate: the stream walks the log by sequence, reading
 * the database while it is behind what memory holds. A subscriber with more than `maxLag` matching
 * crossings waiting is ended with SlowSubscriberError (its memory stays bounded; it resumes by cursor).
 */
export async function* crossingStream(
  db: Database,
  tail: CrossingLogTail,
  selection: CrossingSelection,
  after: bigint | null,
  { maxLag = DEFAULT_MAX_LAG, signal }: { maxLag?: number; signal?: AbortSignal } = {},
): AsyncGenerator<bigint> {
  let last = after ?? (await tail.end());
  let lastSent = last;
  const where = crossingWhere(selection);
  const topics = selectionTopics(selection);
  while (!signal?.aborted) {
    const growth = tail.waitForGrowth(topics);
    const abort = () => growth.cancel();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const end = await tail.end();
      const batch = tail.after(last);
      if (batch === undefined) {
        // Behind what memory holds: read this stretch of the log from the database. Everything up
        // to `end` had committed before this read, so when nothing matches, the stream is at `end`.
        const page = await crossingRoutes(db, { AND: [where, { sequence: { gt: last } }] }, PAGE);
        for (const route of page) {
          last = lastSent = route.sequence;
          yield route.sequence;
        }
        if (page.length < PAGE && last < end) last = end;
        continue;
      }
      const matching = batch.filter((route) => matchesCrossing(selection, route));
      if (matching.length > maxLag) throw new SlowSubscriberError(lastSent, maxLag);
      for (const route of matching) {
        last = lastSent = route.sequence;
        yield route.sequence;
      }
      if (batch.length > 0 && batch.at(-1)!.sequence > last) last = batch.at(-1)!.sequence;
      if (matching.length === 0) await growth.promise;
    } finally {
      signal?.removeEventListener('abort', abort);
      growth.cancel();
    }
  }
}

/**
 * Wraps a stream so that ending it (a client that disconnects) takes effect at once, even while it
 * waits for the next crossing, instead of at the next one.
 */
export function endableStream<T>(start: (signal: AbortSignal) => AsyncGenerator<T>): AsyncGenerator<T> {
  const controller = new AbortController();
  const inner = start(controller.signal);
  const outer: AsyncGenerator<T> = {
    next: (...args) => inner.next(...args),
    return(value) {
      controller.abort();
      return inner.return(value as T);
    },
    throw(error) {
      controller.abort();
      return inner.throw(error);
    },
    [Symbol.asyncIterator]() {
      return outer;
    },
  };
  return outer;
}
