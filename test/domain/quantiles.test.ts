import { describe, expect, it } from 'vitest';
import { quantilesOf } from '../../src/domain/quantiles.js';

/**
 * Quantiles against PHEindicatormethods' published test data (github.com/ukhsa-collaboration/
 * PHEindicatormethods at 093fd28, tests/testthat/testdata_Quantiles.xlsx, sheet
 * testdata_Quantiles, group set IndSexReg: deciles within a region, column QuantileInGrp), two
 * groups copied as published: one "low is good", one "high is good" with an area without a value.
 */
const UNDER_75_CANCER_NORTH_EAST: [string, number, number][] = [
  ['E06000057', 118.7460481, 10],
  ['E08000023', 131.2778276, 9],
  ['E08000024', 137.109864, 8],
  ['E06000005', 137.7256526, 7],
  ['E08000022', 138.9005229, 6],
  ['E06000047', 143.263302, 6],
  ['E06000004', 145.5966707, 5],
  ['E08000037', 146.6971262, 4],
  ['E06000003', 153.6912833, 3],
  ['E06000002', 155.763081, 2],
  ['E08000021', 157.1222286, 1],
  ['E06000001', 171.2170455, 1],
];
const INDICATOR_90366_LONDON: [string, number | null, number | null][] = [
  ['E09000002', 81.88093, 1],
  ['E09000030', 82.35576, 1],
  ['E09000011', 82.36673, 1],
  ['E09000012', 82.82672, 1],
  ['E09000025', 83.09524, 2],
  ['E09000022', 83.20607, 2],
  ['E09000023', 83.32301, 2],
  ['E09000019', 83.35041, 3],
  ['E09000029', 83.53638, 3],
  ['E09000008', 83.59198, 3],
  ['E09000028', 83.77527, 4],
  ['E09000017', 83.81223, 4],
  ['E09000032', 83.81441, 4],
  ['E09000031', 83.93505, 5],
  ['E09000024', 84.155, 5],
  ['E09000004', 84.19122, 5],
  ['E09000016', 84.19199, 6],
  ['E09000009', 84.24973, 6],
  ['E09000018', 84.27748, 6],
  ['E09000026', 84.3357, 6],
  ['E09000013', 84.37086, 7],
  ['E09000010', 84.5342, 7],
  ['E09000014', 84.60688, 7],
  ['E09000006', 84.89868, 8],
  ['E09000021', 84.91086, 8],
  ['E09000005', 85.11345, 8],
  ['E09000003', 85.15871, 9],
  ['E09000015', 85.88791, 9],
  ['E09000027', 85.93045, 9],
  ['E09000033', 86.02808, 10],
  ['E09000020', 86.44572, 10],
  ['E09000007', 86.75119, 10],
  ['E09000001', null, null],
];

describe('quantiles of a ranking (phe_quantile)', () => {
  it('gives deciles within a region where low is good, the highest values in the first', () => {
    expect(
      quantilesOf(
        UNDER_75_CANCER_NORTH_EAST.map(([, value]) => value),
        10,
        'LOWER_IS_BETTER',
      ),
    ).toEqual(UNDER_75_CANCER_NORTH_EAST.map(([, , decile]) => decile));
  });

  it('gives deciles where high is good, the lowest values in the first, and none to an area without a value', () => {
    expect(
      quantilesOf(
        INDICATOR_90366_LONDON.map(([, value]) => value),
        10,
        'HIGHER_IS_BETTER',
      ),
    ).toEqual(INDICATOR_90366_LONDON.map(([, , decile]) => decile));
  });

  it('gives ties the same quantile, and none at all to fewer areas than quantiles', () => {
    expect(quantilesOf([1, 1, 2, 3], 2, 'NEUTRAL')).toEqual([1, 1, 2, 2]);
    expect(quantilesOf([1, 2, null], 4, 'NEUTRAL')).toEqual([null, null, null]);
    expect(() => quantilesOf([1, 2], 1, 'NEUTRAL')).toThrow(RangeError);
  });
});
