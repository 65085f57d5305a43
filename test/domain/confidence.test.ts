import { describe, expect, it } from 'vitest';
import {
  byarsInterval,
  measurementInterval,
  rateInterval,
  wilsonInterval,
  zFor,
  type ConfidenceLevel,
} from '../../src/domain/confidence.js';
import { gammaQuantile, normalQuantile } from '../../src/domain/distributions.js';

/**
 * The intervals against their authors' published test data: PHEindicatormethods' test workbooks
 * (tests/testthat/testdata_Proportion.xlsx sheet testdata_Prop, testdata_Byars_Wilson.xlsx sheet
 * testdata_B_W, testdata_Rate.xlsx sheet testdata_Rate; github.com/ukhsa-collaboration/
 * PHEindicatormethods at 093fd28), every row copied as published, compared to 1 part in 10^10
 * (the package's own tests allow 1.5 in 10^8).
 */
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected), `${actual} against ${expected}`).toBeLessThanOrEqual(
    Math.abs(expected) * 1e-10 + 1e-15,
  );

describe('the normal quantile (AS 241)', () => {
  it("gives R's qnorm", () => {
    close(normalQuantile(0.975), 1.959963984540054);
    close(normalQuantile(0.999), 3.090232306167813);
    close(normalQuantile(0.5), 0);
    close(normalQuantile(1e-10), -6.361340902404056);
    close(zFor(0.998), 3.090232306167813);
  });
});

describe('the gamma quantile', () => {
  it("gives R's qchisq(p, 2k) / 2", () => {
    // qchisq(0.025, 2) / 2 and qchisq(0.975, 4) / 2: the exact limits of one event.
    close(gammaQuantile(0.025, 1), 0.025317807984289897);
    close(gammaQuantile(0.975, 2), 5.571643390938898);
  });
});

// testdata_Prop rows Area1–Area8: numerator, denominator, lower and upper 95%, lower and upper 99.8%.
const PROPORTIONS: [number, number, number, number, number, number][] = [
  [1, 100, 0.0017674320641406511, 0.054486196178705294, 0.000873065697299977, 0.1045544528370582],
  [5, 100, 0.02154367915436798, 0.11175046923191911, 0.013865320725997183, 0.16458852282596442],
  [20, 100, 0.1333669333310325, 0.28882916559315885, 0.10519162066711432, 0.3471109417008601],
  [65, 100, 0.5525444329688797, 0.7363575175690247, 0.4954946574070431, 0.7783540614089697],
  [9856, 12345, 0.7912101752909069, 0.8053640073614909, 0.7869924108419063, 0.8093061412589626],
  [7776456, 7564336677, 0.0010273201001641094, 0.0010287644578977231, 0.0010269040118442213, 0.0010291812992698397],
  [222, 3215, 0.060791690363636595, 0.07833956681383633, 0.05647101964624248, 0.08418414185270134],
  [999, 3456, 0.27418951080009873, 0.30440389662818057, 0.26583995768074953, 0.3134475449279985],
];

describe('the Wilson score interval (phe_proportion)', () => {
  it.each(PROPORTIONS)('%d of %d', (x, n, lower95, upper95, lower998, upper998) => {
    for (const [level, lower, upper] of [
      [0.95, lower95, upper95],
      [0.998, lower998, upper998],
    ] as [ConfidenceLevel, number, number][]) {
      const interval = wilsonInterval(x, n, level);
      close(interval.lower, lower);
      close(interval.upper, upper);
      expect(interval.method).toBe('WILSON');
    }
  });

  it('takes a fractional count as the package does (testdata_B_W: 0.445 of 1)', () => {
    close(wilsonInterval(0.445, 1, 0.95).lower, 0.04381744772058822);
    close(wilsonInterval(0.445, 1, 0.95).upper, 0.9334621276979156);
    close(wilsonInterval(1045, 5000, 0.998).lower, 0.19179381799015244);
    close(wilsonInterval(1045, 5000, 0.998).upper, 0.22731562902525818);
  });

  it('refuses what is no proportion', () => {
    expect(() => wilsonInterval(-1, 10, 0.95)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10, 0.95)).toThrow(RangeError);
    expect(() => wilsonInterval(0, 0, 0.95)).toThrow(RangeError);
  });
});

describe("Byar's method (testdata_B_W)", () => {
  it.each([
    [65, 0.95, 50.163187710459454, 82.84913854593984],
    [1045, 0.95, 982.5932018073325, 1110.33121298565],
    [1, 0.95, 0.01307213290150435, 5.5637555824752605],
    [65, 0.998, 42.8802614714802, 94.00029084431802],
    [1045, 0.998, 947.9407035610374, 1148.806160988033],
    [10, 0.998, 2.916318374695686, 24.193724927880535],
  ] as [number, ConfidenceLevel, number, number][])('%d events at %d', (x, level, lower, upper) => {
    const interval = byarsInterval(x, level);
    close(interval.lower, lower);
    close(interval.upper, upper);
  });
});

// testdata_Rate rows Area1–Area8, per 100: events, population, lower and upper 95%, lower and upper 99.8%, method.
const RATES: [number, number, number, number, number, number, string][] = [
  [1, 100, 0.025317807984289897, 5.571643390938898, 0.0010005003335835344, 9.233413476451585, 'EXACT_POISSON'],
  [5, 100, 1.62348639011842, 11.668332079322669, 0.739371731917839, 16.454745203680105, 'EXACT_POISSON'],
  [20, 100, 12.211428834875937, 30.889880369197066, 8.922802365144193, 38.08503562504191, 'BYARS'],
  [65, 100, 50.163187710459454, 82.84913854593984, 42.8802614714802, 94.00029084431802, 'BYARS'],
  [9856, 12345, 78.26949058976757, 81.4300165427214, 77.37590543271052, 82.3544727709543, 'BYARS'],
  [7776456, 7564336677, 0.10273196005302074, 0.10287648334092832, 0.102690317308454, 0.10291817639509068, 'BYARS'],
  [222, 3215, 6.026574877652675, 7.87572937087185, 5.560737695259854, 8.46104668173341, 'BYARS'],
  [999, 3456, 27.14130493609052, 30.755833237378415, 26.162147596445767, 31.845604819822654, 'BYARS'],
];

describe('rates (phe_rate): exact Poisson limits below 10 events, Byar’s from 10', () => {
  it.each(RATES)('%d events in %d, per 100', (x, n, lower95, upper95, lower998, upper998, method) => {
    for (const [level, lower, upper] of [
      [0.95, lower95, upper95],
      [0.998, lower998, upper998],
    ] as [ConfidenceLevel, number, number][]) {
      const interval = rateInterval(x, n, level, 100);
      close(interval.lower, lower);
      close(interval.upper, upper);
      expect(interval.method).toBe(method);
    }
  });

  it('takes more events than the population, per 100,000 (Area12)', () => {
    close(rateInterval(250, 220, 0.95, 100_000).lower, 99984.94738532876);
    close(rateInterval(250, 220, 0.95, 100_000).upper, 128631.14487455782);
    close(rateInterval(250, 220, 0.998, 100_000).lower, 92710.00554438953);
    close(rateInterval(250, 220, 0.998, 100_000).upper, 137651.23772147458);
  });
});

describe("a measurement's interval, in its metric's unit", () => {
  const percent = { unit: 'PERCENT', partOfWhole: true, countsEvents: false };
  it('is Wilson, as a percentage, for a percentage with its counts (testdata_Prop Area5)', () => {
    const interval = measurementInterval({ value: 79.84, numerator: 9856, denominator: 12345 }, percent, 0.95);
    expect(interval.method).toBe('WILSON');
    if (interval.method === 'NOT_APPLICABLE') return;
    close(interval.lower, 79.1210175290907);
    close(interval.upper, 80.53640073614909);
  });

  it('is exact Poisson or Byar’s for a count of events (testdata_Rate, per 1)', () => {
    const events = { unit: 'COUNT', partOfWhole: true, countsEvents: true };
    expect(measurementInterval({ value: 5, numerator: null, denominator: null }, events, 0.95)).toMatchObject({
      method: 'EXACT_POISSON',
    });
    const byars = measurementInterval({ value: 65, numerator: null, denominator: null }, events, 0.95);
    expect(byars).toMatchObject({ method: 'BYARS' });
    if (byars.method !== 'NOT_APPLICABLE') close(byars.upper, 82.84913854593984);
  });

  it('says why there is none: a census count, a mean without its spread, an occupancy over 100%, a percentage without its counts', () => {
    const reasons = [
      measurementInterval({ value: 1200, numerator: null, denominator: null }, { ...percent, unit: 'COUNT' }, 0.95),
      measurementInterval({ value: 28.5, numerator: 1e6, denominator: 35_000 }, { ...percent, unit: 'MINUTES' }, 0.95),
      measurementInterval({ value: 104, numerator: 104, denominator: 100 }, { ...percent, partOfWhole: false }, 0.95),
      measurementInterval({ value: 76, numerator: null, denominator: null }, percent, 0.998),
    ].map((interval) => (interval.method === 'NOT_APPLICABLE' ? interval.reason : interval.method));
    expect(reasons).toEqual([
      'a count of people or things at a moment (a census) has no sampling interval',
      'a mean or centile published without its spread',
      'more than the whole (an occupancy over 100%) is not a proportion',
      'the value is published without the counts it is a percentage of',
    ]);
  });
});
