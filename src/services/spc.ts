import type { Metric, Organisation, Target } from '../db/generated/prisma/client.js';
import { spcChart, type SpcChart, type SpcOptions } from '../domain/spc.js';
import type { StandingService } from './standing.js';

/** An organisation's XmR chart on one metric, with the target it is judged against. */
export interface OrganisationSpc extends SpcChart {
  metric: Metric;
  /** The target in force for the latest period, when one applies; the assurance is against it. */
  target: Target | null;
}

/**
 * Statistical process control of any series with data, with no special case for any metric: the
 * organisation's values in period order, charted by the metric's polarity (src/domain/spc.ts),
 * and judged for assurance against the target in force for its latest period.
 */
export function createSpcService(standings: StandingService) {
  return {
    async chart(
      organisation: Pick<Organisation, 'id' | 'type'>,
      metricCode: string,
      options: SpcOptions = {},
    ): Promise<OrganisationSpc> {
      const metric = await standings.requireMetric(metricCode);
      const measurements = await standings.seriesOf(organisation, metric);
      const latest = measurements.at(-1);
      const target = latest ? ((await standings.standingOf(organisation, latest))?.target ?? null) : null;
      const chart = spcChart(
        measurements.map(({ period, value }) => ({ period, value })),
        metric.polarity,
        options,
        target ? { value: target.value } : null,
      );
      return { ...chart, metric, target };
    },
  };
}
