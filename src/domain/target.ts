/**
 * Judging a value against a target. Pure: values in, values out.
 */
import type { Unit } from './measurement.js';

export type Comparator = 'AT_LEAST' | 'AT_MOST';
export type TargetState = 'MEETING' | 'NOT_MEETING' | 'NO_DATA';

export interface TargetWindow {
  readonly inForceFrom: string | null;
  readonly inForceTo: string | null;
}

export interface Threshold {
  readonly comparator: Comparator;
  readonly value: number;
}

/** Whether a target is in force on a date (both ends inclusive; an open end is unbounded). */
export function inForceOn(target: TargetWindow, date: string): boolean {
  return (
    (target.inForceFrom === null || target.inForceFrom <= date) &&
    (target.inForceTo === null || date <= target.inForceTo)
  );
}

/**
 * The target that judges a period: the one in force on the period's last day, since a mandate's
 * milestones are due "by" the end of a month. When two overlap, the later-starting one wins: a
 * newer commitment replaces an older one.
 */
export function targetForPeriod<T extends TargetWindow>(targets: readonly T[], periodEnd: string): T | undefined {
  let chosen: T | undefined;
  for (const target of targets) {
    if (!inForceOn(target, periodEnd)) continue;
    if (!chosen || (target.inForceFrom ?? '') > (chosen.inForceFrom ?? '')) chosen = target;
  }
  return chosen;
}

/** MEETING or NOT_MEETING for a value; the comparator already encodes the metric's polarity. */
export function judge(threshold: Threshold, value: number | null | undefined): TargetState {
  if (value === null || value === undefined || Number.isNaN(value)) return 'NO_DATA';
  const meets = threshold.comparator === 'AT_LEAST' ? value >= threshold.value : value <= threshold.value;
  return meets ? 'MEETING' : 'NOT_MEETING';
}

/**
 * How far a value stands from the threshold, signed so that a positive number is on the good side
 * (meeting with room to spare) and a negative number is the shortfall.
 */
export function distanceToThreshold(threshold: Threshold, value: number): number {
  const raw = threshold.comparator === 'AT_LEAST' ? value - threshold.value : threshold.value - value;
  return roundTo(raw, 10);
}

function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Whom a target covers: named organisations and whole organisation types. */
export interface TargetScopeRule {
  readonly organisationId: number | null;
  readonly organisationType: string | null;
}

/** Whether a target applies to an organisation: named in one of its scopes, or of a type one covers. */
export function appliesTo(
  target: { readonly scopes: readonly TargetScopeRule[] },
  organisation: { readonly id: number; readonly type: string },
): boolean {
  return target.scopes.some(
    (scope) => scope.organisationId === organisation.id || scope.organisationType === organisation.type,
  );
}

/** What an admin sets on a target. Dates are ISO days (YYYY-MM-DD). */
export interface TargetDefinition {
  readonly comparator: Comparator;
  readonly value: number;
  readonly inForceFrom: string | null;
  readonly inForceTo: string | null;
  readonly dueBy: string | null;
}

export interface DefinitionProblem {
  field: string;
  code: 'NOT_FINITE' | 'OUT_OF_RANGE' | 'NEGATIVE_VALUE' | 'INVALID_SPAN';
  message: string;
}

/** Whether a target makes sense for a metric in this unit; every problem, not the first. */
export function definitionProblems(definition: TargetDefinition, unit: Unit): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const { value } = definition;
  if (!Number.isFinite(value))
    problems.push({
      field: 'value',
      code: 'NOT_FINITE',
      message: `A threshold must be a finite number, not ${value}.`,
    });
  else if (unit === 'PERCENT' && (value < 0 || value > 100))
    problems.push({
      field: 'value',
      code: 'OUT_OF_RANGE',
      message: `A percentage threshold is between 0 and 100, not ${value}.`,
    });
  else if (unit !== 'GBP' && value < 0)
    problems.push({
      field: 'value',
      code: 'NEGATIVE_VALUE',
      message: `A threshold in ${unit.toLowerCase()} cannot be negative (${value}).`,
    });
  if (
    definition.inForceFrom !== null &&
    definition.inForceTo !== null &&
    definition.inForceTo < definition.inForceFrom
  ) {
    problems.push({
      field: 'inForceTo',
      code: 'INVALID_SPAN',
      message: `A target cannot stop being in force (${definition.inForceTo}) before it starts (${definition.inForceFrom}).`,
    });
  }
  return problems;
}
