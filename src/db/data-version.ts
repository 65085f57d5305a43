import type { Database } from './database.js';

/**
 * The data's change counter (the DataVersion row), moved by statement triggers on every table an
 * answer is made from, by any process. Equal counters mean nothing has changed in between.
 */
export async function dataVersion(db: Database): Promise<string> {
  const [row] = await db.query<{ version: string }>(
    'SELECT "version"::text AS "version" FROM "DataVersion" WHERE "id" = 1',
  );
  return row?.version ?? '';
}
