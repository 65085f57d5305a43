import { describe, expect, it } from 'vitest';
import {
  crossingTopics,
  matchesCrossing,
  parseLogCursor,
  selectionTopics,
  type CrossingRoute,
  type CrossingSelection,
} from '../../src/domain/crossing-filter.js';

const route: CrossingRoute = {
  sequence: 7n,
  odsCode: 'QWE',
  organisationType: 'ICB',
  regionOdsCode: 'Y56',
  ambulanceService: false,
  metricCode: 'AE_4HR',
  milestoneId: 3,
  direction: 'BREACHED',
};

describe('matchesCrossing', () => {
  it('lets through what every given list contains, and ignores lists not given', () => {
    expect(matchesCrossing({}, route)).toBe(true);
    expect(matchesCrossing({ odsCodes: ['QWE'], directions: ['BREACHED'], milestoneIds: [3] }, route)).toBe(true);
    expect(matchesCrossing({ odsCodes: ['QWE'], directions: ['RECOVERED'] }, route)).toBe(false);
    expect(matchesCrossing({ metricCodes: ['AE_12HR'] }, route)).toBe(false);
  });

  it('lets through ambulance services only, or all but them, when asked', () => {
    const service = { ...route, odsCode: 'RRU', organisationType: 'TRUST', ambulanceService: true };
    expect(matchesCrossing({ ambulanceServices: true }, service)).toBe(true);
    expect(matchesCrossing({ ambulanceServices: true }, route)).toBe(false);
    expect(matchesCrossing({ ambulanceServices: false }, service)).toBe(false);
    expect(matchesCrossing({ ambulanceServices: null }, service)).toBe(true);
  });

  it('never matches a region or milestone list against a crossing that has none', () => {
    expect(matchesCrossing({ regionOdsCodes: ['Y56'] }, { ...route, regionOdsCode: null })).toBe(false);
    expect(matchesCrossing({ milestoneIds: [3] }, { ...route, milestoneId: null })).toBe(false);
  });
});

describe('topics', () => {
  const selections: CrossingSelection[] = [
    {},
    { odsCodes: ['QWE', 'QKK'] },
    { regionOdsCodes: ['Y56'], metricCodes: ['AE_4HR'] },
    { metricCodes: ['AE_4HR'], organisationTypes: ['TRUST'] },
    { organisationTypes: ['ICB'], directions: ['RECOVERED'] },
  ];

  it("puts every crossing a selection matches on one of the selection's topics", () => {
    for (const selection of selections) {
      if (!matchesCrossing(selection, route)) continue;
      expect(
        selectionTopics(selection).some((topic) => crossingTopics(route).includes(topic)),
        JSON.stringify(selection),
      ).toBe(true);
    }
  });

  it('listens on the narrowest list only', () => {
    expect(selectionTopics({ odsCodes: ['QWE'], regionOdsCodes: ['Y56'], organisationTypes: ['ICB'] })).toEqual([
      'organisation:QWE',
    ]);
    expect(selectionTopics({ metricCodes: ['AE_4HR'], organisationTypes: ['ICB'] })).toEqual(['metric:AE_4HR']);
    expect(selectionTopics({ directions: ['BREACHED'] })).toEqual(['all']);
  });

  it("keeps other organisations' crossings off a narrow subscriber's topics", () => {
    expect(selectionTopics({ odsCodes: ['QKK'] }).some((topic) => crossingTopics(route).includes(topic))).toBe(false);
  });
});

describe('parseLogCursor', () => {
  it('takes the digits of a sequence and nothing else', () => {
    expect(parseLogCursor('42')).toBe(42n);
    for (const bad of ['', '-1', '1.5', 'abc', '1e3', ' 1', '9'.repeat(19)])
      expect(parseLogCursor(bad), bad).toBeUndefined();
  });
});
