import { judge, targetForPeriod, type TargetState, type TargetWindow, type Threshold } from './target.js';

export type CrossingDirection = 'BREACHED' | 'RECOVERED';

/**
 * The crossing a change of state makes, if any. As in alerting systems, a series counts as meeting
 * until its data says otherwise: a first judged period that misses fires BREACHED, one that meets
 * fires nothing. NO_DATA never fires.
 */
export function crossingBetween(previous: TargetState | null, next: TargetState): CrossingDirection | null {
  if (next === 'NO_DATA') return null;
  const before: TargetState = previous === 'NOT_MEETING' ? 'NOT_MEETING' : 'MEETING';
  if (before === next) return null;
  return next === 'NOT_MEETING' ? 'BREACHED' : 'RECOVERED';
}

export interface SeriesPoint {
  period: string;
  periodEnd: string;
  value: number;
}

export interface SeriesState {
  period: string;
  periodEnd: string;
  state: TargetState;
}

export interface SeriesStep<T> {
  point: SeriesPoint;
  target: T;
  state: TargetState;
  previousState: TargetState | null;
  direction: CrossingDirection | null;
}

/**
 * Walks a series (one organisation against one milestone's trajectory) through newly written
 * periods in order, each judged by the step of the trajectory in force at the period's end. A
 * period before the latest one already judged changes nothing live (a late value for an old
 * month); the latest period again (a revision) or a later one moves the series on. Returns every
 * step taken, with the crossing it made, if any.
 */
export function advanceSeries<T extends TargetWindow & Threshold>(
  stored: SeriesState | null,
  trajectory: readonly T[],
  points: readonly SeriesPoint[],
): SeriesStep<T>[] {
  const steps: SeriesStep<T>[] = [];
  let current = stored;
  for (const point of [...points].sort((a, b) =>
    a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0,
  )) {
    if (current && point.periodEnd < current.periodEnd) continue;
    const target = targetForPeriod(trajectory, point.periodEnd);
    if (!target) continue;
    const state = judge(target, point.value);
    const previousState = current?.state ?? null;
    steps.push({ point, target, state, previousState, direction: crossingBetween(previousState, state) });
    current = { period: point.period, periodEnd: point.periodEnd, state };
  }
  return steps;
}
