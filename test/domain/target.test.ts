import { describe, expect, it } from 'vitest';
import {
  appliesTo,
  definitionProblems,
  distanceToThreshold,
  inForceOn,
  judge,
  targetForPeriod,
} from '../../src/domain/target.js';

const fourHour2017 = { id: '95%', inForceFrom: '2017-04-01', inForceTo: '2023-06-14' };
const fourHour76 = { id: '76%', inForceFrom: '2023-06-15', inForceTo: '2024-03-31' };
const fourHour78 = { id: '78%', inForceFrom: '2024-04-01', inForceTo: null };
const trajectory = [fourHour2017, fourHour76, fourHour78];

describe('which target judges a period', () => {
  it("is the one in force on the period's last day", () => {
    expect(targetForPeriod(trajectory, '2018-12-31')?.id).toBe('95%');
    expect(targetForPeriod(trajectory, '2023-05-31')?.id).toBe('95%');
    expect(targetForPeriod(trajectory, '2023-06-30')?.id).toBe('76%');
    expect(targetForPeriod(trajectory, '2024-03-31')?.id).toBe('76%');
    expect(targetForPeriod(trajectory, '2024-04-30')?.id).toBe('78%');
    expect(targetForPeriod(trajectory, '2030-01-31')?.id).toBe('78%');
  });

  it('is none before any target is in force', () => {
    expect(targetForPeriod(trajectory, '2016-05-31')).toBeUndefined();
    expect(targetForPeriod([], '2025-01-31')).toBeUndefined();
  });

  it('prefers the later-starting target where two overlap', () => {
    const older = { id: 'old', inForceFrom: '2020-01-01', inForceTo: null };
    const newer = { id: 'new', inForceFrom: '2023-06-15', inForceTo: null };
    expect(targetForPeriod([newer, older], '2024-01-31')?.id).toBe('new');
    expect(targetForPeriod([older, newer], '2022-01-31')?.id).toBe('old');
  });

  it('treats open ends as unbounded and both ends as inclusive', () => {
    expect(inForceOn({ inForceFrom: null, inForceTo: null }, '1900-01-01')).toBe(true);
    expect(inForceOn(fourHour76, '2023-06-15')).toBe(true);
    expect(inForceOn(fourHour76, '2024-03-31')).toBe(true);
    expect(inForceOn(fourHour76, '2024-04-01')).toBe(false);
  });
});

describe('judging a value', () => {
  it('meets an AT_LEAST threshold at or above it', () => {
    expect(judge({ comparator: 'AT_LEAST', value: 76 }, 76)).toBe('MEETING');
    expect(judge({ comparator: 'AT_LEAST', value: 76 }, 75.99)).toBe('NOT_MEETING');
  });

  it('meets an AT_MOST threshold at or below it', () => {
    expect(judge({ comparator: 'AT_MOST', value: 30 }, 30)).toBe('MEETING');
    expect(judge({ comparator: 'AT_MOST', value: 30 }, 30.5)).toBe('NOT_MEETING');
  });

  it('has no data without a value', () => {
    expect(judge({ comparator: 'AT_LEAST', value: 76 }, null)).toBe('NO_DATA');
    expect(judge({ comparator: 'AT_LEAST', value: 76 }, undefined)).toBe('NO_DATA');
    expect(judge({ comparator: 'AT_LEAST', value: 76 }, Number.NaN)).toBe('NO_DATA');
  });

  it('measures the distance as positive on the good side', () => {
    expect(distanceToThreshold({ comparator: 'AT_LEAST', value: 76 }, 78.5)).toBe(2.5);
    expect(distanceToThreshold({ comparator: 'AT_LEAST', value: 76 }, 70.1)).toBe(-5.9);
    expect(distanceToThreshold({ comparator: 'AT_MOST', value: 30 }, 35.25)).toBe(-5.25);
    expect(distanceToThreshold({ comparator: 'AT_MOST', value: 3.5 }, 3.1)).toBe(0.4);
  });
});

describe('appliesTo', () => {
  const organisation = { id: 7, type: 'ICB' };
  it('covers organisations named in a scope and organisations of a type a scope covers', () => {
    expect(appliesTo({ scopes: [{ organisationId: 7, organisationType: null }] }, organisation)).toBe(true);
    expect(appliesTo({ scopes: [{ organisationId: null, organisationType: 'ICB' }] }, organisation)).toBe(true);
    expect(
      appliesTo(
        {
          scopes: [
            { organisationId: 8, organisationType: null },
            { organisationId: null, organisationType: 'TRUST' },
          ],
        },
        organisation,
      ),
    ).toBe(false);
    expect(appliesTo({ scopes: [] }, organisation)).toBe(false);
  });
});

describe('a target as an admin defines it', () => {
  const base = { comparator: 'AT_LEAST' as const, value: 78, inForceFrom: '2024-04-01', inForceTo: null, dueBy: null };

  it('accepts a sensible threshold', () => {
    expect(definitionProblems(base, 'PERCENT')).toEqual([]);
    expect(definitionProblems({ ...base, value: -250_000 }, 'GBP')).toEqual([]);
  });

  it('names every problem: a percentage out of range, a negative count, a span that ends before it starts, a non-finite value', () => {
    expect(
      definitionProblems({ ...base, value: 101, inForceTo: '2024-03-31' }, 'PERCENT').map(
        ({ field, code }) => `${field}:${code}`,
      ),
    ).toEqual(['value:OUT_OF_RANGE', 'inForceTo:INVALID_SPAN']);
    expect(definitionProblems({ ...base, value: -1 }, 'MINUTES')[0]?.code).toBe('NEGATIVE_VALUE');
    expect(definitionProblems({ ...base, value: Number.NaN }, 'COUNT')[0]?.code).toBe('NOT_FINITE');
    expect(definitionProblems({ ...base, value: Number.POSITIVE_INFINITY }, 'GBP')[0]?.code).toBe('NOT_FINITE');
  });
});
