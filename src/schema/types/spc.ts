import { z } from 'zod';
import { MINIMUM_POINTS, RECOMMENDED_POINTS, type ChartPoint } from '../../domain/spc.js';
import type { OrganisationSpc } from '../../services/spc.js';
import { builder } from '../builder.js';
import { periodLabel } from '../validation.js';
import { MetricRef } from './metric.js';
import { OrganisationRef } from './organisation.js';
import { TargetRef } from './target.js';

export const SpcRuleEnum = builder.enumType('SpcRule', {
  description:
    'A special-cause rule of NHS England\'s "Making Data Count", as the NHS-R community\'s packages apply them.',
  values: {
    OUTSIDE_LIMITS: { description: 'The point lies outside the process limits.' },
    SHIFT: { description: 'The point is part of a run on one side of the mean (7 points by default).' },
    TREND: {
      description: 'The point is part of a run each above, or each below, the one before (7 points by default).',
    },
    TWO_OF_THREE: {
      description:
        'The point is one of two of three points in a row beyond the near (two-sigma) limits, the three on one side of the mean.',
    },
  } as const,
});

export const SpcVariationEnum = builder.enumType('SpcVariation', {
  description:
    "What a point (or, for a chart, its latest point) shows: noise, or a signal judged by the metric's polarity.",
  values: {
    COMMON_CAUSE: { description: 'Common-cause variation: no special-cause rule holds.' },
    SPECIAL_CAUSE_IMPROVING: { description: 'Special-cause variation in the better direction.' },
    SPECIAL_CAUSE_CONCERNING: { description: 'Special-cause variation in the worse direction.' },
    SPECIAL_CAUSE_NEUTRAL_HIGH: {
      description: 'Special-cause variation above the mean, on a metric with no better direction.',
    },
    SPECIAL_CAUSE_NEUTRAL_LOW: {
      description: 'Special-cause variation below the mean, on a metric with no better direction.',
    },
  } as const,
});

export const SpcAssuranceEnum = builder.enumType('SpcAssurance', {
  description: 'Whether the process, as its limits describe it, can be relied on to meet the target.',
  values: {
    CONSISTENTLY_PASSING: {
      description: 'The target lies outside the limits on the passing side: every value to expect meets it.',
    },
    CONSISTENTLY_FAILING: {
      description:
        'The target lies outside the limits on the failing side: no value to expect meets it without a change to the process.',
    },
    HIT_AND_MISS: { description: 'The target lies within the limits: it will be met some periods and missed others.' },
  } as const,
});

const runLength = z.number().int().min(3).max(24);

export const SpcOptionsInput = builder.inputType('SpcOptions', {
  description: 'How to draw the chart; every option has the NHS default.',
  fields: (t) => ({
    fixAfterPoints: t.int({
      required: false,
      description: 'Fix the mean and limits on the first N points of each segment (a baseline); default: all points.',
      validate: z.number().int().min(MINIMUM_POINTS).max(1000),
    }),
    rebaseAt: t.stringList({
      required: false,
      description: 'Periods from which the limits are recalculated (after a known change to the process).',
      validate: z.array(periodLabel).max(50),
    }),
    screenOutliers: t.boolean({
      required: false,
      description: 'Screen moving ranges of 3.267 × their mean or more out before setting the limits (default true).',
    }),
    shiftPoints: t.int({
      required: false,
      description: 'How many points on one side of the mean make a shift (default 7).',
      validate: runLength,
    }),
    trendPoints: t.int({
      required: false,
      description: 'How many points each above (or each below) the one before make a trend (default 7).',
      validate: runLength,
    }),
  }),
});

const SpcPointRef = builder.objectRef<ChartPoint>('SpcPoint').implement({
  description: 'One period of an XmR chart: its value, the limits it is judged by, and the rules that flag it.',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'The period ("2025-03").' }),
    value: t.exposeFloat('value', { description: "The value, in the metric's unit." }),
    segment: t.exposeInt('segment', {
      description: 'The segment it is in: 0, then 1 after the first rebase, and so on.',
    }),
    baseline: t.exposeBoolean('baseline', {
      description: "Whether it is one of the points the segment's mean and limits are computed from.",
    }),
    mean: t.exposeFloat('mean', { description: "The centre line: the mean of the segment's baseline." }),
    lowerProcessLimit: t.exposeFloat('lowerProcessLimit', { description: 'Mean − 2.66 × mean moving range.' }),
    upperProcessLimit: t.exposeFloat('upperProcessLimit', { description: 'Mean + 2.66 × mean moving range.' }),
    lowerNearLimit: t.exposeFloat('lowerNearLimit', {
      description: 'The lower two-sigma line: mean − ⅔ × 2.66 × mean moving range.',
    }),
    upperNearLimit: t.exposeFloat('upperNearLimit', {
      description: 'The upper two-sigma line: mean + ⅔ × 2.66 × mean moving range.',
    }),
    relativeToMean: t.exposeInt('relativeToMean', { description: '1 above the mean, −1 below, 0 on it.' }),
    rules: t.field({
      type: [SpcRuleEnum],
      description: 'The special-cause rules that flag it; empty for common cause.',
      resolve: (point) => point.rules,
    }),
    variation: t.field({
      type: SpcVariationEnum,
      description: "Common cause, or special cause improving or concerning by the metric's polarity.",
      resolve: (point) => point.variation,
    }),
  }),
});

export const SpcChartRef = builder.objectRef<OrganisationSpc>('SpcChart').implement({
  description:
    "An XmR (individuals) chart of one organisation's series on one metric, as NHS England's \"Making Data Count\" and the NHS-R community's plotting packages compute it: every point with its limits and flagged rules, the latest variation, and assurance against the target in force. A series with fewer than two points has no chart: `points` is empty and `pointsNeeded` says how many it needs.",
  fields: (t) => ({
    metric: t.field({ type: MetricRef, description: 'The metric charted.', resolve: (chart) => chart.metric }),
    points: t.field({
      type: [SpcPointRef],
      description: 'Every period with data, earliest first.',
      resolve: (chart) => chart.points,
    }),
    mean: t.float({
      nullable: true,
      description: "The latest segment's mean; null without a chart.",
      resolve: (chart) => chart.points.at(-1)?.mean ?? null,
    }),
    lowerProcessLimit: t.float({
      nullable: true,
      description: "The latest segment's lower process limit; null without a chart.",
      resolve: (chart) => chart.points.at(-1)?.lowerProcessLimit ?? null,
    }),
    upperProcessLimit: t.float({
      nullable: true,
      description: "The latest segment's upper process limit; null without a chart.",
      resolve: (chart) => chart.points.at(-1)?.upperProcessLimit ?? null,
    }),
    variation: t.field({
      type: SpcVariationEnum,
      nullable: true,
      description: 'What the latest point shows (the variation icon); null without a chart.',
      resolve: (chart) => chart.variation,
    }),
    assurance: t.field({
      type: SpcAssuranceEnum,
      nullable: true,
      description:
        'The latest limits against the target in force (the assurance icon); null without a target, a chart, or a better direction.',
      resolve: (chart) => chart.assurance,
    }),
    target: t.field({
      type: TargetRef,
      nullable: true,
      description: 'The target in force for the latest period, when one applies to the organisation.',
      resolve: (chart) => chart.target,
    }),
    trialLimits: t.exposeBoolean('trialLimits', {
      description: `Whether the latest limits come from fewer than ${RECOMMENDED_POINTS} points: trial limits, to be read with care.`,
    }),
    pointsNeeded: t.int({
      description: 'How many points a chart needs at the least (two: one moving range).',
      resolve: () => MINIMUM_POINTS,
    }),
  }),
});

builder.prismaObjectFields(OrganisationRef, (t) => ({
  spc: t.field({
    type: SpcChartRef,
    description:
      'Its XmR chart on a metric (any metric with data: a metric without any gives an empty chart, as data). An unknown metric code is an UNKNOWN_METRIC error.',
    args: {
      metricCode: t.arg.string({ required: true, description: 'The metric\'s code ("AE_4HR").' }),
      options: t.arg({
        type: SpcOptionsInput,
        required: false,
        description: 'Baseline, rebases, screening and run lengths; NHS defaults when absent.',
      }),
    },
    select: { id: true, type: true },
    resolve: (organisation, { metricCode, options }, context) =>
      context.services.spc.chart(organisation, metricCode, options ?? {}),
  }),
}));
