import { describe, expect, it } from 'vitest';
import {
  compareByControlLimits,
  compareByControlLimitsAtZ,
  compareByIntervalOverlap,
} from '../../src/domain/benchmark.js';

/**
 * Benchmarking against Fingertips' own comparer tests (github.com/ukhsa-collaboration/
 * fingertips-open at 6780897, PholioVisualisationWS/AnalysisTest/
 * SingleOverlappingCIsForOneCILevelComparatorTest.cs and SpcForProportionsComparerTest.cs), each
 * case copied as published. Fingertips' "RAG, low is good" is our LOWER_IS_BETTER, "high is good"
 * HIGHER_IS_BETTER; its Same is our SIMILAR and its None our NOT_COMPARED.
 */
describe('confidence intervals overlapping the reference value', () => {
  it('is Similar where the reference lies within the interval, ends included', () => {
    expect(compareByIntervalOverlap(11, { lower: 10, upper: 12 }, 11, 'LOWER_IS_BETTER')).toBe('SIMILAR');
    expect(compareByIntervalOverlap(11, { lower: 10, upper: 12 }, 11, 'HIGHER_IS_BETTER')).toBe('SIMILAR');
    expect(compareByIntervalOverlap(3.05, { lower: 2.7, upper: 3.1 }, 3, 'LOWER_IS_BETTER')).toBe('SIMILAR');
    // A reference exactly on a limit is within it.
    expect(compareByIntervalOverlap(3.3, { lower: 3, upper: 3.5 }, 3, 'HIGHER_IS_BETTER')).toBe('SIMILAR');
  });

  it('is Better or Worse by polarity beyond it, Higher or Lower without one', () => {
    expect(compareByIntervalOverlap(3.3, { lower: 3.2, upper: 3.5 }, 3, 'LOWER_IS_BETTER')).toBe('WORSE');
    expect(compareByIntervalOverlap(3.3, { lower: 3.2, upper: 3.5 }, 3, 'HIGHER_IS_BETTER')).toBe('BETTER');
    expect(compareByIntervalOverlap(2.5, { lower: 2.2, upper: 2.8 }, 3, 'LOWER_IS_BETTER')).toBe('BETTER');
    expect(compareByIntervalOverlap(2.5, { lower: 2.2, upper: 2.8 }, 3, 'HIGHER_IS_BETTER')).toBe('WORSE');
    expect(compareByIntervalOverlap(3.3, { lower: 3.2, upper: 3.5 }, 3, 'NEUTRAL')).toBe('HIGHER');
    expect(compareByIntervalOverlap(2.5, { lower: 2.2, upper: 2.8 }, 3, 'NEUTRAL')).toBe('LOWER');
  });

  it('does not compare without a value, a reference or an interval', () => {
    expect(compareByIntervalOverlap(null, null, 3, 'LOWER_IS_BETTER')).toBe('NOT_COMPARED');
    expect(compareByIntervalOverlap(2.5, { lower: 2.2, upper: 2.8 }, null, 'LOWER_IS_BETTER')).toBe('NOT_COMPARED');
    expect(compareByIntervalOverlap(4, null, 3, 'LOWER_IS_BETTER')).toBe('NOT_COMPARED');
    expect(compareByIntervalOverlap(4, { lower: Number.NaN, upper: 5 }, 3, 'LOWER_IS_BETTER')).toBe('NOT_COMPARED');
  });
});

describe('control limits around the reference proportion (SPC for proportions)', () => {
  // Fingertips' tests use z = 1.96 and 3.0902, percentages (unit 100), and "low is good".
  const at = (value: number, denominator: number, reference: number, z: number) =>
    compareByControlLimitsAtZ(value / 100, denominator, reference / 100, z, 'LOWER_IS_BETTER');

  it('finds the same significance at 95% and 99.8% where the cases are clear (indicator 1, 2010)', () => {
    const england = 8.9611086876279327;
    for (const z of [1.96, 3.0902]) {
      expect(at(7.7065767284991562, 5930, england, z)).toBe('BETTER');
      expect(at(9.8988121425428961, 2273, england, z)).toBe('SIMILAR');
      expect(at(12.474645030425965, 1972, england, z)).toBe('WORSE');
    }
  });

  it('finds a difference at 95% that 99.8% does not (indicator 514, 2010)', () => {
    const england = 12.8379546895717;
    expect(at(10.9783420463032, 1339, england, 1.96)).toBe('BETTER');
    expect(at(10.9783420463032, 1339, england, 3.0902)).toBe('SIMILAR');
    expect(at(15.9065628476085, 899, england, 1.96)).toBe('WORSE');
    expect(at(15.9065628476085, 899, england, 3.0902)).toBe('SIMILAR');
  });

  it('does not compare without a denominator above zero', () => {
    expect(at(10, 0, 10, 1.96)).toBe('NOT_COMPARED');
    expect(at(10, -1, 10, 1.96)).toBe('NOT_COMPARED');
  });

  it('calls a value exactly on a limit Similar, and takes the level’s own z', () => {
    // 50 of 100 against 0.5: the 95% limits are symmetric around 0.5, so a value at the upper limit is on it.
    const z = 1.959963984540054;
    const upper = (2 * 50 + z * z + z * Math.sqrt(z * z + 4 * 50 * 0.5)) / (2 * (100 + z * z));
    expect(compareByControlLimitsAtZ(upper, 100, 0.5, z, 'HIGHER_IS_BETTER')).toBe('SIMILAR');
    expect(compareByControlLimits(upper + 1e-9, 100, 0.5, 0.95, 'HIGHER_IS_BETTER')).toBe('BETTER');
    expect(compareByControlLimits(upper + 1e-9, 100, 0.5, 0.998, 'HIGHER_IS_BETTER')).toBe('SIMILAR');
  });
});
