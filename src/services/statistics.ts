import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import type { Measurement, Metric, Organisation, Prisma } from '../db/generated/prisma/client.js';
import {
  compareByControlLimits,
  compareByIntervalOverlap,
  MIN_PEERS,
  pooledValue,
  type BenchmarkMethod,
  type BenchmarkOutcome,
} from '../domain/benchmark.js';
import { measurementInterval, type ConfidenceLevel, type Interval, type NoInterval } from '../domain/confidence.js';
import { InvalidPeerGroupError, StatisticNotApplicableError } from '../domain/errors.js';
import { funnelSignificance, proportionFunnel, type FunnelPoint, type FunnelSignificance } from '../domain/funnel.js';
import { ENGLAND_ODS_CODE } from '../domain/organisation.js';
import { proportionTrend, weightedTrend, type RecentTrend } from '../domain/trend.js';
import type { StandingService } from './standing.js';

export type BenchmarkReference = 'ENGLAND' | 'REGION' | 'PEERS';

export interface BenchmarkRequest {
  against: BenchmarkReference;
  level: ConfidenceLevel;
  method: BenchmarkMethod;
  /** PEERS: the group's ODS codes. */
  peers: readonly string[] | null;
}

export interface BenchmarkResult {
  outcome: BenchmarkOutcome;
  method: BenchmarkMethod;
  level: ConfidenceLevel;
  against: BenchmarkReference;
  /** The value compared with, in the metric's unit; null where there is none. */
  referenceValue: number | null;
  /** The organisations the reference value is of (England, the region, the peers reporting the period). */
  referenceOdsCodes: string[];
  /** Why it was not compared, in words; null when it was. */
  reason: string | null;
}

/** What a benchmark or an interval reads of a measurement's metric. */
export type StatisticsMetric = Pick<Metric, 'id' | 'unit' | 'polarity' | 'partOfWhole' | 'countsEvents'>;
export type MeasuredValue = Pick<Measurement, 'organisationId' | 'period' | 'value' | 'numerator' | 'denominator'>;

export interface FunnelResult {
  metric: Metric;
  period: string;
  /** ORGANISATIONS: their own average; ENGLAND: England's value. */
  around: 'ORGANISATIONS' | 'ENGLAND';
  /** The value the funnel is drawn around, as a percentage. */
  average: number;
  /** The limits at 100 populations, as percentages. */
  points: FunnelPoint[];
  organisations: {
    organisation: Organisation;
    value: number;
    numerator: number;
    denominator: number;
    significance: FunnelSignificance;
  }[];
}

interface OrganisationPlace {
  id: number;
  odsCode: string;
  regionId: number | null;
  type: string;
}

/**
 * Confidence intervals and benchmarks of measurements, batched per request: a board of 42 ICBs
 * benchmarked against England and their regions reads each reference measurement once, with one
 * query per metric and period whatever the number of cells.
 */
export function createStatisticsService(db: Database, standings: StandingService) {
  // Keyed "metricId|period|organisationId".
  const measurementAt = new DataLoader<string, MeasuredValue | null>(async (keys) => {
    const groups = new Map<string, { metricId: number; period: string; organisationIds: number[] }>();
    for (const key of keys) {
      const [metricId, period, organisationId] = key.split('|');
      const group = `${metricId}|${period}`;
      const entry = groups.get(group) ?? { metricId: Number(metricId), period: period!, organisationIds: [] };
      entry.organisationIds.push(Number(organisationId));
      groups.set(group, entry);
    }
    const found = new Map<string, MeasuredValue>();
    for (const { metricId, period, organisationIds } of groups.values()) {
      const rows = await db.prisma.measurement.findMany({
        where: { metricId, period, organisationId: { in: organisationIds } },
        select: { organisationId: true, period: true, value: true, numerator: true, denominator: true },
      });
      for (const row of rows) found.set(`${metricId}|${period}|${row.organisationId}`, row);
    }
    return keys.map((key) => found.get(key) ?? null);
  });

  const organisationById = new DataLoader<number, OrganisationPlace | null>(async (ids) => {
    const rows = await db.prisma.organisation.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, odsCode: true, regionId: true, type: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  const organisationByCode = new DataLoader<string, OrganisationPlace | null>(async (codes) => {
    const rows = await db.prisma.organisation.findMany({
      where: { odsCode: { in: [...codes] } },
      select: { id: true, odsCode: true, regionId: true, type: true },
    });
    const byCode = new Map(rows.map((row) => [row.odsCode, row]));
    return codes.map((code) => byCode.get(code) ?? null);
  });

  /** The organisations a reference is of, for a measurement's organisation, or why there are none. */
  async function referenceOrganisations(
    organisationId: number,
    request: BenchmarkRequest,
  ): Promise<OrganisationPlace[] | string> {
    switch (request.against) {
      case 'ENGLAND': {
        const england = await organisationByCode.load(ENGLAND_ODS_CODE);
        if (!england) return 'England is not among the organisations';
        return england.id === organisationId ? 'England is not compared with itself' : [england];
      }
      case 'REGION': {
        const organisation = await organisationById.load(organisationId);
        if (!organisation?.regionId) return 'the organisation is in no region (England, or a region itself)';
        const region = await organisationById.load(organisation.regionId);
        return region ? [region] : 'its region is not among the organisations';
      }
      case 'PEERS': {
        const codes = [...new Set(request.peers ?? [])];
        if (codes.length < MIN_PEERS)
          throw new InvalidPeerGroupError(
            `A peer group names at least ${MIN_PEERS} organisations by ODS code (peers: [...]); ${codes.length} given.`,
          );
        const peers = await organisationByCode.loadMany(codes);
        const unknown = codes.filter((_, index) => !peers[index] || peers[index] instanceof Error);
        if (unknown.length > 0)
          throw new InvalidPeerGroupError(
            `No organisation has the ODS code ${unknown.map((code) => `"${code}"`).join(', ')}.`,
          );
        return (peers as OrganisationPlace[]).filter((peer) => peer.id !== organisationId);
      }
    }
  }

  return {
    /** A measurement's confidence interval at a level, in its metric's unit, or why it has none. */
    interval(measurement: MeasuredValue, metric: StatisticsMetric, level: ConfidenceLevel): Interval | NoInterval {
      return measurementInterval(measurement, metric, level);
    },

    /**
     * An organisation's recent trend on a metric, as Fingertips' marker: the chi-squared test for
     * trend where the metric is a proportion published with its counts, else the weighted
     * regression on the values and their 95% intervals (where the figures allow intervals).
     */
    async recentTrend(organisation: Pick<Organisation, 'id' | 'type'>, metricCode: string): Promise<RecentTrend> {
      const metric = await standings.requireMetric(metricCode);
      const series = await standings.seriesOf(organisation, metric);
      const polarity = metric.polarity;
      if (metric.unit === 'PERCENT' && metric.partOfWhole)
        return proportionTrend(
          series.map((point) => ({
            period: point.period,
            value: point.value,
            count: point.numerator,
            denominator: point.denominator,
          })),
          polarity,
        );
      return weightedTrend(
        series.map((point) => {
          const interval = measurementInterval(point, metric, 0.95);
          return interval.method === 'NOT_APPLICABLE'
            ? { period: point.period, value: point.value }
            : { period: point.period, value: point.value, lower95: interval.lower, upper95: interval.upper };
        }),
        polarity,
      );
    },

    /**
     * A funnel plot of a proportion for a period over a set of organisations: PHEindicatormethods'
     * limits at 95% and 99.8% around the organisations' own average (or England's value), and each
     * organisation's place. Refused for a metric that is no proportion, and where none of the
     * organisations reports it for the period with its counts.
     */
    async funnel(
      metricCode: string,
      period: string,
      organisations: Prisma.OrganisationWhereInput,
      around: FunnelResult['around'],
    ): Promise<FunnelResult> {
      const metric = await standings.requireMetric(metricCode);
      if (metric.unit !== 'PERCENT' || !metric.partOfWhole)
        throw new StatisticNotApplicableError(
          `A funnel plot here is of proportions: ${metric.code} is ${metric.unit === 'PERCENT' ? 'a percentage that can pass 100%' : `measured in ${metric.unit.toLowerCase()}`}.`,
        );
      const rows = await db.prisma.measurement.findMany({
        where: {
          metricId: metric.id,
          period,
          organisation: organisations,
          numerator: { not: null },
          denominator: { gt: 0 },
        },
        include: { organisation: true },
        orderBy: { organisation: { odsCode: 'asc' } },
      });
      if (rows.length === 0)
        throw new StatisticNotApplicableError(
          `None of these organisations reports ${metric.code} for ${period} with its counts: choose organisations and a period that have them.`,
        );
      let reference: number | undefined;
      if (around === 'ENGLAND') {
        const england = await db.prisma.measurement.findFirst({
          where: { metricId: metric.id, period, organisation: { odsCode: ENGLAND_ODS_CODE } },
        });
        if (!england?.numerator || !england.denominator)
          throw new StatisticNotApplicableError(`England has no ${metric.code} with its counts for ${period}.`);
        reference = england.numerator / england.denominator;
      }
      const funnel = proportionFunnel(
        rows.map((row) => ({ x: row.numerator!, n: row.denominator! })),
        reference,
      );
      const percent = (proportion: number) => proportion * 100;
      return {
        metric,
        period,
        around,
        average: percent(funnel.average),
        points: funnel.points.map((point) => ({
          population: point.population,
          lower95: percent(point.lower95),
          upper95: percent(point.upper95),
          lower998: percent(point.lower998),
          upper998: percent(point.upper998),
        })),
        organisations: rows.map((row) => ({
          organisation: row.organisation,
          value: row.value,
          numerator: row.numerator!,
          denominator: row.denominator!,
          significance: funnelSignificance(row.numerator!, row.denominator!, funnel.average),
        })),
      };
    },

    /** A measurement against England, its region or a peer group, by Fingertips' methods. */
    async benchmark(
      measurement: MeasuredValue,
      metric: StatisticsMetric,
      request: BenchmarkRequest,
    ): Promise<BenchmarkResult> {
      const result = (fields: Partial<BenchmarkResult>): BenchmarkResult => ({
        outcome: 'NOT_COMPARED',
        method: request.method,
        level: request.level,
        against: request.against,
        referenceValue: null,
        referenceOdsCodes: [],
        reason: null,
        ...fields,
      });
      const organisations = await referenceOrganisations(measurement.organisationId, request);
      if (typeof organisations === 'string') return result({ reason: organisations });
      const values = (
        await measurementAt.loadMany(
          organisations.map((organisation) => `${metric.id}|${measurement.period}|${organisation.id}`),
        )
      ).flatMap((value, index) =>
        value && !(value instanceof Error) ? [{ value, odsCode: organisations[index]!.odsCode }] : [],
      );
      const referenceValue = pooledValue(
        values.map(({ value }) => value),
        metric.unit,
      );
      const referenceOdsCodes = values.map(({ odsCode }) => odsCode);
      if (referenceValue === null)
        return result({ reason: `no reference value for ${measurement.period}`, referenceOdsCodes });
      const polarity = metric.polarity;
      if (request.method === 'SPC_FOR_PROPORTIONS') {
        if (metric.unit !== 'PERCENT' || measurement.numerator === null || measurement.denominator === null)
          return result({
            referenceValue,
            referenceOdsCodes,
            reason: 'control limits for proportions need a percentage published with its counts',
          });
        const outcome = compareByControlLimits(
          measurement.numerator / measurement.denominator,
          measurement.denominator,
          referenceValue / 100,
          request.level,
          polarity,
        );
        return result({ outcome, referenceValue, referenceOdsCodes });
      }
      const interval = measurementInterval(measurement, metric, request.level);
      if (interval.method === 'NOT_APPLICABLE')
        return result({
          referenceValue,
          referenceOdsCodes,
          reason: `it has no confidence interval: ${interval.reason}`,
        });
      return result({
        outcome: compareByIntervalOverlap(measurement.value, interval, referenceValue, polarity),
        referenceValue,
        referenceOdsCodes,
      });
    },
  };
}

export type StatisticsService = ReturnType<typeof createStatisticsService>;
