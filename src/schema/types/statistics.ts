import type { Interval, NoInterval } from '../../domain/confidence.js';
import type { RecentTrend } from '../../domain/trend.js';
import type { FunnelPoint } from '../../domain/funnel.js';
import type { BenchmarkResult, FunnelResult } from '../../services/statistics.js';
import { builder } from '../builder.js';
import { MeasurementRef } from './measurement.js';
import { MetricRef } from './metric.js';
import { OrganisationFilterInput, organisationWhere, OrganisationRef } from './organisation.js';

/** The statistics of a measurement: its confidence interval and its benchmark, as Fingertips shows them. */

export const ConfidenceLevelEnum = builder.enumType('ConfidenceLevel', {
  description: 'The confidence levels public health statistics use.',
  values: {
    PERCENT_95: { value: 0.95, description: '95%: about two standard errors.' },
    PERCENT_99_8: { value: 0.998, description: '99.8%: about three standard errors.' },
  } as const,
});

const IntervalMethodEnum = builder.enumType('IntervalMethod', {
  description: 'How a confidence interval was computed, as PHEindicatormethods computes it.',
  values: {
    WILSON: { description: 'The Wilson score interval of a proportion (phe_proportion).' },
    BYARS: { description: "Byar's approximation to the Poisson limits of a count of 10 events or more (phe_rate)." },
    EXACT_POISSON: { description: 'Exact Poisson limits of a count below 10 events (phe_rate).' },
    NOT_APPLICABLE: {
      description:
        'The published figures allow no interval (a mean without its spread, a census count, an occupancy over 100%): see `reason`.',
    },
  } as const,
});

const ConfidenceIntervalRef = builder.objectRef<Interval | NoInterval>('ConfidenceInterval').implement({
  description:
    "A measurement's confidence interval, in the metric's unit (a percentage for a rate), or why its published figures allow none.",
  fields: (t) => ({
    level: t.field({ type: ConfidenceLevelEnum, description: 'Its level.', resolve: (interval) => interval.level }),
    method: t.field({
      type: IntervalMethodEnum,
      description: 'How it was computed.',
      resolve: (interval) => interval.method,
    }),
    lower: t.float({
      nullable: true,
      description: 'Its lower limit; null with NOT_APPLICABLE.',
      resolve: (interval) => (interval.method === 'NOT_APPLICABLE' ? null : interval.lower),
    }),
    upper: t.float({
      nullable: true,
      description: 'Its upper limit; null with NOT_APPLICABLE.',
      resolve: (interval) => (interval.method === 'NOT_APPLICABLE' ? null : interval.upper),
    }),
    reason: t.string({
      nullable: true,
      description: 'Why there is no interval, in words; null when there is one.',
      resolve: (interval) => (interval.method === 'NOT_APPLICABLE' ? interval.reason : null),
    }),
  }),
});

const BenchmarkReferenceEnum = builder.enumType('BenchmarkReference', {
  description: 'What a value is benchmarked against.',
  values: {
    ENGLAND: { description: "England's value for the same metric and period." },
    REGION: { description: "The organisation's NHS England region's value." },
    PEERS: {
      description:
        "A peer group's value: the organisations named by `peers` (at least 3), pooled (their summed numerators over their summed denominators) where each has its counts, else their mean.",
    },
  } as const,
});

const BenchmarkMethodEnum = builder.enumType('BenchmarkMethod', {
  description: 'How a value is compared with its reference, as Fingertips compares.',
  values: {
    CI_OVERLAPS_REFERENCE: {
      description:
        "Whether the value's confidence interval takes in the reference value (its ends included): Similar if so, else Better or Worse.",
    },
    SPC_FOR_PROPORTIONS: {
      description:
        "Whether the value lies beyond control limits around the reference proportion for the organisation's denominator (percentages with their counts only); a value on a limit is Similar.",
    },
  } as const,
});

const BenchmarkOutcomeEnum = builder.enumType('BenchmarkOutcome', {
  description: 'A benchmark in words, by the metric’s polarity.',
  values: {
    BETTER: { description: 'Significantly better than the reference.' },
    SIMILAR: { description: 'Not significantly different.' },
    WORSE: { description: 'Significantly worse than the reference.' },
    HIGHER: { description: 'Significantly higher (a metric where neither direction is better).' },
    LOWER: { description: 'Significantly lower (a metric where neither direction is better).' },
    NOT_COMPARED: { description: 'It could not be compared: see `reason`.' },
  } as const,
});

const BenchmarkRef = builder.objectRef<BenchmarkResult>('Benchmark').implement({
  description:
    "A measurement's value against a reference (England, its region, a peer group), as Fingertips judges it.",
  fields: (t) => ({
    outcome: t.field({
      type: BenchmarkOutcomeEnum,
      description: 'The judgement.',
      resolve: (result) => result.outcome,
    }),
    method: t.field({
      type: BenchmarkMethodEnum,
      description: 'How it was judged.',
      resolve: (result) => result.method,
    }),
    level: t.field({
      type: ConfidenceLevelEnum,
      description: 'At what confidence level.',
      resolve: (result) => result.level,
    }),
    against: t.field({
      type: BenchmarkReferenceEnum,
      description: 'What it was judged against.',
      resolve: (result) => result.against,
    }),
    referenceValue: t.float({
      nullable: true,
      description: "The reference value, in the metric's unit; null where there is none for the period.",
      resolve: (result) => result.referenceValue,
    }),
    referenceOdsCodes: t.stringList({
      description: 'The organisations the reference value is of (those reporting the period).',
      resolve: (result) => result.referenceOdsCodes,
    }),
    reason: t.string({
      nullable: true,
      description: 'Why it was not compared, in words; null when it was.',
      resolve: (result) => result.reason,
    }),
  }),
});

const STATISTICS_SELECT = {
  organisationId: true,
  period: true,
  value: true,
  numerator: true,
  denominator: true,
  metric: { select: { id: true, unit: true, polarity: true, partOfWhole: true, countsEvents: true } },
} as const;

builder.prismaObjectFields(MeasurementRef, (t) => ({
  confidenceInterval: t.field({
    type: ConfidenceIntervalRef,
    description:
      "Its confidence interval at a level: Wilson for a percentage with its counts, exact Poisson (below 10) or Byar's for a count of events; NOT_APPLICABLE, with the reason, where the published figures allow none.",
    args: {
      level: t.arg({ type: ConfidenceLevelEnum, defaultValue: 0.95, description: 'The level (95% unless given).' }),
    },
    select: STATISTICS_SELECT,
    resolve: (measurement, args, context) =>
      context.services.statistics.interval(measurement, measurement.metric, args.level ?? 0.95),
  }),
  benchmark: t.field({
    type: BenchmarkRef,
    description:
      'Its value against England (by default), its region or a peer group, at 95% or 99.8%, by the method Fingertips uses; batched per request.',
    args: {
      against: t.arg({ type: BenchmarkReferenceEnum, defaultValue: 'ENGLAND', description: 'The reference.' }),
      level: t.arg({ type: ConfidenceLevelEnum, defaultValue: 0.95, description: 'The level (95% unless given).' }),
      method: t.arg({
        type: BenchmarkMethodEnum,
        defaultValue: 'CI_OVERLAPS_REFERENCE',
        description: 'The method (confidence intervals overlapping the reference value unless given).',
      }),
      peers: t.arg.stringList({
        required: false,
        description: 'PEERS: the peer group, by ODS code (at least 3; INVALID_PEER_GROUP otherwise).',
      }),
    },
    select: STATISTICS_SELECT,
    resolve: (measurement, args, context) =>
      context.services.statistics.benchmark(measurement, measurement.metric, {
        against: args.against ?? 'ENGLAND',
        level: args.level ?? 0.95,
        method: args.method ?? 'CI_OVERLAPS_REFERENCE',
        peers: args.peers ?? null,
      }),
  }),
}));

const TrendMarkerEnum = builder.enumType('TrendMarker', {
  description: "A series' recent trend over its latest five periods, as Fingertips' trend marker says it.",
  values: {
    INCREASING_AND_GETTING_BETTER: { description: 'Rising significantly, and higher is better.' },
    INCREASING_AND_GETTING_WORSE: { description: 'Rising significantly, and lower is better.' },
    DECREASING_AND_GETTING_BETTER: { description: 'Falling significantly, and lower is better.' },
    DECREASING_AND_GETTING_WORSE: { description: 'Falling significantly, and higher is better.' },
    INCREASING: { description: 'Rising significantly (a metric where neither direction is better).' },
    DECREASING: { description: 'Falling significantly (a metric where neither direction is better).' },
    NO_SIGNIFICANT_CHANGE: { description: 'No significant change at 99.8%, or a slope one period can reverse.' },
    CANNOT_BE_CALCULATED: { description: 'Too few periods, or figures that allow no test: see `reason`.' },
  } as const,
});

const TrendMethodEnum = builder.enumType('TrendMethod', {
  description: 'How a recent trend was tested.',
  values: {
    CHI_SQUARED_FOR_TREND: { description: 'The chi-squared test for trend in proportions, on the counts.' },
    WEIGHTED_REGRESSION: {
      description: 'An inverse-variance weighted regression of the values on time, weighted by their 95% intervals.',
    },
  } as const,
});

const RecentTrendRef = builder.objectRef<RecentTrend>('RecentTrend').implement({
  description:
    "An organisation's recent trend on a metric over the latest five periods: significant at 99.8% (χ² above 9.55 on one degree of freedom) only where leaving out any one period keeps the slope's sign.",
  fields: (t) => ({
    marker: t.field({ type: TrendMarkerEnum, description: 'The trend, in words.', resolve: (trend) => trend.marker }),
    method: t.field({
      type: TrendMethodEnum,
      nullable: true,
      description: 'How it was tested; null where it could not be.',
      resolve: (trend) => trend.method,
    }),
    chiSquared: t.float({
      nullable: true,
      description: 'The test statistic; null where it could not be computed.',
      resolve: (trend) => trend.chiSquared,
    }),
    periods: t.stringList({ description: 'The periods used, oldest first.', resolve: (trend) => trend.periods }),
    reason: t.string({
      nullable: true,
      description: 'Why it cannot be calculated, in words; null otherwise.',
      resolve: (trend) => trend.reason,
    }),
  }),
});

builder.prismaObjectFields(OrganisationRef, (t) => ({
  recentTrend: t.field({
    type: RecentTrendRef,
    description:
      "Its recent trend on a metric (Fingertips' trend marker): UNKNOWN_METRIC for a code no metric has. Batched per request with the rest of its series.",
    args: { metricCode: t.arg.string({ required: true, description: 'The metric\'s code ("AE_4HR").' }) },
    select: { id: true, type: true },
    resolve: (organisation, args, context) => context.services.statistics.recentTrend(organisation, args.metricCode),
  }),
}));

const FunnelCentreEnum = builder.enumType('FunnelCentre', {
  description: 'What a funnel plot is drawn around.',
  values: {
    ORGANISATIONS: {
      description: "The organisations' own average: their summed numerators over their summed denominators.",
    },
    ENGLAND: { description: "England's value for the metric and period." },
  } as const,
});

const FunnelSignificanceEnum = builder.enumType('FunnelSignificance', {
  description: "Where an organisation's value falls against the funnel's limits.",
  values: {
    HIGH_0_001: { description: 'Above the 99.8% limit.' },
    HIGH_0_025: { description: 'Above the 95% limit, within the 99.8% one.' },
    NOT_SIGNIFICANT: { description: 'Within the 95% limits.' },
    LOW_0_025: { description: 'Below the 95% limit, within the 99.8% one.' },
    LOW_0_001: { description: 'Below the 99.8% limit.' },
  } as const,
});

const FunnelPointRef = builder.objectRef<FunnelPoint>('FunnelPoint').implement({
  description: 'The limits at one population (denominator), as percentages.',
  fields: (t) => ({
    population: t.exposeFloat('population', { description: 'The denominator (attendances, patients…).' }),
    lower95: t.exposeFloat('lower95', { description: 'The lower 95% limit.' }),
    upper95: t.exposeFloat('upper95', { description: 'The upper 95% limit.' }),
    lower998: t.exposeFloat('lower998', { description: 'The lower 99.8% limit.' }),
    upper998: t.exposeFloat('upper998', { description: 'The upper 99.8% limit.' }),
  }),
});

type FunnelMember = FunnelResult['organisations'][number];
const FunnelOrganisationRef = builder.objectRef<FunnelMember>('FunnelOrganisation').implement({
  description: "One organisation's point on a funnel plot.",
  fields: (t) => ({
    organisation: t.field({
      type: OrganisationRef,
      description: 'Whose point.',
      resolve: (member) => member.organisation,
    }),
    value: t.exposeFloat('value', { description: 'Its value, a percentage.' }),
    numerator: t.exposeFloat('numerator', { description: 'The count meeting the condition.' }),
    denominator: t.exposeFloat('denominator', { description: 'The count it is out of: its place on the x-axis.' }),
    significance: t.field({
      type: FunnelSignificanceEnum,
      description: 'Where it falls against the limits.',
      resolve: (member) => member.significance,
    }),
  }),
});

const FunnelRef = builder.objectRef<FunnelResult>('Funnel').implement({
  description:
    "A funnel plot of a proportion for a period, as PHEindicatormethods' calculate_funnel_limits draws it: limits at 95% and 99.8% at 100 populations spanning the organisations, and each organisation's place.",
  fields: (t) => ({
    metric: t.field({ type: MetricRef, description: 'The metric.', resolve: (funnel) => funnel.metric }),
    period: t.exposeString('period', { description: 'The period.' }),
    around: t.field({
      type: FunnelCentreEnum,
      description: 'What it is drawn around.',
      resolve: (funnel) => funnel.around,
    }),
    average: t.exposeFloat('average', { description: 'The value it is drawn around, a percentage.' }),
    points: t.field({
      type: [FunnelPointRef],
      description: 'The limits, by population.',
      resolve: (funnel) => funnel.points,
    }),
    organisations: t.field({
      type: [FunnelOrganisationRef],
      description: 'The organisations reporting the period with their counts, by ODS code.',
      resolve: (funnel) => funnel.organisations,
    }),
  }),
});

builder.queryFields((t) => ({
  funnel: t.field({
    type: FunnelRef,
    description:
      "A funnel plot of a proportion (AE_4HR, CANCER_FDS, DIAG_6WK…) for a period over organisations (the ICBs, a region's trusts, the ambulance services): STATISTIC_NOT_APPLICABLE for a metric that is no proportion, or where none of them reports it with its counts; UNKNOWN_METRIC for an unknown code.",
    args: {
      metricCode: t.arg.string({ required: true, description: 'The metric\'s code ("AE_4HR").' }),
      period: t.arg.string({ required: true, description: 'The period ("2025-06").' }),
      organisations: t.arg({
        type: OrganisationFilterInput,
        required: true,
        description: 'Which organisations ({ types: [ICB] }, { types: [TRUST], regionOdsCode: "Y56" }).',
      }),
      around: t.arg({
        type: FunnelCentreEnum,
        defaultValue: 'ORGANISATIONS',
        description: "What to draw it around (the organisations' own average unless given).",
      }),
    },
    resolve: (_root, args, context) =>
      context.services.statistics.funnel(
        args.metricCode,
        args.period,
        organisationWhere(args.organisations),
        args.around ?? 'ORGANISATIONS',
      ),
  }),
}));
