import type { Database } from '../db/database.js';
import { matchesCrossing, type CrossingRoute, type CrossingSelection } from '../domain/crossing-filter.js';
import { crossingRoutes, crossingWhere } from '../services/crossings.js';
import { DomainError } from '../services/errors.js';
import { ALL_METRICS, type EventBus } from './bus.js';

/** How many crossings a subscriber may fall behind before it is cut off (it resumes with its cursor). */
export const DEFAULT_MAX_LAG = 10_000;
const PAGE = 500;

export class SlowSubscriberError extends DomainError {
  readonly code = 'SUBSCRIBER_TOO_SLOW';
  constructor(
    readonly lastCursor: bigint,
    limit: number,
  ) {
    super(`This subscription fell more than ${limit} crossings behind and was ended; resume with after: "${lastCursor}" to receive the rest.`);
    this.name = 'SlowSubscriberError';
  }
}

/**
 * The end of the crossing log, kept in memory and shared by every subscription of this process.
 * A notification from the bus says only "the log has grown to N": the tail reads what it lacks
 * from the database once, in sequence order, so subscribers get every crossing exactly once and
 * in order even when instances' notifications arrive out of order or a notification is lost.
 */
export function createCrossingLogTail(db: Database, bus: EventBus, { keep = 20_000 }: { keep?: number } = {}) {
  let entries: CrossingRoute[] = [];
  let end: bigint | null = null;
  let reading: Promise<void> | null = null;
  const waiters = new Set<() => void>();

  async function catchUp(): Promise<void> {
    if (end === null) {
      const latest = await db.prisma.crossing.aggregate({ _max: { sequence: true } });
      end = latest._max.sequence ?? 0n;
    }
    for (;;) {
      const page = await crossingRoutes(db, { sequence: { gt: end } }, PAGE);
      if (page.length === 0) break;
      entries.push(...page);
      end = page.at(-1)!.sequence;
      if (page.length < PAGE) break;
    }
    if (entries.length > keep) entries = entries.slice(entries.length - keep);
    for (const wake of waiters) wake();
  }

  function refresh(): Promise<void> {
    reading ??= catchUp().finally(() => {
      reading = null;
    });
    return reading;
  }

  const stopListening = bus.onCrossing(ALL_METRICS, (event) => {
    if (end === null || BigInt(event.sequence) > end) void refresh();
  });

  return {
    /** The log's end as this process knows it (reading it first if need be). */
    async end(): Promise<bigint> {
      if (end === null) await refresh();
      return end!;
    },
    /**
     * Crossings after a cursor from memory; undefined when memory cannot tell (the cursor is older
     * than what is kept, or the end is not known yet): read the database instead.
     */
    after(cursor: bigint): CrossingRoute[] | undefined {
      if (end === null) return undefined;
      if (cursor >= end) return [];
      const first = entries[0];
      if (!first || cursor < first.sequence - 1n) return undefined;
      return entries.filter((entry) => entry.sequence > cursor);
    },
    /** Resolves when the tail next grows. */
    waitForGrowth(): { promise: Promise<void>; cancel: () => void } {
      let wake!: () => void;
      const promise = new Promise<void>((resolve) => {
        wake = resolve;
      });
      waiters.add(wake);
      return { promise: promise.finally(() => waiters.delete(wake)), cancel: () => wake() };
    },
    close(): void {
      stopListening();
      for (const wake of waiters) wake();
    },
  };
}

export type CrossingLogTail = ReturnType<typeof createCrossingLogTail>;

/**
 * One subscriber's stream: with `after`, every logged crossing after it that matches, then live;
 * without, live from now. No gap and no duplicate: the stream walks the log by sequence, reading
 * the database while it is behind what memory holds. A stream more than `maxLag` crossings behind
 * the log's end is ended with SlowSubscriberError (its memory stays bounded; it resumes by cursor).
 */
export async function* crossingStream(
  db: Database,
  tail: CrossingLogTail,
  selection: CrossingSelection,
  after: bigint | null,
  { maxLag = DEFAULT_MAX_LAG, signal }: { maxLag?: number; signal?: AbortSignal } = {},
): AsyncGenerator<bigint> {
  let last = after ?? (await tail.end());
  const where = crossingWhere(selection);
  while (!signal?.aborted) {
    const growth = tail.waitForGrowth();
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
          last = route.sequence;
          yield route.sequence;
        }
        if (page.length < PAGE && last < end) last = end;
        continue;
      }
      if (end - last > BigInt(maxLag)) throw new SlowSubscriberError(last, maxLag);
      for (const route of batch) {
        last = route.sequence;
        if (matchesCrossing(selection, route)) yield route.sequence;
      }
      if (batch.length === 0) await growth.promise;
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
