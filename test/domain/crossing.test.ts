import { describe, expect, it } from 'vitest';
import { advanceSeries, crossingBetween } from '../../src/domain/crossing.js';

const trajectory = [
  { id: 76, comparator: 'AT_LEAST' as const, value: 76, inForceFrom: '2023-06-15', inForceTo: '2024-03-31' },
  { id: 78, comparator: 'AT_LEAST' as const, value: 78, inForceFrom: '2024-04-01', inForceTo: null },
];
const point = (period: string, value: number) => ({ period, periodEnd: `${period}-28`, value });

describe('crossings', () => {
  it('fire on a change of state, counting a new series as meeting', () => {
    expect(crossingBetween(null, 'NOT_MEETING')).toBe('BREACHED');
    expect(crossingBetween(null, 'MEETING')).toBeNull();
    expect(crossingBetween('MEETING', 'NOT_MEETING')).toBe('BREACHED');
    expect(crossingBetween('NOT_MEETING', 'MEETING')).toBe('RECOVERED');
    expect(crossingBetween('NOT_MEETING', 'NOT_MEETING')).toBeNull();
    expect(crossingBetween('NO_DATA', 'MEETING')).toBeNull();
    expect(crossingBetween('MEETING', 'NO_DATA')).toBeNull();
  });

  it('are caused by the applicable step changing as well as by the values', () => {
    const steps = advanceSeries(null, trajectory, [point('2024-03', 77), point('2024-04', 77)]);
    expect(steps.map((s) => [s.point.period, s.target.id, s.direction])).toEqual([
      ['2024-03', 76, null],
      ['2024-04', 78, 'BREACHED'],
    ]);
  });

  it('walk a series month by month against the step in force', () => {
    const steps = advanceSeries(null, trajectory, [
      point('2024-04', 77),
      point('2024-02', 77),
      point('2024-03', 75),
      point('2024-05', 79),
    ]);
    expect(steps.map((s) => [s.point.period, s.target.id, s.state, s.direction])).toEqual([
      ['2024-02', 76, 'MEETING', null],
      ['2024-03', 76, 'NOT_MEETING', 'BREACHED'],
      // 77% met the 76% step in February but misses the 78% step in force from April.
      ['2024-04', 78, 'NOT_MEETING', null],
      ['2024-05', 78, 'MEETING', 'RECOVERED'],
    ]);
  });

  it('ignore a late value for an older period, but take a revision of the latest', () => {
    const stored = { period: '2024-05', periodEnd: '2024-05-28', state: 'MEETING' as const };
    expect(advanceSeries(stored, trajectory, [point('2024-04', 10)])).toEqual([]);
    const revision = advanceSeries(stored, trajectory, [point('2024-05', 70)]);
    expect(revision.map((s) => [s.previousState, s.state, s.direction])).toEqual([
      ['MEETING', 'NOT_MEETING', 'BREACHED'],
    ]);
  });

  it('judge nothing outside every target', () => {
    expect(advanceSeries(null, trajectory, [point('2022-01', 10)])).toEqual([]);
  });
});
