import { rateValue, type MetricRules } from './measurement.js';

export interface RollUpPart {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

export interface RollUp {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/**
 * Combines providers' measurements into their ICB's, region's or England's: a rate as its summed
 * numerators over its summed denominators (never a mean of rates), a count as a sum. Null when
 * there is nothing to combine, or the metric does not roll up.
 */
export function rollUp(metric: Pick<MetricRules, 'unit' | 'aggregation'>, parts: readonly RollUpPart[]): RollUp | null {
  if (parts.length === 0) return null;
  switch (metric.aggregation) {
    case 'RATIO': {
      let numerator = 0;
      let denominator = 0;
      for (const part of parts) {
        numerator += part.numerator ?? 0;
        denominator += part.denominator ?? 0;
      }
      if (denominator <= 0) return null;
      return { value: rateValue(metric.unit, numerator, denominator), numerator, denominator };
    }
    case 'SUM':
      return { value: parts.reduce((total, part) => total + part.value, 0), numerator: null, denominator: null };
    case 'NONE':
      return null;
  }
}

/** Whether two recorded states of a measurement are the same (so a write changes nothing). */
export function sameMeasurement(a: RollUpPart, b: RollUpPart): boolean {
  return a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator;
}
