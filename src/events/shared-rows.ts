import type { Database } from '../db/database.js';
import { createRecentMemo, LIVE_EVENT_MEMORY_MS } from './recent-memo.js';

/** How many events after the one asked for are read with it: subscribers walk a log in order. */
const READ_AHEAD = 100;

/**
 * Loads a row once per process for every subscriber that receives the same event with the same
 * selection: with thousands of subscribers, an event costs one read per distinct selection, not
 * one per subscriber. `fetch` may return rows beside the one asked for (the events that follow it),
 * kept for the subscribers that will ask next. Only for rows that do not change once written
 * (crossings, recorded values), and only while they are recent (see createRecentMemo).
 */
export function createSharedRowLoader<Key extends bigint | number, Row>(
  fetch: (key: Key, query: object) => Promise<(readonly [Key, Row])[]>,
  { size = 10_000, maxAgeMs = LIVE_EVENT_MEMORY_MS }: { size?: number; maxAgeMs?: number } = {},
) {
  const rows = createRecentMemo<Promise<Row>>({ size, maxAgeMs });
  return (key: Key, query: object): Promise<Row> => {
    const shape = JSON.stringify(query);
    const id = `${key}|${shape}`;
    let row = rows.get(id);
    if (!row) {
      row = fetch(key, query).then((found) => {
        for (const [other, value] of found)
          if (other !== key && !rows.has(`${other}|${shape}`))
            rows.remember(`${other}|${shape}`, Promise.resolve(value));
        const own = found.find(([other]) => other === key);
        if (!own) throw new Error(`No row ${key} to send subscribers.`);
        return own[1];
      });
      row.catch(() => rows.forget(id));
      rows.remember(id, row);
    }
    return row;
  };
}

/** The rows live events carry, shared by every subscription of this process. */
export function createLiveEventRows(db: Database) {
  return {
    crossing: createSharedRowLoader(async (sequence: bigint, query) => {
      const found = await db.prisma.crossing.findMany({
        ...query,
        where: { sequence: { gte: sequence, lt: sequence + BigInt(READ_AHEAD) } },
      });
      return found.map((crossing) => [crossing.sequence, crossing] as const);
    }),
    watchEvent: createSharedRowLoader(async (sequence: bigint, query) => {
      const found = await db.prisma.watchEvent.findMany({
        ...query,
        where: { sequence: { gte: sequence, lt: sequence + BigInt(READ_AHEAD) } },
      });
      return found.map((event) => [event.sequence, event] as const);
    }),
    measurement: createSharedRowLoader(async (id: number, query) => [
      [id, await db.prisma.measurement.findUniqueOrThrow({ ...query, where: { id } })] as const,
    ]),
  };
}

export type LiveEventRows = ReturnType<typeof createLiveEventRows>;
