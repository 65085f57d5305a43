import { describe, expect, it } from 'vitest';
import { replacedBy, scheduleTrajectory } from '../../src/domain/trajectory.js';

describe('scheduling a trajectory', () => {
  it('starts the first step with the mandate and each later one the day after the previous is due', () => {
    const steps = [
      { metricCode: 'AE_4HR', dueBy: '2024-03-31' },
      { metricCode: 'AE_4HR', dueBy: '2025-03-31' },
      { metricCode: 'AMB_CAT2_MEAN', dueBy: '2024-03-31' },
    ];
    const schedule = scheduleTrajectory('2023-06-15', steps);
    expect(schedule.map(({ position, inForceFrom, inForceTo }) => ({ position, inForceFrom, inForceTo }))).toEqual([
      { position: 1, inForceFrom: '2023-06-15', inForceTo: '2024-03-31' },
      { position: 2, inForceFrom: '2024-04-01', inForceTo: null },
      { position: 1, inForceFrom: '2023-06-15', inForceTo: null },
    ]);
  });

  it('refuses a step that is followed by another but has no due date', () => {
    expect(() =>
      scheduleTrajectory('2023-06-15', [
        { metricCode: 'X', dueBy: null },
        { metricCode: 'X', dueBy: '2025-03-31' },
      ]),
    ).toThrow(/needs a due date/);
  });

  it('ends an open target the day before a later mandate on the same metric comes into force', () => {
    const mandates = [
      { mandateInForceFrom: '2017-04-01', metricCodes: new Set(['AE_4HR', 'DTOC_RATE']) },
      { mandateInForceFrom: '2023-06-15', metricCodes: new Set(['AE_4HR']) },
    ];
    expect(replacedBy('AE_4HR', '2017-04-01', mandates)).toBe('2023-06-14');
    expect(replacedBy('DTOC_RATE', '2017-04-01', mandates)).toBeNull();
    expect(replacedBy('AE_4HR', '2023-06-15', mandates)).toBeNull();
  });
});
