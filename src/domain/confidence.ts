/**
 * Confidence intervals as public health statistics compute them (PHEindicatormethods, the methods
 * behind OHID's Fingertips): the Wilson score interval for proportions (`phe_proportion`), and for
 * counts of events and rates Byar's method, with exact Poisson limits below 10 events
 * (`phe_rate`). Pure.
 */
import { gammaQuantile, normalQuantile } from './distributions.js';

/** The levels Fingertips shows: 95% and 99.8%. */
export type ConfidenceLevel = 0.95 | 0.998;
export const CONFIDENCE_LEVELS: readonly ConfidenceLevel[] = [0.95, 0.998];

export type IntervalMethod = 'WILSON' | 'BYARS' | 'EXACT_POISSON';

export interface Interval {
  lower: number;
  upper: number;
  method: IntervalMethod;
  level: ConfidenceLevel;
}

/** The two-sided z for a level (1.959964… at 95%, 3.090232… at 99.8%). */
export function zFor(level: number): number {
  return normalQuantile(level + (1 - level) / 2);
}

/** The Wilson score limits of x cases in n at a given z, as proportions of 1. */
export function wilsonLimits(x: number, n: number, z: number): { lower: number; upper: number } {
  const spread = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
  return { lower: (2 * x + z * z - spread) / 2 / (n + z * z), upper: (2 * x + z * z + spread) / 2 / (n + z * z) };
}

/**
 * The Wilson score interval of x cases in n, as a proportion of 1 (PHEindicatormethods'
 * wilson_lower and wilson_upper).
 */
export function wilsonInterval(x: number, n: number, level: ConfidenceLevel): Interval {
  if (!(x >= 0) || !(n > 0) || x > n) throw new RangeError(`a proportion needs 0 ≤ x ≤ n and n > 0 (x ${x}, n ${n})`);
  return { ...wilsonLimits(x, n, zFor(level)), method: 'WILSON', level };
}

/** Byar's approximation to the Poisson limits of an observed count of events. */
export function byarsInterval(x: number, level: ConfidenceLevel): Interval {
  if (!(x >= 0)) throw new RangeError(`a count of events is not negative (${x})`);
  const z = zFor(level);
  const lower = x === 0 ? 0 : x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3;
  const upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3;
  return { lower: Math.max(0, lower), upper, method: 'BYARS', level };
}

/** The exact Poisson limits of an observed count (R's qchisq(α/2, 2x)/2 and qchisq(1 − α/2, 2x + 2)/2). */
export function exactPoissonInterval(x: number, level: ConfidenceLevel): Interval {
  if (!(x >= 0)) throw new RangeError(`a count of events is not negative (${x})`);
  const alpha = 1 - level;
  return {
    lower: x === 0 ? 0 : gammaQuantile(alpha / 2, x),
    upper: gammaQuantile(1 - alpha / 2, x + 1),
    method: 'EXACT_POISSON',
    level,
  };
}

/** Below this many events a count's limits are exact Poisson, Byar's from it up (phe_rate). */
export const EXACT_BELOW_EVENTS = 10;

/** The interval of a count of events: exact below 10, Byar's otherwise. */
export function countInterval(x: number, level: ConfidenceLevel): Interval {
  return x < EXACT_BELOW_EVENTS ? exactPoissonInterval(x, level) : byarsInterval(x, level);
}

/** The interval of a rate of x events in a population n, per `multiplier` (phe_rate). */
export function rateInterval(x: number, n: number, level: ConfidenceLevel, multiplier = 1): Interval {
  if (!(n > 0)) throw new RangeError(`a rate needs a population above zero (${n})`);
  const count = countInterval(x, level);
  return { ...count, lower: (count.lower / n) * multiplier, upper: (count.upper / n) * multiplier };
}

/** An interval that a value's published figures do not allow, and why, in words. */
export interface NoInterval {
  method: 'NOT_APPLICABLE';
  level: ConfidenceLevel;
  reason: string;
}

/** What a measurement's interval depends on: its metric's unit and nature, and its figures. */
export interface IntervalMetric {
  unit: string;
  partOfWhole: boolean;
  countsEvents: boolean;
}

/**
 * A measurement's interval in its metric's unit: Wilson for a percentage published with its
 * numerator and denominator; exact Poisson or Byar's for a count of events; none (with the reason)
 * where the published figures do not allow one: a mean or centile without its spread, a count of
 * people waiting at a moment, an occupancy above 100%, a percentage without its counts.
 */
export function measurementInterval(
  measurement: { value: number; numerator: number | null; denominator: number | null },
  metric: IntervalMetric,
  level: ConfidenceLevel,
): Interval | NoInterval {
  const none = (reason: string): NoInterval => ({ method: 'NOT_APPLICABLE', level, reason });
  switch (metric.unit) {
    case 'PERCENT': {
      const { numerator: x, denominator: n } = measurement;
      if (x === null || n === null || !(n > 0))
        return none('the value is published without the counts it is a percentage of');
      if (x > n)
        return none(
          metric.partOfWhole
            ? 'its numerator is larger than its denominator'
            : 'more than the whole (an occupancy over 100%) is not a proportion',
        );
      const interval = wilsonInterval(x, n, level);
      return { ...interval, lower: interval.lower * 100, upper: interval.upper * 100 };
    }
    case 'COUNT':
      return metric.countsEvents && measurement.value >= 0
        ? countInterval(measurement.value, level)
        : none('a count of people or things at a moment (a census) has no sampling interval');
    case 'MINUTES':
    case 'WEEKS':
      return none('a mean or centile published without its spread');
    default:
      return none('an amount of money has no sampling interval');
  }
}
