import { DomainError } from '../domain/errors.js';
import { parseLogCursor } from '../domain/crossing-filter.js';
import type { Logger } from '../config/logger.js';

/**
 * What the append-only logs (crossings, watch events) share: the end of a log kept in memory by
 * each process, and each subscriber's walk along it by sequence with no gap and no duplicate.
 * Each log's own module says how its rows are read, routed and heard of (createCrossingLogTail,
 * createWatchLogTail).
 */

/** A logged event with what subscribers are matched by; its sequence is its place in the log. */
export interface Routed {
  sequence: bigint;
}

export interface LogSource<Route extends Routed> {
  /** What the log is called in messages ("crossing log"). */
  name: string;
  /** The log's last sequence in the database (0 when empty). */
  latest(): Promise<bigint>;
  /** Up to `take` routes after a sequence, in order. */
  readAfter(sequence: bigint, take: number): Promise<Route[]>;
  /** The topics a route wakes subscribers on. */
  topicsOf(route: Route): string[];
  /** Hears routes other writers published (the bus); returns how to stop. */
  listen(heard: (route: Route) => void): () => void;
}

const PAGE = 500;

/** A page of a log as a connection asks for it (plugin-relay's cursor arguments). */
export interface LogPage {
  after?: string | undefined;
  before?: string | undefined;
  limit: number;
  inverted: boolean;
}

/** How many matching events may wait for a subscriber before it is cut off (it resumes with its cursor). */
export const DEFAULT_MAX_LAG = 10_000;

export class SlowSubscriberError extends DomainError {
  readonly code = 'SUBSCRIBER_TOO_SLOW';
  constructor(
    readonly lastCursor: bigint,
    limit: number,
    what = 'events',
  ) {
    super(
      `This subscription fell more than ${limit} ${what} behind and was ended; resume with after: "${lastCursor}" to receive the rest.`,
    );
  }
}

/**
 * The end of a log, kept in memory and shared by every subscription of this process.
 * A route heard from the bus that carries the log's next sequence is appended as it is; any other
 * makes the tail read what it lacks from the database, in sequence order, so subscribers get every
 * event exactly once and in order even when instances' notifications arrive out of order or one
 * is lost (a poll finds those while anyone waits).
 * Subscribers wait on topics: new events wake only those listening on one of their topics.
 */
export function createLogTail<Route extends Routed>(
  source: LogSource<Route>,
  { keep = 20_000, pollMs = 1_000, logger }: { keep?: number; pollMs?: number; logger?: Logger | undefined } = {},
) {
  let entries: Route[] = [];
  let end: bigint | null = null;
  /** Memory holds every event after this sequence. */
  let floor: bigint | null = null;
  let reading: Promise<void> | null = null;
  let readAgain = false;
  let closed = false;
  const waiters = new Map<string, Set<() => void>>();

  function append(added: readonly Route[]) {
    if (added.length === 0) return;
    entries.push(...added);
    end = added.at(-1)!.sequence;
    if (entries.length > keep) {
      floor = entries[entries.length - keep - 1]!.sequence;
      entries = entries.slice(entries.length - keep);
    }
    const woken = new Set<() => void>();
    for (const topic of new Set(added.flatMap(source.topicsOf)))
      for (const wake of waiters.get(topic) ?? []) woken.add(wake);
    for (const wake of woken) wake();
  }

  async function catchUp(): Promise<void> {
    if (end === null) end = floor = await source.latest();
    for (;;) {
      const page = await source.readAfter(end, PAGE);
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
      if (!closed) logger?.warn(`could not read the ${source.name}`, { error: String(error) });
    });

  const stopListening = source.listen((route) => {
    // The next event of the log, heard while nothing is being read: nothing to read either.
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
    name: source.name,
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
     * Events after a cursor from memory; undefined when memory cannot tell (the cursor is older
     * than what is kept, or the end is not known yet): read the database instead.
     */
    after(cursor: bigint): Route[] | undefined {
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
    /** Resolves when an event on one of these topics joins the tail. */
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

export type LogTail<Route extends Routed> = ReturnType<typeof createLogTail<Route>>;

/** One subscriber's view of a log: which events it wants and where to read them when behind. */
export interface LogSubscription<Route extends Routed> {
  /** Up to `take` matching routes after a sequence, from the database, in order. */
  readMatching(after: bigint, take: number): Promise<Route[]>;
  matches(route: Route): boolean;
  /** The topics it wakes on: every route it matches is on one of them. */
  topics: readonly string[];
  /** What a route is called in the slow-subscriber error ("crossings"). */
  what: string;
}

/**
 * One subscriber's stream: with `after`, every logged event after it that matches, then live;
 * without, live from now. No gap and no duplicate: the stream walks the log by sequence, reading
 * the database while it is behind what memory holds. A subscriber with more than `maxLag` matching
 * events waiting is ended with SlowSubscriberError (its memory stays bounded; it resumes by cursor).
 */
export async function* logStream<Route extends Routed>(
  tail: LogTail<Route>,
  subscription: LogSubscription<Route>,
  after: bigint | null,
  { maxLag = DEFAULT_MAX_LAG, signal }: { maxLag?: number; signal?: AbortSignal | undefined } = {},
): AsyncGenerator<bigint> {
  let last = after ?? (await tail.end());
  let lastSent = last;
  while (!signal?.aborted) {
    const growth = tail.waitForGrowth(subscription.topics);
    const abort = () => growth.cancel();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const end = await tail.end();
      const batch = tail.after(last);
      if (batch === undefined) {
        // Behind what memory holds: read this stretch of the log from the database. Everything up
        // to `end` had committed before this read, so when nothing matches, the stream is at `end`.
        const page = await subscription.readMatching(last, PAGE);
        for (const route of page) {
          last = lastSent = route.sequence;
          yield route.sequence;
        }
        if (page.length < PAGE && last < end) last = end;
        continue;
      }
      const matching = batch.filter((route) => subscription.matches(route));
      if (matching.length > maxLag) throw new SlowSubscriberError(lastSent, maxLag, subscription.what);
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
 * waits for the next event, instead of at the next one.
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

export class InvalidCursorError extends DomainError {
  readonly code = 'INVALID_CURSOR';
}

/**
 * The sequence a cursor names; refuses one that is malformed or that the log has not reached
 * (a cursor from another deployment, or made up).
 */
export async function resolveLogCursor(
  tail: { reaches(sequence: bigint): Promise<boolean>; name: string },
  cursor: string | null | undefined,
  what: string,
): Promise<bigint | null> {
  if (cursor === null || cursor === undefined) return null;
  const sequence = parseLogCursor(cursor);
  if (sequence === undefined)
    throw new InvalidCursorError(
      `"${cursor.slice(0, 40)}" is not a ${what} cursor (the digits of a ${what}'s \`cursor\`).`,
    );
  if (!(await tail.reaches(sequence)))
    throw new InvalidCursorError(`Cursor ${cursor} is beyond the end of the ${tail.name}.`);
  return sequence;
}
