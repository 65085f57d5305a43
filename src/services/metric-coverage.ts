import type { Database } from '../db/database.js';
import type { OrganisationType } from '../db/generated/prisma/client.js';

/** What a metric has data for: the organisation levels and the span of periods it has values at. */
export interface MetricCoverage {
  values: number;
  levels: OrganisationType[];
  firstPeriod: string | null;
  lastPeriod: string | null;
}

const NO_DATA: MetricCoverage = { values: 0, levels: [], firstPeriod: null, lastPeriod: null };

/** The levels in the hierarchy's order, top first, so that answers read the same every time. */
const LEVEL_ORDER: OrganisationType[] = [
  'GOVERNMENT_DEPARTMENT',
  'NATIONAL_BODY',
  'REGION',
  'ICB',
  'SUB_ICB_LOCATION',
  'TRUST',
  'OTHER_PROVIDER',
];

/**
 * Every metric's coverage, read in one query the first time a request asks for any (a list of
 * metrics costs one query, not one per metric), and held for the request.
 */
export function createMetricCoverage(db: Database) {
  let loaded: Promise<Map<number, MetricCoverage>> | null = null;
  const load = async () => {
    // A metric has one frequency, and its period labels sort as their dates do.
    const rows = await db.prisma.$queryRaw<
      { metricId: number; values: bigint; levels: string[]; firstPeriod: string; lastPeriod: string }[]
    >`
      SELECT m."metricId", count(*) AS "values", array_agg(DISTINCT o."type"::text) AS "levels", min(m."period") AS "firstPeriod", max(m."period") AS "lastPeriod"
        FROM "Measurement" m JOIN "Organisation" o ON o."id" = m."organisationId"
       GROUP BY m."metricId"`;
    return new Map(
      rows.map((row) => [
        row.metricId,
        {
          values: Number(row.values),
          levels: LEVEL_ORDER.filter((level) => row.levels.includes(level)),
          firstPeriod: row.firstPeriod,
          lastPeriod: row.lastPeriod,
        },
      ]),
    );
  };
  return {
    async of(metricId: number): Promise<MetricCoverage> {
      return (await (loaded ??= load())).get(metricId) ?? NO_DATA;
    },
  };
}
