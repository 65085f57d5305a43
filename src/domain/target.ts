/**
 * Judging a value against a target. Pure: values in, values out.
 */
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
  return (target.inForceFrom === null || target.inForceFrom <= date) && (target.inForceTo === null || date <= target.inForceTo);
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
export function appliesTo(target: { readonly scopes: readonly TargetScopeRule[] }, organisation: { readonly id: number; readonly type: string }): boolean {
  return target.scopes.some((scope) => scope.organisationId === organisation.id || scope.organisationType === organisation.type);
}
