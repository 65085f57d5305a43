/**
 * Statistical process control as NHS England's "Making Data Count" teaches it and the NHS-R
 * community's plotting packages (NHSRplotthedots) compute it: an XmR (individuals) chart per series.
 * Pure: a series in, its chart out.
 *
 * - Centre line: the mean of the baseline (all points, or the first `fixAfterPoints` of a segment).
 * - Process limits: mean ± 2.66 × the mean moving range; moving ranges of 3.267 × their mean or
 *   more are screened out first and the mean moving range taken again (the packages' default).
 * - Near limits (two sigma): mean ± ⅔ × 2.66 × the mean moving range.
 * - A rebase starts a new segment at a period, with its own baseline and limits.
 * - Special cause, each rule named on the points it flags: a point outside the limits; a shift (a
 *   run of points on one side of the mean, 7 by default); a trend (a run of points each above, or
 *   each below, the one before, 7 by default, up or down); two of three points beyond the near
 *   limits on the same side of the mean (the window's three points all on that side).
 */

export type Polarity = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER' | 'NEUTRAL';
export type SpcRule = 'OUTSIDE_LIMITS' | 'SHIFT' | 'TREND' | 'TWO_OF_THREE';
export type PointVariation =
  | 'COMMON_CAUSE'
  | 'SPECIAL_CAUSE_IMPROVING'
  | 'SPECIAL_CAUSE_CONCERNING'
  | 'SPECIAL_CAUSE_NEUTRAL_HIGH'
  | 'SPECIAL_CAUSE_NEUTRAL_LOW';
export type Assurance = 'CONSISTENTLY_PASSING' | 'CONSISTENTLY_FAILING' | 'HIT_AND_MISS';

/** The process limit multiplier: 3 sigma estimated from the mean moving range (3 ÷ 1.128). */
export const LIMIT = 2.66;
/** Moving ranges this many times their mean or more are screened out before the limits are set. */
export const SCREENING = 3.267;
/** Fewer points than this give trial limits (NHSRplotthedots warns below 12). */
export const RECOMMENDED_POINTS = 12;
/** The fewest points an XmR chart has limits for: one moving range needs two. */
export const MINIMUM_POINTS = 2;

/** Each option left out (or null) takes the NHS default. */
export interface SpcOptions {
  /** Fix the mean and limits on each segment's first N points (a baseline); default: every point. */
  fixAfterPoints?: number | null | undefined;
  /** Periods at which the limits are recalculated from there on (a rebase, after a change to the process). */
  rebaseAt?: readonly string[] | null | undefined;
  /** Screen large moving ranges out before setting the limits. @default true */
  screenOutliers?: boolean | null | undefined;
  /** How many points on one side of the mean make a shift. @default 7 */
  shiftPoints?: number | null | undefined;
  /** How many points, each above (or each below) the one before, make a trend. @default 7 */
  trendPoints?: number | null | undefined;
}

export interface SeriesPoint {
  period: string;
  value: number;
}

export interface ChartPoint extends SeriesPoint {
  /** The segment the point is in (0, then 1 after the first rebase, …). */
  segment: number;
  mean: number;
  lowerProcessLimit: number;
  upperProcessLimit: number;
  lowerNearLimit: number;
  upperNearLimit: number;
  /** Whether the point is in its segment's baseline (the points the mean and limits come from). */
  baseline: boolean;
  /** 1 above the mean, −1 below, 0 on it. */
  relativeToMean: -1 | 0 | 1;
  rules: SpcRule[];
  variation: PointVariation;
}

export interface SpcChart {
  points: ChartPoint[];
  /** The latest point's variation: what the chart says now. */
  variation: PointVariation | null;
  /** The latest segment's limits against the target, when there is a target and a polarity. */
  assurance: Assurance | null;
  /** Whether the latest segment's limits come from fewer points than recommended (trial limits). */
  trialLimits: boolean;
}

export interface SpcTarget {
  value: number;
}

/** The XmR chart of a series, in period order; an empty chart for fewer than MINIMUM_POINTS points. */
export function spcChart(
  series: readonly SeriesPoint[],
  polarity: Polarity,
  options: SpcOptions = {},
  target: SpcTarget | null = null,
): SpcChart {
  const ordered = [...series].sort((a, b) => a.period.localeCompare(b.period));
  if (ordered.length < MINIMUM_POINTS) return { points: [], variation: null, assurance: null, trialLimits: true };
  const rebases = new Set(options.rebaseAt ?? []);
  const segments: SeriesPoint[][] = [];
  for (const [index, point] of ordered.entries()) {
    if (index === 0 || rebases.has(point.period)) segments.push([]);
    segments.at(-1)!.push(point);
  }
  const points = segments.flatMap((segment, number) => chartSegment(segment, number, polarity, options));
  const last = points.at(-1)!;
  const lastSegment = points.filter((point) => point.segment === last.segment);
  return {
    points,
    variation: last.variation,
    assurance: target === null ? null : assuranceOf(target.value, last, polarity),
    trialLimits: lastSegment.filter((point) => point.baseline).length < RECOMMENDED_POINTS,
  };
}

function chartSegment(
  segment: readonly SeriesPoint[],
  number: number,
  polarity: Polarity,
  options: SpcOptions,
): ChartPoint[] {
  const baselineSize = Math.min(segment.length, options.fixAfterPoints ?? Number.POSITIVE_INFINITY);
  const limits = processLimits(
    segment.slice(0, baselineSize).map((point) => point.value),
    options.screenOutliers ?? true,
  );
  const values = segment.map((point) => point.value);
  const sides = values.map((value) => Math.sign(value - limits.mean) as -1 | 0 | 1);
  const outside = values.map((value) => value > limits.upperProcessLimit || value < limits.lowerProcessLimit);
  const close = values.map(
    (value, index) => !outside[index] && (value < limits.lowerNearLimit || value > limits.upperNearLimit),
  );
  const shiftPoints = options.shiftPoints ?? 7;
  const trendPoints = options.trendPoints ?? 7;
  const shift = runs(shiftEnds(sides, shiftPoints), shiftPoints);
  const trend = runs(trendEnds(values, trendPoints), trendPoints);
  const twoOfThree = twoOfThreeFlags(close, sides);
  return segment.map((point, index) => {
    const rules: SpcRule[] = [];
    if (outside[index]) rules.push('OUTSIDE_LIMITS');
    if (shift[index]) rules.push('SHIFT');
    if (trend[index]) rules.push('TREND');
    if (twoOfThree[index]) rules.push('TWO_OF_THREE');
    return {
      ...point,
      segment: number,
      ...limits,
      baseline: index < baselineSize,
      relativeToMean: sides[index]!,
      rules,
      variation: variationOf(rules.length > 0, sides[index]!, polarity),
    };
  });
}

export interface ProcessLimits {
  mean: number;
  /** The mean moving range the limits are set from (after screening). */
  meanMovingRange: number;
  lowerProcessLimit: number;
  upperProcessLimit: number;
  lowerNearLimit: number;
  upperNearLimit: number;
}

/** The mean and limits of a baseline: mean ± 2.66 × mean moving range, large moving ranges screened out first. */
export function processLimits(values: readonly number[], screenOutliers = true): ProcessLimits {
  const mean = average(values);
  const ranges = values.slice(1).map((value, index) => Math.abs(value - values[index]!));
  let meanMovingRange = average(ranges);
  // A flat baseline has no moving range to screen: its limits close on the mean.
  const kept = ranges.filter((range) => range < SCREENING * meanMovingRange);
  if (screenOutliers && kept.length > 0) meanMovingRange = average(kept);
  const near = (2 * LIMIT) / 3;
  return {
    mean,
    meanMovingRange,
    lowerProcessLimit: mean - LIMIT * meanMovingRange,
    upperProcessLimit: mean + LIMIT * meanMovingRange,
    lowerNearLimit: mean - near * meanMovingRange,
    upperNearLimit: mean + near * meanMovingRange,
  };
}

function average(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Where a run of `length` points on one side of the mean ends: that side (1 above, −1 below), or 0. A point on the mean breaks a run. */
export function shiftEnds(sides: readonly (-1 | 0 | 1)[], length = 7): (-1 | 0 | 1)[] {
  return sides.map((side, index) =>
    index + 1 >= length && side !== 0 && sides.slice(index + 1 - length, index).every((earlier) => earlier === side)
      ? side
      : 0,
  );
}

/** Where a run of `length` points, each above (or each below) the one before, ends: 1 up, −1 down, 0 none. A repeated value breaks a run. */
export function trendEnds(values: readonly number[], length = 7): (-1 | 0 | 1)[] {
  return values.map((_value, index) => {
    if (index + 1 < length) return 0;
    const steps = values
      .slice(index + 1 - length, index + 1)
      .slice(1)
      .map((value, step) => Math.sign(value - values[index + 1 - length + step]!));
    if (steps.every((step) => step === 1)) return 1;
    if (steps.every((step) => step === -1)) return -1;
    return 0;
  });
}

/** Every point of a run, from the points where runs of `length` end (a point is in a run when one ends within the next `length` points). */
export function runs(ends: readonly number[], length: number): boolean[] {
  return ends.map((_end, index) => ends.slice(index, index + length).some((end) => end !== 0));
}

/**
 * The points beyond the near limits that are two of three such points in a row, the three all on
 * one side of the mean (two close points on opposite sides are no signal).
 */
export function twoOfThreeFlags(close: readonly boolean[], sides: readonly number[]): boolean[] {
  const at = (list: readonly (boolean | number)[], index: number) => Number(list[index] ?? 0);
  const windowSignals = (start: number) => {
    let closeCount = 0;
    let side = 0;
    for (let index = start; index < start + 3; index += 1) {
      closeCount += at(close, index);
      side += at(sides, index);
    }
    return closeCount >= 2 && Math.abs(side) === 3;
  };
  return close.map(
    (isClose, index) =>
      isClose &&
      [index - 2, index - 1, index].some((start) => start >= 0 && start + 3 <= close.length && windowSignals(start)),
  );
}

function variationOf(special: boolean, side: -1 | 0 | 1, polarity: Polarity): PointVariation {
  if (!special) return 'COMMON_CAUSE';
  if (polarity === 'NEUTRAL') return side >= 0 ? 'SPECIAL_CAUSE_NEUTRAL_HIGH' : 'SPECIAL_CAUSE_NEUTRAL_LOW';
  const improving = polarity === 'HIGHER_IS_BETTER' ? side === 1 : side === -1;
  return improving ? 'SPECIAL_CAUSE_IMPROVING' : 'SPECIAL_CAUSE_CONCERNING';
}

/**
 * Whether the process can be relied on to meet the target: the target outside the limits on the
 * failing side means it will consistently fail, on the passing side consistently pass; a target
 * within the limits is hit and miss. A metric with no better direction has no assurance.
 */
export function assuranceOf(
  target: number,
  limits: Pick<ProcessLimits, 'lowerProcessLimit' | 'upperProcessLimit'>,
  polarity: Polarity,
): Assurance | null {
  if (polarity === 'NEUTRAL') return null;
  const higherIsBetter = polarity === 'HIGHER_IS_BETTER';
  if (target > limits.upperProcessLimit) return higherIsBetter ? 'CONSISTENTLY_FAILING' : 'CONSISTENTLY_PASSING';
  if (target < limits.lowerProcessLimit) return higherIsBetter ? 'CONSISTENTLY_PASSING' : 'CONSISTENTLY_FAILING';
  return 'HIT_AND_MISS';
}
