/**
 * Benchmarking a value against a reference (England, its region, a peer group) as OHID's
 * Fingertips does: by whether the value's confidence interval takes in the reference value, or by
 * control limits around the reference proportion for the organisation's denominator ("SPC for
 * proportions"). Better / Similar / Worse by the metric's polarity; Higher / Similar / Lower where
 * it has none; Not compared where it cannot be. A value exactly on a limit is Similar. Pure.
 */
import { wilsonLimits, zFor, type ConfidenceLevel } from './confidence.js';
import type { Polarity } from './spc.js';

export type BenchmarkOutcome = 'BETTER' | 'SIMILAR' | 'WORSE' | 'HIGHER' | 'LOWER' | 'NOT_COMPARED';
export type BenchmarkMethod = 'CI_OVERLAPS_REFERENCE' | 'SPC_FOR_PROPORTIONS';

/** A significant difference in words: by polarity where the metric has one. */
function outcomeOf(higher: boolean, polarity: Polarity): BenchmarkOutcome {
  if (polarity === 'NEUTRAL') return higher ? 'HIGHER' : 'LOWER';
  return higher === (polarity === 'HIGHER_IS_BETTER') ? 'BETTER' : 'WORSE';
}

const usable = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Fingertips' "confidence intervals overlapping the reference value": Similar where the reference
 * lies within the value's interval (its ends included), otherwise higher or lower.
 */
export function compareByIntervalOverlap(
  value: number | null,
  interval: { lower: number; upper: number } | null,
  reference: number | null,
  polarity: Polarity,
): BenchmarkOutcome {
  if (!usable(value) || !usable(reference) || !interval || !usable(interval.lower) || !usable(interval.upper))
    return 'NOT_COMPARED';
  if (reference >= interval.lower && reference <= interval.upper) return 'SIMILAR';
  return outcomeOf(value > reference, polarity);
}

/**
 * Fingertips' "SPC for proportions" with a given z: Wilson control limits around the reference
 * proportion p0 for the organisation's denominator n; beyond them (strictly) the value differs.
 * Proportions of 1.
 */
export function compareByControlLimitsAtZ(
  proportion: number | null,
  denominator: number | null,
  referenceProportion: number | null,
  z: number,
  polarity: Polarity,
): BenchmarkOutcome {
  if (!usable(proportion) || !usable(referenceProportion) || !usable(denominator) || !(denominator > 0))
    return 'NOT_COMPARED';
  // The limits are the Wilson interval of the count the reference proportion would give.
  const { lower, upper } = wilsonLimits(denominator * referenceProportion, denominator, z);
  if (proportion > upper) return outcomeOf(true, polarity);
  if (proportion < lower) return outcomeOf(false, polarity);
  return 'SIMILAR';
}

/** The control-limit comparison at a confidence level (z from the level: 1.96 at 95%, 3.09 at 99.8%). */
export function compareByControlLimits(
  proportion: number | null,
  denominator: number | null,
  referenceProportion: number | null,
  level: ConfidenceLevel,
  polarity: Polarity,
): BenchmarkOutcome {
  return compareByControlLimitsAtZ(proportion, denominator, referenceProportion, zFor(level), polarity);
}

/** The fewest organisations a peer group may name. */
export const MIN_PEERS = 3;

/**
 * A group's value to benchmark against, in the metric's unit: its pooled value (summed numerators
 * over summed denominators: a proportion, or a mean over all the group's incidents) where every
 * member has them, else the mean of its values; null without any.
 */
export function pooledValue(
  members: readonly { value: number; numerator: number | null; denominator: number | null }[],
  unit: string,
): number | null {
  if (members.length === 0) return null;
  const counted = members.every((member) => member.numerator !== null && member.denominator !== null);
  if (counted) {
    const denominator = members.reduce((sum, member) => sum + member.denominator!, 0);
    if (denominator > 0)
      return (
        (members.reduce((sum, member) => sum + member.numerator!, 0) / denominator) * (unit === 'PERCENT' ? 100 : 1)
      );
  }
  return members.reduce((sum, member) => sum + member.value, 0) / members.length;
}
