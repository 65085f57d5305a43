import type { Database } from '../db/database.js';
import type { Measurement, Organisation } from '../db/generated/prisma/client.js';
import type { OrganisationType } from '../db/generated/prisma/enums.js';
import { tryParsePeriod } from '../domain/period.js';
import { rankBestFirst } from '../domain/ranking.js';
import { InvalidPeriodError } from '../domain/errors.js';
import type { StandingService } from './standing.js';

export interface RankingEntry {
  rank: number;
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
      return rankBestFirst(measurements, (measurement) => measurement.value, metric.polarity).map(({ item, rank }) => ({
        rank,
        measurement: item,
      }));
    },
  };
}

export type RankingService = ReturnType<typeof createRankingService>;
