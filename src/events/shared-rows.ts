import type { Database } from '../db/database.js';

/**
 * Loads a row once per process for every subscriber that receives the same event with the same
 * selection: with thousands of subscribers, an event costs one read per distinct selection, not
 * one per subscriber. Only for rows that do not change once written (crossings, recorded values).
 */
export function createSharedRowLoader<Key extends bigint | number, Row>(fetch: (key: Key, query: object) => Promise<Row>, { size = 10_000 }: { size?: number } = {}) {
  const rows = new Map<string, Promise<Row>>();
  return (key: Key, query: object): Promise<Row> => {
    const id = `${key}|${JSON.stringify(query)}`;
    let row = rows.get(id);
    if (!row) {
      row = fetch(key, query);
      rows.set(id, row);
      row.catch(() => rows.delete(id));
      // Events arrive in order, so the oldest entry is the one least likely to be asked for again.
      if (rows.size > size) rows.delete(rows.keys().next().value!);
    }
    return row;
  };
}

/** The rows live events carry, shared by every subscription of this process. */
export function createLiveEventRows(db: Database) {
  return {
    crossing: createSharedRowLoader((sequence: bigint, query) => db.prisma.crossing.findUniqueOrThrow({ ...query, where: { sequence } })),
    measurement: createSharedRowLoader((id: number, query) => db.prisma.measurement.findUniqueOrThrow({ ...query, where: { id } })),
  };
}

export type LiveEventRows = ReturnType<typeof createLiveEventRows>;
