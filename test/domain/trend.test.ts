import { describe, expect, it } from 'vitest';
import { proportionTrend, weightedTrend, type TrendPoint } from '../../src/domain/trend.js';

/**
 * The recent trend against Fingertips' own trend-marker tests (github.com/ukhsa-collaboration/
 * fingertips-open at 6780897, PholioVisualisationWS/AnalysisTest/TrendMarkerCalculatorTest.cs),
 * each data set copied as published: χ² 46.77 by the weighted regression and 47.9 by the
 * chi-squared test for trend on set 1; no significant trend on set 2; a proportion of 5 in 5
 * cannot be calculated.
 */
const SET_1: TrendPoint[] = [
  { period: '2018', count: 1367, denominator: 44701, value: 30.6, lower95: 28.98, upper95: 32.25 },
  { period: '2017', count: 1332, denominator: 44064, value: 30.2, lower95: 28.63, upper95: 31.9 },
  { period: '2016', count: 1199, denominator: 42811, value: 28, lower95: 26.44, upper95: 29.64 },
  { period: '2015', count: 1023, denominator: 41527, value: 24.6, lower95: 23.15, upper95: 26.19 },
  { period: '2014', count: 994, denominator: 40299, value: 24.67, lower95: 23.16, upper95: 26.25 },
];
const SET_2: TrendPoint[] = [
  { period: '2014', count: 209, denominator: 1017, value: 20.5506, lower95: 18.1803, upper95: 23.1427 },
  { period: '2015', count: 213, denominator: 1087, value: 19.5952, lower95: 17.3444, upper95: 22.0602 },
  { period: '2016', count: 213, denominator: 1119, value: 19.0349, lower95: 16.8421, upper95: 21.4394 },
  { period: '2017', count: 239, denominator: 1117, value: 21.3966, lower95: 19.0918, upper95: 23.8975 },
  { period: '2018', count: 210, denominator: 1139, value: 18.4372, lower95: 16.2925, upper95: 20.7941 },
];
const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

describe('the recent trend', () => {
  it('by the weighted regression: significant on set 1 (χ² 46.77), rising, named by polarity', () => {
    const trend = weightedTrend(SET_1, 'LOWER_IS_BETTER');
    expect(round2(trend.chiSquared)).toBe(46.77);
    expect(trend.marker).toBe('INCREASING_AND_GETTING_WORSE');
    expect(trend.method).toBe('WEIGHTED_REGRESSION');
    expect(trend.periods).toEqual(['2014', '2015', '2016', '2017', '2018']);
    expect(weightedTrend(SET_1, 'HIGHER_IS_BETTER').marker).toBe('INCREASING_AND_GETTING_BETTER');
    expect(weightedTrend(SET_1, 'NEUTRAL').marker).toBe('INCREASING');
  });

  it('by the chi-squared test for trend on proportions: significant on set 1 (χ² 47.9)', () => {
    const trend = proportionTrend(SET_1, 'HIGHER_IS_BETTER');
    expect(round2(trend.chiSquared)).toBe(47.9);
    expect(trend.marker).toBe('INCREASING_AND_GETTING_BETTER');
    expect(
      proportionTrend(
        [...SET_1].reverse().map((point, index) => ({ ...point, period: SET_1[index]!.period })),
        'HIGHER_IS_BETTER',
      ).marker,
    ).toBe('DECREASING_AND_GETTING_WORSE');
  });

  it('finds no significant change on set 2', () => {
    expect(weightedTrend(SET_2, 'LOWER_IS_BETTER').marker).toBe('NO_SIGNIFICANT_CHANGE');
  });

  it('cannot be calculated where every case met the condition, or with fewer than five periods', () => {
    const allOf = proportionTrend(
      [
        { period: '2012', count: 5, denominator: 5, value: 100 },
        { period: '2013', count: 3, denominator: 5, value: 60 },
        { period: '2014', count: 1, denominator: 5, value: 20 },
        { period: '2015', count: 1, denominator: 4, value: 25 },
        { period: '2016', count: 2, denominator: 4, value: 50 },
      ],
      'HIGHER_IS_BETTER',
    );
    expect(allOf).toMatchObject({ marker: 'CANNOT_BE_CALCULATED', chiSquared: null });
    expect(allOf.reason).toMatch(/every case or none/);
    expect(weightedTrend(SET_1.slice(0, 4), 'NEUTRAL').marker).toBe('CANNOT_BE_CALCULATED');
    // A gap ends the run: the latest five must be unbroken.
    expect(
      weightedTrend([...SET_1.slice(0, 2), { period: '2016', value: null }, ...SET_1.slice(3)], 'NEUTRAL').marker,
    ).toBe('CANNOT_BE_CALCULATED');
  });

  it('takes only the latest five points', () => {
    const older: TrendPoint = {
      period: '2013',
      count: 50_000,
      denominator: 60_000,
      value: 83,
      lower95: 82,
      upper95: 84,
    };
    expect(round2(proportionTrend([older, ...SET_1], 'HIGHER_IS_BETTER').chiSquared)).toBe(47.9);
  });

  it('is no significant change when leaving out one point flips the slope', () => {
    // A flat series with one spike at the end: significant on its face, not once the spike is left out.
    const spike: TrendPoint[] = ['2014', '2015', '2016', '2017', '2018'].map((period, index) => ({
      period,
      value: index === 4 ? 40 : 20 - index * 0.01,
      lower95: index === 4 ? 39.5 : 19.5 - index * 0.01,
      upper95: index === 4 ? 40.5 : 20.5 - index * 0.01,
    }));
    const trend = weightedTrend(spike, 'NEUTRAL');
    expect(trend.chiSquared!).toBeGreaterThan(9.5495);
    expect(trend.marker).toBe('NO_SIGNIFICANT_CHANGE');
  });
});
