import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assuranceOf,
  processLimits,
  runs,
  shiftEnds,
  spcChart,
  trendEnds,
  twoOfThreeFlags,
  type PointVariation,
} from '../../src/domain/spc.js';
import { MIRROR } from '../support/mirror.js';

/**
 * The XmR chart against the NHS-R community's own expectations: NHSRplotthedots' integration
 * tests (their snapshots of ptd_spc on NHSRdatasets' ae_attendances, the file the mirror keeps as
 * ae-attendances-2016-19), its unit tests of each rule, and nhspy-plotthedots' limit tests.
 */

/** England's A&E month by month, April 2016 to March 2019, as NHSRplotthedots' tests sum ae_attendances. */
const aeAll = (() => {
  const [, ...rows] = readFileSync(path.join(MIRROR, 'ae-attendances-2016-19', 'ae_attendances.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  const months = new Map<string, { attendances: number; breaches: number }>();
  for (const row of rows) {
    const [period, , , attendances, breaches] = row.split(',');
    const month = months.get(period!) ?? { attendances: 0, breaches: 0 };
    month.attendances += Number(attendances);
    month.breaches += Number(breaches);
    months.set(period!, month);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, month]) => ({
      period: period.slice(0, 7),
      ...month,
      performance: 1 - month.breaches / month.attendances,
    }));
})();

const NHSR: Record<string, PointVariation> = {
  common_cause: 'COMMON_CAUSE',
  special_cause_improvement: 'SPECIAL_CAUSE_IMPROVING',
  special_cause_concern: 'SPECIAL_CAUSE_CONCERNING',
};
const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

describe('the XmR chart, as NHSRplotthedots draws it', () => {
  it('reproduces its integration test of all attendances: mean, limits and every point common cause', () => {
    // The package's snapshot of the series itself, so that the input is known to be the same.
    expect(aeAll.map((month) => month.attendances)).toEqual([
      1867781, 2070340, 1958802, 2079034, 1932901, 1952464, 2001816, 1907871, 1944567, 1895272, 1735619, 2015834,
      1949762, 2066789, 1994056, 2073944, 1924663, 1925961, 2044137, 1976971, 2003954, 2000086, 1820012, 2049785,
      1984369, 2164458, 2093942, 2179896, 1997854, 2005695, 2079492, 2037847, 2047518, 2113413, 1954947, 2167550,
    ]);
    const chart = spcChart(
      aeAll.map(({ period, attendances }) => ({ period, value: attendances })),
      'HIGHER_IS_BETTER',
    );
    expect(chart.points[0]!.mean).toBeCloseTo(2000538.9444444445, 6);
    expect(chart.points[0]!.lowerProcessLimit).toBeCloseTo(1731844.3644444444, 6);
    expect(chart.points[0]!.upperProcessLimit).toBeCloseTo(2269233.5244444446, 6);
    expect(chart.points.map((point) => point.variation)).toEqual(repeat('COMMON_CAUSE', 36));
    expect(chart.variation).toBe('COMMON_CAUSE');
    expect(chart.trialLimits).toBe(false);
  });

  it('reproduces its integration test with a rebase in April 2017: each segment its own mean and limits', () => {
    const chart = spcChart(
      aeAll.map(({ period, attendances }) => ({ period, value: attendances })),
      'HIGHER_IS_BETTER',
      { rebaseAt: ['2017-04'] },
    );
    const [before, after] = [chart.points[0]!, chart.points[12]!];
    expect([before.segment, after.segment, chart.points[11]!.segment]).toEqual([0, 1, 0]);
    expect(before.mean).toBeCloseTo(1946858.4166666667, 6);
    expect(before.lowerProcessLimit).toBeCloseTo(1639947.374848485, 6);
    expect(before.upperProcessLimit).toBeCloseTo(2253769.4584848485, 6);
    expect(after.mean).toBeCloseTo(2027379.2083333333, 6);
    expect(after.lowerProcessLimit).toBeCloseTo(1772921.0639855072, 6);
    expect(after.upperProcessLimit).toBeCloseTo(2281837.3526811595, 6);
    expect(chart.points.every((point) => point.variation === 'COMMON_CAUSE')).toBe(true);
  });

  it("reproduces its integration test of performance fixed after 12 points: limits, and every point's variation", () => {
    const chart = spcChart(
      aeAll.map(({ period, performance }) => ({ period, value: performance })),
      'HIGHER_IS_BETTER',
      { fixAfterPoints: 12 },
    );
    expect(aeAll[0]!.performance).toBeCloseTo(0.9003512724457525, 14);
    expect(chart.points[0]!.mean).toBeCloseTo(0.8908915564349236, 12);
    expect(chart.points[0]!.lowerProcessLimit).toBeCloseTo(0.8614049789074258, 12);
    expect(chart.points[0]!.upperProcessLimit).toBeCloseTo(0.9203781339624213, 12);
    expect(chart.points.filter((point) => point.baseline)).toHaveLength(12);
    const expected = [
      ...repeat('common_cause', 9),
      'special_cause_concern',
      'common_cause',
      ...repeat('special_cause_improvement', 8),
      'common_cause',
      ...repeat('special_cause_concern', 4),
      ...repeat('common_cause', 5),
      ...repeat('special_cause_concern', 7),
    ].map((type) => NHSR[type]);
    expect(chart.points.map((point) => point.variation)).toEqual(expected);
    expect(chart.points.map((point) => point.relativeToMean)).toEqual([
      1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, 1, 1, 1, 1, -1, -1, -1, -1,
      -1, -1, -1,
    ]);
    const outside = chart.points.flatMap((point, index) => (point.rules.includes('OUTSIDE_LIMITS') ? [index + 1] : []));
    expect(outside).toEqual([10, 21, 22, 23, 24, 34, 35]);
    // Points 12 to 19 lie above the mean (a shift of 8); 30 to 36 below it (a shift of 7).
    expect(chart.points.flatMap((point, index) => (point.rules.includes('SHIFT') ? [index + 1] : []))).toEqual([
      12, 13, 14, 15, 16, 17, 18, 19, 30, 31, 32, 33, 34, 35, 36,
    ]);
    expect(chart.variation).toBe('SPECIAL_CAUSE_CONCERNING');
  });

  it('screens large moving ranges out before setting the limits, which narrows them', () => {
    // set.seed(123); rnorm(20), the package's unit-test series: its snapshot gives mean 0.142, limits -3.01 and 3.29.
    const rnorm = [
      -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285,
      -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716,
      0.7013559, -0.47279141,
    ];
    const plain = processLimits(rnorm);
    expect(
      [plain.mean, plain.lowerProcessLimit, plain.upperProcessLimit].map((value) => Number(value.toPrecision(3))),
    ).toEqual([0.142, -3.01, 3.29]);
    const spiked = rnorm.map((value, index) => (index === 14 ? 10 : value));
    const screened = processLimits(spiked);
    const unscreened = processLimits(spiked, false);
    expect(screened.lowerProcessLimit).not.toBe(plain.lowerProcessLimit);
    expect(unscreened.upperProcessLimit - unscreened.lowerProcessLimit).toBeGreaterThan(
      screened.upperProcessLimit - screened.lowerProcessLimit,
    );
  });

  it("gives the limits nhspy-plotthedots' tests give, to the last digit shown", () => {
    const cases: [number[], number[]][] = [
      [
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        [5.5, 2.84, 8.16, 3.7266666666666666, 7.273333333333333],
      ],
      [
        [1, 2, 3, 4, 5, 4, 3, 2, 1, 2],
        [2.7, 0.040000000000000036, 5.36, 0.9266666666666667, 4.473333333333334],
      ],
      [
        [3, 1, 4, 1, 5, 9, 2],
        [3.5714285714285716, -6.625238095238096, 13.768095238095238, -3.2263492063492065, 10.36920634920635],
      ],
      [
        [1, 2, 3, 2, 1, 2, 3, 4, 5, 6, 7, 4, 3, 2, 1, 2],
        [3.0, -0.014666666666666828, 6.014666666666667, 0.9902222222222221, 5.009777777777778],
      ],
      [
        [-1, -2, -3, -2, -1, -2, -3, -4, -5, -6, -7, -4, -3, -2, -1, -2],
        [-3.0, -6.014666666666667, 0.014666666666666828, -5.009777777777778, -0.9902222222222221],
      ],
    ];
    for (const [values, expected] of cases) {
      const limits = processLimits(values);
      [
        limits.mean,
        limits.lowerProcessLimit,
        limits.upperProcessLimit,
        limits.lowerNearLimit,
        limits.upperNearLimit,
      ].forEach((value, index) => expect(value, `${values} #${index}`).toBeCloseTo(expected[index]!, 12));
    }
  });
});

describe("the special-cause rules, point by point, as NHSRplotthedots' unit tests state them", () => {
  it('finds a shift where seven points in a row lie on one side of the mean; a point on the mean breaks it', () => {
    const ones = (...values: number[]) => shiftEnds(values as (-1 | 0 | 1)[]).map(Math.abs);
    expect(ones()).toEqual([]);
    expect(ones(1, 1, 1, 1, 1, 1)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(ones(1, 1, 1, 1, 1, 1, -1)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(ones(1, 1, 1, 1, 1, 1, 1, 1, -1)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(ones(-1, -1, -1, -1, -1, -1, -1, -1, 1)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(ones(-1, 1, 1, 1, 1, 1, 1, 1, 1, -1)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(ones(1, 1, 1, 0, 1, 1, 1, 1)).toEqual(repeat(0, 8));
    // Every point of the run is part of it, not only the one that completes it.
    expect(runs(shiftEnds([-1, 1, 1, 1, 1, 1, 1, 1, 1, -1]), 7)).toEqual([false, ...repeat(true, 8), false]);
  });

  it('finds a trend where seven points each rise (or fall) from the one before; a repeated value breaks it', () => {
    expect(trendEnds([])).toEqual([]);
    expect(trendEnds([1, 2, 3, 4, 5, 6])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(trendEnds([1, 2, 3, 3, 4, 5, 6])).toEqual(repeat(0, 7));
    expect(trendEnds([1, 2, 3, 4, 5, 6, 7])).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(trendEnds([2, 1, 2, 3, 4, 5, 6, 7, 3])).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(trendEnds([7, 6, 5, 4, 3, 2, 1])).toEqual([0, 0, 0, 0, 0, 0, -1]);
    expect(trendEnds([2, 7, 6, 5, 4, 3, 2, 1, 3])).toEqual([0, 0, 0, 0, 0, 0, 0, -1, 0]);
    // A falling trend is a signal as much as a rising one.
    expect(runs(trendEnds([2, 7, 6, 5, 4, 3, 2, 1, 3]), 7)).toEqual([false, ...repeat(true, 7), false]);
  });

  it('flags two of three points beyond the near limits only where the three lie on one side of the mean, and only the close points', () => {
    const above = (close: number[]) => twoOfThreeFlags(close.map(Boolean), repeat(1, close.length)).map(Number);
    expect(above([])).toEqual([]);
    expect(above([0, 0, 0])).toEqual([0, 0, 0]);
    expect(above([1, 0, 1])).toEqual([1, 0, 1]);
    expect(above([0, 1, 1])).toEqual([0, 1, 1]);
    expect(above([1, 1, 0])).toEqual([1, 1, 0]);
    expect(above([0, 0, 1, 0, 1, 0, 0])).toEqual([0, 0, 1, 0, 1, 0, 0]);
    expect(above([0, 0, 1, 1, 0, 0, 0])).toEqual([0, 0, 1, 1, 0, 0, 0]);
    expect(above([1, 0, 0, 1])).toEqual([0, 0, 0, 0]);
    expect(above([1, 0, 0, 1, 1])).toEqual([0, 0, 0, 1, 1]);
    // The package's test: symmetrical data with two successive points close to opposite limits is common cause.
    const data = [...repeat([1, -1], 7).flat(), 5.5, -5.5];
    const chart = spcChart(
      data.map((value, index) => ({ period: `2020-${String(index + 1).padStart(2, '0')}`, value })),
      'HIGHER_IS_BETTER',
    );
    expect(chart.points.slice(-2).map((point) => point.variation)).toEqual(['COMMON_CAUSE', 'COMMON_CAUSE']);
  });

  it("names the variation by the metric's polarity: improving, concerning, or high and low where neither direction is better", () => {
    const series = [5, 5.2, 4.9, 5.1, 5, 4.8, 5.2, 5, 5.1, 4.9, 5, 5.1, 9].map((value, index) => ({
      period: `2024-${String(index + 1).padStart(2, '0')}`,
      value,
    }));
    expect(spcChart(series, 'HIGHER_IS_BETTER').variation).toBe('SPECIAL_CAUSE_IMPROVING');
    expect(spcChart(series, 'LOWER_IS_BETTER').variation).toBe('SPECIAL_CAUSE_CONCERNING');
    expect(spcChart(series, 'NEUTRAL').variation).toBe('SPECIAL_CAUSE_NEUTRAL_HIGH');
    expect(spcChart(series, 'HIGHER_IS_BETTER').points.at(-1)!.rules).toEqual(['OUTSIDE_LIMITS']);
    // Configurable run lengths: a shift of 5 where the watch asks for 5.
    const lifted = [1, 2, 1, 2, 1, 2, 3, 3, 3, 3, 3].map((value, index) => ({
      period: `2024-${String(index + 1).padStart(2, '0')}`,
      value,
    }));
    expect(spcChart(lifted, 'HIGHER_IS_BETTER', { shiftPoints: 5 }).points.at(-1)!.rules).toContain('SHIFT');
    expect(spcChart(lifted, 'HIGHER_IS_BETTER').points.at(-1)!.rules).not.toContain('SHIFT');
  });

  it('a flat series has its limits on its mean and no signal; too few points give no chart', () => {
    const flat = spcChart(
      repeat(0, 8).map((_zero, index) => ({ period: `2024-${index + 1}`, value: 3 })),
      'HIGHER_IS_BETTER',
    );
    expect(
      flat.points.every(
        (point) => point.lowerProcessLimit === 3 && point.upperProcessLimit === 3 && point.variation === 'COMMON_CAUSE',
      ),
    ).toBe(true);
    expect(spcChart([{ period: '2024-01', value: 1 }], 'HIGHER_IS_BETTER')).toEqual({
      points: [],
      variation: null,
      assurance: null,
      trialLimits: true,
    });
  });
});

describe('assurance against the target', () => {
  it('is consistently passing, consistently failing or hit and miss by where the target lies against the limits, by polarity', () => {
    const limits = { lowerProcessLimit: 70, upperProcessLimit: 80 };
    expect(assuranceOf(85, limits, 'HIGHER_IS_BETTER')).toBe('CONSISTENTLY_FAILING');
    expect(assuranceOf(65, limits, 'HIGHER_IS_BETTER')).toBe('CONSISTENTLY_PASSING');
    expect(assuranceOf(75, limits, 'HIGHER_IS_BETTER')).toBe('HIT_AND_MISS');
    expect(assuranceOf(85, limits, 'LOWER_IS_BETTER')).toBe('CONSISTENTLY_PASSING');
    expect(assuranceOf(65, limits, 'LOWER_IS_BETTER')).toBe('CONSISTENTLY_FAILING');
    expect(assuranceOf(80, limits, 'LOWER_IS_BETTER')).toBe('HIT_AND_MISS');
    expect(assuranceOf(85, limits, 'NEUTRAL')).toBeNull();
    // On a chart: the latest segment's limits judge the target.
    const chart = spcChart(
      aeAll.map(({ period, performance }) => ({ period, value: 100 * performance })),
      'HIGHER_IS_BETTER',
      {},
      { value: 95 },
    );
    expect(chart.assurance).toBe('CONSISTENTLY_FAILING');
  });
});
