import type { Database } from '../db/database.js';
import type { Measurement, Organisation } from '../db/generated/prisma/client.js';
import type { OrganisationType } from '../db/generated/prisma/enums.js';
import { tryParsePeriod } from '../domain/period.js';
import { quantilesOf } from '../domain/quantiles.js';
import { rankBestFirst } from '../domain/ranking.js';
import { InvalidPeriodError } from '../domain/errors.js';
import type { StandingService } from './standing.js';

export interface RankingEntry {
  rank: number;
  /** 1 (the worst quarter by the metric's polarity) to 4; null with fewer than 4 organisations. */
  quartile: number | null;
  /** 1 (the worst fifth) to 5; null with fewer than 5 organisations. */
  quintile: number | null;
  measurement: Measurement & { organisation: Organisation };
}

/** Organisations of one type ordered best to worst on a metric for one period. */
export function createRankingService(db: Database, standings: StandingService) {
  return {
    async rank(metricCode: string, period: string, organisationType: OrganisationType): Promise<RankingEntry[]> {
      const metric = await standings.requireMetric(metricCode);
      if (!tryParsePeriod(period, metric.frequency)) {
        throw new InvalidPeriodError(
          `"${period}" is not a ${metric.frequency.toLowerCase()} period, as ${metric.code} is reported.`,
        );
      }
      const measurements = await db.prisma.measurement.findMany({
        where: { metricId: metric.id, period, organisation: { type: organisationType } },
        include: { organisation: true },
        orderBy: { organisationId: 'asc' },
      });
      const ranked = rankBestFirst(measurements, (measurement) => measurement.value, metric.polarity);
      const values = ranked.map(({ item }) => item.value);
      const [quartiles, quintiles] = [4, 5].map((count) => quantilesOf(values, count, metric.polarity));
      return ranked.map(({ item, rank }, index) => ({
        rank,
        quartile: quartiles![index] ?? null,
        quintile: quintiles![index] ?? null,
        measurement: item,
      }));
    },
  };
}

export type RankingService = ReturnType<typeof createRankingService>;
