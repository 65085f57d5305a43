import { describe, expect, it } from 'vitest';
import { evaluateWatch, type WatchCondition, type WatchTiming } from '../../src/domain/watch.js';

const series = (...values: number[]) =>
  values.map((value, index) => ({
    period: `2024-${String(index + 1).padStart(2, '0')}`,
    value,
    target: { comparator: 'AT_LEAST' as const, value: 76 },
  }));
const below72: WatchCondition = { kind: 'THRESHOLD', comparator: 'BELOW', value: 72, clearingMargin: 0 };
const states = (values: number[], condition: WatchCondition, timing: Partial<WatchTiming> = {}) =>
  evaluateWatch(
    series(...values),
    condition,
    { forPeriods: 1, keepFiringForPeriods: 0, ...timing },
    'HIGHER_IS_BETTER',
  ).steps.map((step) => step.state);

describe("a watch's states, period by period", () => {
  it('fires at once without a pending count, and resolves when the condition stops holding', () => {
    expect(states([75, 71, 70, 73, 74], below72)).toEqual(['INACTIVE', 'FIRING', 'FIRING', 'RESOLVED', 'RESOLVED']);
  });

  it('is pending until the condition has held for forPeriods periods running ("below 72% for two months running")', () => {
    expect(states([75, 71, 73, 71, 70, 69], below72, { forPeriods: 2 })).toEqual([
      'INACTIVE',
      'PENDING',
      'INACTIVE',
      'PENDING',
      'FIRING',
      'FIRING',
    ]);
  });

  it('keeps firing for keepFiringForPeriods periods after the condition stops, and fires again from pending after resolving', () => {
    expect(states([71, 73, 74, 75, 71, 71], below72, { keepFiringForPeriods: 2, forPeriods: 2 })).toEqual([
      'PENDING',
      'INACTIVE',
      'INACTIVE',
      'INACTIVE',
      'PENDING',
      'FIRING',
    ]);
    expect(states([71, 73, 74, 75, 76], below72, { keepFiringForPeriods: 2 })).toEqual([
      'FIRING',
      'FIRING',
      'FIRING',
      'RESOLVED',
      'RESOLVED',
    ]);
    // A value that holds again meanwhile keeps it firing and starts the count afresh.
    expect(states([71, 73, 71, 73, 74, 75], below72, { keepFiringForPeriods: 2 })).toEqual([
      'FIRING',
      'FIRING',
      'FIRING',
      'FIRING',
      'FIRING',
      'RESOLVED',
    ]);
  });

  it('does not flap around the line: with a clearing margin it resolves only once the value is back past the threshold by the margin', () => {
    const withMargin: WatchCondition = { ...below72, clearingMargin: 1.5 };
    expect(states([71.9, 72.1, 71.8, 72.4, 73.6, 72], withMargin)).toEqual([
      'FIRING',
      'FIRING',
      'FIRING',
      'FIRING',
      'RESOLVED',
      'RESOLVED',
    ]);
    // Without one, the same values flap.
    expect(states([71.9, 72.1, 71.8, 72.4], below72)).toEqual(['FIRING', 'RESOLVED', 'FIRING', 'RESOLVED']);
  });

  it('judges the target in force, period by period, and says since when the state has stood', () => {
    const evaluation = evaluateWatch(
      series(77, 75, 74, 78),
      { kind: 'TARGET' },
      { forPeriods: 1, keepFiringForPeriods: 0 },
      'HIGHER_IS_BETTER',
    );
    expect(evaluation.steps.map((step) => step.holds)).toEqual([false, true, true, false]);
    expect(evaluation).toMatchObject({ state: 'RESOLVED', since: '2024-04' });
    const noTarget = series(70, 70).map((point) => ({ ...point, target: null }));
    expect(
      evaluateWatch(noTarget, { kind: 'TARGET' }, { forPeriods: 1, keepFiringForPeriods: 0 }, 'HIGHER_IS_BETTER'),
    ).toMatchObject({ state: 'INACTIVE', since: null });
  });

  it('fires on special-cause variation of concern only, by the rules asked for', () => {
    const values = [80, 81, 79, 80, 82, 80, 81, 79, 80, 81, 80, 60];
    const spc: WatchCondition = { kind: 'SPC', rules: null, options: {} };
    expect(states(values, spc).at(-1)).toBe('FIRING');
    // Where lower is better the fall is an improvement, and the run of eleven months above the mean before it the concern.
    const lowerIsBetter = evaluateWatch(
      series(...values),
      spc,
      { forPeriods: 1, keepFiringForPeriods: 0 },
      'LOWER_IS_BETTER',
    );
    expect(lowerIsBetter.steps.map((step) => step.holds)).toEqual([...Array(11).fill(true), false]);
    expect(lowerIsBetter.state).toBe('RESOLVED');
    // Asking for shifts only, a single point outside the limits is not one.
    expect(states(values, { kind: 'SPC', rules: ['SHIFT'], options: {} }).at(-1)).toBe('INACTIVE');
    // A series too short for limits never fires.
    expect(states([80], spc)).toEqual(['INACTIVE']);
  });

  it('replays revisions as if they had always been there', () => {
    const first = evaluateWatch(
      series(75, 71, 70),
      below72,
      { forPeriods: 1, keepFiringForPeriods: 0 },
      'HIGHER_IS_BETTER',
    );
    const revised = evaluateWatch(
      series(75, 71, 73),
      below72,
      { forPeriods: 1, keepFiringForPeriods: 0 },
      'HIGHER_IS_BETTER',
    );
    expect([first.state, revised.state]).toEqual(['FIRING', 'RESOLVED']);
    expect(revised.since).toBe('2024-03');
  });
});
