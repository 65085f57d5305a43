import { tryParsePeriod, type Frequency, type Period } from './period.js';

/** A measurement as a partner or a file states it, before it is checked. */
export interface MeasurementClaim {
  metricCode: string;
  odsCode: string;
  period: string;
  value?: number | null | undefined;
  numerator?: number | null | undefined;
  denominator?: number | null | undefined;
}

/** What a metric's values count; a duration is in the unit NHS England publishes it in. */
export const UNITS = ['PERCENT', 'MINUTES', 'WEEKS', 'COUNT', 'GBP'] as const;
export type Unit = (typeof UNITS)[number];

export interface MetricRules {
  code: string;
  unit: Unit;
  aggregation: 'RATIO' | 'SUM' | 'NONE';
  frequency: Frequency;
  /** Whether ICBs report it themselves, so that regions and England roll up from ICBs (virtual wards). */
  icbsReport?: boolean;
  /** False for a percentage whose numerator is not a part of its denominator (an occupancy), which can pass 100. */
  partOfWhole?: boolean;
}

export type OrganisationLevel =
  'GOVERNMENT_DEPARTMENT' | 'NATIONAL_BODY' | 'REGION' | 'ICB' | 'SUB_ICB_LOCATION' | 'TRUST' | 'OTHER_PROVIDER';

/** One reason a claim cannot be recorded: a stable code, the field at fault, and a sentence for people. */
export interface MeasurementProblem {
  index: number | null;
  field: string | null;
  code: MeasurementProblemCode;
  message: string;
}

export type MeasurementProblemCode =
  | 'BATCH_TOO_LARGE'
  | 'INVALID_SOURCE'
  | 'UNKNOWN_METRIC'
  | 'UNKNOWN_ORGANISATION'
  | 'FORBIDDEN_ORGANISATION'
  | 'INVALID_PERIOD'
  | 'FUTURE_PERIOD'
  | 'MISSING_VALUE'
  | 'NOT_FINITE'
  | 'OUT_OF_RANGE'
  | 'NEGATIVE_VALUE'
  | 'NUMERATOR_ABOVE_DENOMINATOR'
  | 'ZERO_DENOMINATOR'
  | 'VALUE_CONTRADICTS_PARTS'
  | 'UNEXPECTED_PARTS'
  | 'DERIVED_MEASUREMENT'
  | 'NOT_REPORTED_AT_THIS_LEVEL'
  | 'DUPLICATE_ROW'
  | 'TOTAL_MISMATCH'
  | 'INVALID_FILE';

/** The values a valid claim records. */
export interface CheckedMeasurement {
  period: Period;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** Organisations whose values for an aggregating metric are always derived from their providers. */
export const ROLL_UP_LEVELS: readonly OrganisationLevel[] = ['ICB', 'REGION', 'NATIONAL_BODY'];
/** Organisations that report values of aggregating metrics. */
export const PROVIDER_LEVELS: readonly OrganisationLevel[] = ['TRUST', 'OTHER_PROVIDER'];

/**
 * The organisations whose values of an aggregating metric the levels above are rolled up from:
 * providers, or ICBs for a metric ICBs report themselves.
 */
export function rollUpLeafLevels(metric: Pick<MetricRules, 'icbsReport'>): readonly OrganisationLevel[] {
  return metric.icbsReport ? ['ICB'] : PROVIDER_LEVELS;
}

/** Whether providers' values of a metric roll up to their ICBs: not where nothing rolls up, where the ICBs report, or where providers serve regions. */
export function providersRollUpToIcbs(
  metric: Pick<MetricRules, 'aggregation' | 'icbsReport'> & { rollUpToIcb: boolean },
): boolean {
  return metric.aggregation !== 'NONE' && metric.rollUpToIcb && !metric.icbsReport;
}

/** The organisations whose values of an aggregating metric are always rolled up, never written. */
export function derivedLevels(metric: Pick<MetricRules, 'icbsReport'>): readonly OrganisationLevel[] {
  return metric.icbsReport ? ['REGION', 'NATIONAL_BODY'] : ROLL_UP_LEVELS;
}

/**
 * How far a stated value may differ from 100 × numerator / denominator (in percentage points): a
 * published figure rounded to one decimal place is within 0.05.
 */
export const VALUE_TOLERANCE = 0.05;

/** The value a rate's parts give, in the metric's unit. */
export function rateValue(unit: MetricRules['unit'], numerator: number, denominator: number): number {
  const ratio = numerator / denominator;
  return unit === 'PERCENT' ? ratio * 100 : ratio;
}

/**
 * Checks one claim against its metric, its organisation's level and today's date (ISO). Returns the
 * values to record, or every problem found (with `index` left for the caller to fill).
 */
export function checkMeasurement(
  claim: MeasurementClaim,
  metric: MetricRules,
  level: OrganisationLevel,
  today: string,
): { ok: true; measurement: CheckedMeasurement } | { ok: false; problems: Omit<MeasurementProblem, 'index'>[] } {
  const problems: Omit<MeasurementProblem, 'index'>[] = [];
  const problem = (field: string | null, code: MeasurementProblemCode, message: string) =>
    problems.push({ field, code, message });

  const period = tryParsePeriod(claim.period, metric.frequency);
  if (!period) {
    problem(
      'period',
      'INVALID_PERIOD',
      `"${claim.period}" is not a ${metric.frequency.toLowerCase()} period, as ${metric.code} is reported.`,
    );
  } else if (period.start > today) {
    problem('period', 'FUTURE_PERIOD', `Period ${claim.period} has not begun (today is ${today}).`);
  }

  if (metric.aggregation !== 'NONE' && derivedLevels(metric).includes(level)) {
    problem(
      'odsCode',
      'DERIVED_MEASUREMENT',
      `${metric.code} for ${claim.odsCode} (${level}) is rolled up from ${metric.icbsReport ? 'its ICBs' : 'its providers'} and cannot be written.`,
    );
  } else if (
    metric.aggregation !== 'NONE' &&
    !PROVIDER_LEVELS.includes(level) &&
    !rollUpLeafLevels(metric).includes(level)
  ) {
    problem(
      'odsCode',
      'NOT_REPORTED_AT_THIS_LEVEL',
      `${metric.code} is reported by ${metric.icbsReport ? 'ICBs and providers' : 'providers'}; ${claim.odsCode} is a ${level}.`,
    );
  }

  for (const field of ['value', 'numerator', 'denominator'] as const) {
    const number = claim[field];
    if (number !== null && number !== undefined && !Number.isFinite(number))
      problem(field, 'NOT_FINITE', `${field} must be a finite number, not ${number}.`);
  }
  if (problems.some((p) => p.code === 'NOT_FINITE')) return { ok: false, problems };

  let value: number | null = null;
  let numerator: number | null = null;
  let denominator: number | null = null;
  if (metric.aggregation === 'RATIO') {
    numerator = claim.numerator ?? null;
    denominator = claim.denominator ?? null;
    if (numerator === null) problem('numerator', 'MISSING_VALUE', `${metric.code} is a rate: give its numerator.`);
    if (denominator === null)
      problem('denominator', 'MISSING_VALUE', `${metric.code} is a rate: give its denominator.`);
    if (numerator !== null && numerator < 0)
      problem('numerator', 'NEGATIVE_VALUE', `numerator must not be negative (${numerator}).`);
    if (denominator !== null && denominator < 0)
      problem('denominator', 'NEGATIVE_VALUE', `denominator must not be negative (${denominator}).`);
    if (denominator === 0)
      problem(
        'denominator',
        'ZERO_DENOMINATOR',
        'denominator must be above zero: a rate of nothing is not a measurement.',
      );
    // A percentage is a part over its whole; a mean (minutes over incidents) has no such bound.
    if (
      metric.unit === 'PERCENT' &&
      metric.partOfWhole !== false &&
      numerator !== null &&
      denominator !== null &&
      numerator > denominator &&
      denominator >= 0
    ) {
      problem(
        'numerator',
        'NUMERATOR_ABOVE_DENOMINATOR',
        `numerator (${numerator}) is above denominator (${denominator}).`,
      );
    }
    if (problems.length === 0 && numerator !== null && denominator !== null) {
      value = rateValue(metric.unit, numerator, denominator);
      const stated = claim.value;
      if (stated !== null && stated !== undefined && Math.abs(stated - value) > VALUE_TOLERANCE) {
        problem(
          'value',
          'VALUE_CONTRADICTS_PARTS',
          `value ${stated} contradicts numerator/denominator, which give ${round(value, 4)}.`,
        );
      }
    }
  } else {
    if (claim.numerator !== null && claim.numerator !== undefined)
      problem('numerator', 'UNEXPECTED_PARTS', `${metric.code} is not a rate: give its value alone.`);
    if (claim.denominator !== null && claim.denominator !== undefined)
      problem('denominator', 'UNEXPECTED_PARTS', `${metric.code} is not a rate: give its value alone.`);
    value = claim.value ?? null;
    if (value === null) problem('value', 'MISSING_VALUE', `${metric.code} needs a value.`);
  }

  if (value !== null) {
    if (metric.unit === 'PERCENT' && metric.partOfWhole !== false && (value < 0 || value > 100))
      problem('value', 'OUT_OF_RANGE', `A percentage is between 0 and 100, not ${value}.`);
    else if (metric.unit === 'PERCENT' && value < 0)
      problem('value', 'NEGATIVE_VALUE', `A percentage must not be negative (${value}).`);
    else if (metric.unit !== 'PERCENT' && value < 0)
      problem('value', 'NEGATIVE_VALUE', `A ${metric.unit.toLowerCase()} value must not be negative (${value}).`);
  }

  if (problems.length > 0 || !period || value === null) return { ok: false, problems };
  return { ok: true, measurement: { period, value, numerator, denominator } };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * A value as NHS England shows it: a percentage to one decimal place ("76.4%"), a response time as
 * minutes and seconds ("28:33", rounded to the second), a wait in weeks to one decimal place ("13.9
 * weeks"), a count or sum of money with thousands separated.
 */
export function displayValue(unit: Unit, value: number): string {
  switch (unit) {
    case 'PERCENT':
      return `${value.toFixed(1)}%`;
    case 'MINUTES': {
      const seconds = Math.round(value * 60);
      return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    }
    case 'WEEKS':
      return `${value.toFixed(1)} weeks`;
    case 'GBP':
      return `£${Math.round(value).toLocaleString('en-GB')}`;
    case 'COUNT':
      return Number.isInteger(value)
        ? value.toLocaleString('en-GB')
        : value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  }
}
