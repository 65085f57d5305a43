/**
 * The recent trend of a series as Fingertips' trend marker computes it, over its latest five
 * points: for proportions, the chi-squared test for trend on the counts and denominators; for
 * other values, an inverse-variance weighted regression on the values and their 95% intervals.
 * Significant at 99.8% (chi-squared above 9.5495, on one degree of freedom), and only when
 * leaving out any one of the five points keeps the slope's sign. Pure.
 */
import type { Polarity } from './spc.js';

export type TrendMarker =
  | 'INCREASING_AND_GETTING_BETTER'
  | 'INCREASING_AND_GETTING_WORSE'
  | 'DECREASING_AND_GETTING_BETTER'
  | 'DECREASING_AND_GETTING_WORSE'
  | 'INCREASING'
  | 'DECREASING'
  | 'NO_SIGNIFICANT_CHANGE'
  | 'CANNOT_BE_CALCULATED';

export const TREND_POINTS = 5;
/** χ² on one degree of freedom at 99.8% (3.0902²), as Fingertips has it. */
export const TREND_CHI_SQUARED = 9.54953570608324;

export type TrendMethod = 'CHI_SQUARED_FOR_TREND' | 'WEIGHTED_REGRESSION';

export interface RecentTrend {
  marker: TrendMarker;
  method: TrendMethod | null;
  /** The test statistic (null where none could be computed). */
  chiSquared: number | null;
  /** The periods used, oldest first. */
  periods: string[];
  /** Why no trend could be calculated, in words; null otherwise. */
  reason: string | null;
}

export interface TrendPoint {
  period: string;
  value: number | null;
  count?: number | null;
  denominator?: number | null;
  lower95?: number | null;
  upper95?: number | null;
}

const finite = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** The slope of a weighted least-squares line through (t, y) with weights w. */
function weightedSlope(points: readonly { t: number; y: number; w: number }[]): { slope: number; variance: number } {
  let sw = 0;
  let swty = 0;
  let swt = 0;
  let swy = 0;
  let swt2 = 0;
  for (const { t, y, w } of points) {
    sw += w;
    swty += w * t * y;
    swt += w * t;
    swy += w * y;
    swt2 += w * t * t;
  }
  const determinant = sw * swt2 - swt * swt;
  return { slope: (sw * swty - swt * swy) / determinant, variance: sw / determinant };
}

/** Whether leaving out each point in turn keeps the sign of the slope through them all (Fingertips' outlier check). */
function signHolds(points: readonly { t: number; y: number; w: number }[]): boolean {
  const sign = (slope: number) => (slope < 0 ? -1 : 1);
  const whole = sign(weightedSlope(points).slope);
  return points.every((_, left) => sign(weightedSlope(points.filter((__, index) => index !== left)).slope) === whole);
}

function markerOf(increasing: boolean, polarity: Polarity): TrendMarker {
  if (polarity === 'NEUTRAL') return increasing ? 'INCREASING' : 'DECREASING';
  const better = increasing === (polarity === 'HIGHER_IS_BETTER');
  return increasing
    ? better
      ? 'INCREASING_AND_GETTING_BETTER'
      : 'INCREASING_AND_GETTING_WORSE'
    : better
      ? 'DECREASING_AND_GETTING_BETTER'
      : 'DECREASING_AND_GETTING_WORSE';
}

const cannot = (reason: string, periods: string[] = []): RecentTrend => ({
  marker: 'CANNOT_BE_CALCULATED',
  method: null,
  chiSquared: null,
  periods,
  reason,
});

/**
 * The latest unbroken run of usable points, newest first, as Fingertips takes them: a point
 * without what the method needs ends the run.
 */
function latestRun<T extends TrendPoint>(points: readonly T[], usable: (point: T) => boolean): T[] {
  const newestFirst = [...points].sort((a, b) => b.period.localeCompare(a.period));
  const run: T[] = [];
  for (const point of newestFirst) {
    if (!usable(point)) break;
    run.push(point);
  }
  return run.slice(0, TREND_POINTS).reverse();
}

/** The chi-squared test for trend in proportions: counts of events in denominators, period by period. */
export function proportionTrend(points: readonly TrendPoint[], polarity: Polarity): RecentTrend {
  const run = latestRun(
    points,
    (point) => finite(point.count) && finite(point.denominator) && point.denominator > 0 && point.count >= 0,
  );
  const periods = run.map((point) => point.period);
  if (run.length < TREND_POINTS)
    return cannot(`it needs ${TREND_POINTS} consecutive periods with counts and denominators`, periods);
  if (run.some((point) => point.count === point.denominator || point.count === 0))
    return cannot('a period where every case or none met the condition leaves the trend undefined', periods);
  let n = 0;
  let x = 0;
  let xt = 0;
  let nt = 0;
  let nt2 = 0;
  run.forEach((point, index) => {
    const t = index + 1;
    n += point.denominator!;
    x += point.count!;
    xt += point.count! * t;
    nt += point.denominator! * t;
    nt2 += point.denominator! * t * t;
  });
  const chiSquared = (n * (n * xt - x * nt) ** 2) / (x * (n - x) * (n * nt2 - nt ** 2));
  // The slopes are of the log odds against time, unweighted (Fingertips' check for proportions).
  const logits = run.map((point, index) => ({
    t: index + 1,
    y: Math.log(point.count! / (point.denominator! - point.count!)),
    w: 1,
  }));
  const significant = signHolds(logits) && chiSquared > TREND_CHI_SQUARED;
  return {
    marker: significant ? markerOf(n * xt - x * nt > 0, polarity) : 'NO_SIGNIFICANT_CHANGE',
    method: 'CHI_SQUARED_FOR_TREND',
    chiSquared,
    periods,
    reason: null,
  };
}

/** The inverse-variance weighted regression of values on time, each weighted by its 95% interval's width. */
export function weightedTrend(points: readonly TrendPoint[], polarity: Polarity): RecentTrend {
  const run = latestRun(
    points,
    (point) => finite(point.value) && finite(point.lower95) && finite(point.upper95) && point.upper95 > point.lower95,
  );
  const periods = run.map((point) => point.period);
  if (run.length < TREND_POINTS)
    return cannot(`it needs ${TREND_POINTS} consecutive periods with values and 95% intervals`, periods);
  const weighted = run.map((point, index) => ({
    t: index + 1,
    y: point.value!,
    // The standard error from the 95% interval's width (2 × 1.96).
    w: 1 / ((point.upper95! - point.lower95!) / 3.92) ** 2,
  }));
  const { slope, variance } = weightedSlope(weighted);
  const chiSquared = slope ** 2 / variance;
  const significant = signHolds(weighted) && chiSquared > TREND_CHI_SQUARED;
  return {
    marker: significant ? markerOf(slope > 0, polarity) : 'NO_SIGNIFICANT_CHANGE',
    method: 'WEIGHTED_REGRESSION',
    chiSquared,
    periods,
    reason: null,
  };
}
