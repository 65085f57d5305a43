import { describe, expect, it } from 'vitest';
import {
  checkMeasurement,
  displayValue,
  type MeasurementClaim,
  type MetricRules,
  providersRollUpToIcbs,
} from '../../src/domain/measurement.js';
import { rollUp, sameMeasurement } from '../../src/domain/roll-up.js';

const fourHour: MetricRules = { code: 'AE_4HR', unit: 'PERCENT', aggregation: 'RATIO', frequency: 'MONTHLY' };
const attendances: MetricRules = { code: 'AE_ATTENDANCES', unit: 'COUNT', aggregation: 'SUM', frequency: 'MONTHLY' };
const efficiency: MetricRules = {
  code: 'CASH_RELEASING_EFFICIENCY',
  unit: 'PERCENT',
  aggregation: 'NONE',
  frequency: 'ANNUAL',
};
const TODAY = '2025-07-15';

const claim = (overrides: Partial<MeasurementClaim>): MeasurementClaim => ({
  metricCode: 'AE_4HR',
  odsCode: 'RJ1',
  period: '2025-03',
  ...overrides,
});
const codes = (result: ReturnType<typeof checkMeasurement>) =>
  result.ok ? [] : result.problems.map((problem) => `${problem.field}:${problem.code}`);

describe('checking a measurement', () => {
  it('takes a rate from its parts and accepts a value that agrees with them', () => {
    const result = checkMeasurement(
      claim({ numerator: 750, denominator: 1000, value: 75.04 }),
      fourHour,
      'TRUST',
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      measurement: {
        period: { label: '2025-03', frequency: 'MONTHLY', start: '2025-03-01', end: '2025-03-31' },
        value: 75,
        numerator: 750,
        denominator: 1000,
      },
    });
  });

  it.each([
    [
      'a value that contradicts its parts',
      claim({ numerator: 750, denominator: 1000, value: 80 }),
      ['value:VALUE_CONTRADICTS_PARTS'],
    ],
    ['a rate without parts', claim({ value: 75 }), ['numerator:MISSING_VALUE', 'denominator:MISSING_VALUE']],
    [
      'a numerator above its denominator',
      claim({ numerator: 1001, denominator: 1000 }),
      ['numerator:NUMERATOR_ABOVE_DENOMINATOR'],
    ],
    ['a zero denominator', claim({ numerator: 0, denominator: 0 }), ['denominator:ZERO_DENOMINATOR']],
    ['a negative numerator', claim({ numerator: -1, denominator: 10 }), ['numerator:NEGATIVE_VALUE']],
    ['NaN', claim({ numerator: Number.NaN, denominator: 10 }), ['numerator:NOT_FINITE']],
    ['Infinity', claim({ numerator: 1, denominator: Number.POSITIVE_INFINITY }), ['denominator:NOT_FINITE']],
    ['a malformed period', claim({ period: '2025-3', numerator: 1, denominator: 2 }), ['period:INVALID_PERIOD']],
    [
      'a quarter for a monthly metric',
      claim({ period: '2025-Q1', numerator: 1, denominator: 2 }),
      ['period:INVALID_PERIOD'],
    ],
    [
      'a period that has not begun',
      claim({ period: '2025-08', numerator: 1, denominator: 2 }),
      ['period:FUTURE_PERIOD'],
    ],
  ])('refuses %s', (_name, input, expected) => {
    expect(codes(checkMeasurement(input, fourHour, 'TRUST', TODAY))).toEqual(expected);
  });

  it('accepts the month in progress, which has begun', () => {
    expect(
      checkMeasurement(claim({ period: '2025-07', numerator: 1, denominator: 2 }), fourHour, 'TRUST', TODAY).ok,
    ).toBe(true);
  });

  it('refuses writes to levels that are rolled up or do not report', () => {
    expect(codes(checkMeasurement(claim({ numerator: 1, denominator: 2 }), fourHour, 'ICB', TODAY))).toEqual([
      'odsCode:DERIVED_MEASUREMENT',
    ]);
    expect(codes(checkMeasurement(claim({ numerator: 1, denominator: 2 }), fourHour, 'NATIONAL_BODY', TODAY))).toEqual([
      'odsCode:DERIVED_MEASUREMENT',
    ]);
    expect(
      codes(checkMeasurement(claim({ numerator: 1, denominator: 2 }), fourHour, 'SUB_ICB_LOCATION', TODAY)),
    ).toEqual(['odsCode:NOT_REPORTED_AT_THIS_LEVEL']);
    expect(
      checkMeasurement(
        claim({ metricCode: efficiency.code, period: '2023-24', value: 2.4 }),
        efficiency,
        'NATIONAL_BODY',
        TODAY,
      ).ok,
    ).toBe(true);
  });

  it('checks counts and percentages for range', () => {
    expect(
      codes(checkMeasurement(claim({ metricCode: 'AE_ATTENDANCES', value: -3 }), attendances, 'TRUST', TODAY)),
    ).toEqual(['value:NEGATIVE_VALUE']);
    expect(
      codes(
        checkMeasurement(claim({ metricCode: 'AE_ATTENDANCES', value: 3, numerator: 1 }), attendances, 'TRUST', TODAY),
      ),
    ).toEqual(['numerator:UNEXPECTED_PARTS']);
    expect(codes(checkMeasurement(claim({ metricCode: 'AE_ATTENDANCES' }), attendances, 'TRUST', TODAY))).toEqual([
      'value:MISSING_VALUE',
    ]);
    expect(
      codes(checkMeasurement(claim({ period: '2023-24', value: 101 }), efficiency, 'NATIONAL_BODY', TODAY)),
    ).toEqual(['value:OUT_OF_RANGE']);
  });
});

describe('rolling up', () => {
  it("rolls providers' values up to ICBs only where the metric aggregates, ICBs do not report it themselves, and providers serve ICBs", () => {
    const rolls = (aggregation: MetricRules['aggregation'], rollUpToIcb: boolean, icbsReport: boolean) =>
      providersRollUpToIcbs({ aggregation, rollUpToIcb, icbsReport });
    expect(rolls('RATIO', true, false)).toBe(true); // A&E four hours
    expect(rolls('SUM', true, false)).toBe(true); // the DM01 waiting list
    expect(rolls('RATIO', false, false)).toBe(false); // ambulance services serve regions
    expect(rolls('SUM', true, true)).toBe(false); // virtual wards: the ICBs report
    expect(rolls('NONE', true, false)).toBe(false); // RTT: England only
  });

  it('sums numerators and denominators for a rate, never averaging the rates', () => {
    // 90% of 100 and 50% of 900: the mean of rates would be 70%, the true rate is 54%.
    const result = rollUp(fourHour, [
      { value: 90, numerator: 90, denominator: 100 },
      { value: 50, numerator: 450, denominator: 900 },
    ]);
    expect(result).toEqual({ value: 54, numerator: 540, denominator: 1000 });
  });

  it('sums counts, and rolls nothing up for metrics that do not aggregate or have no parts', () => {
    expect(
      rollUp(attendances, [
        { value: 3, numerator: null, denominator: null },
        { value: 4, numerator: null, denominator: null },
      ]),
    ).toEqual({ value: 7, numerator: null, denominator: null });
    expect(rollUp(efficiency, [{ value: 3, numerator: null, denominator: null }])).toBeNull();
    expect(rollUp(fourHour, [])).toBeNull();
  });

  it('tells an identical write from a change', () => {
    expect(
      sameMeasurement(
        { value: 75, numerator: 750, denominator: 1000 },
        { value: 75, numerator: 750, denominator: 1000 },
      ),
    ).toBe(true);
    expect(
      sameMeasurement(
        { value: 75, numerator: 750, denominator: 1000 },
        { value: 75, numerator: 1500, denominator: 2000 },
      ),
    ).toBe(false);
  });
});

describe('means and their display', () => {
  const cat2Mean: MetricRules = { code: 'AMB_CAT2_MEAN', unit: 'MINUTES', aggregation: 'RATIO', frequency: 'MONTHLY' };

  it("take a mean's total above its count, as only a percentage is a part of its whole", () => {
    const result = checkMeasurement(
      {
        metricCode: 'AMB_CAT2_MEAN',
        odsCode: 'RRU',
        period: '2023-04',
        numerator: 617940201 / 60,
        denominator: 360699,
      },
      cat2Mean,
      'TRUST',
      TODAY,
    );
    expect(result.ok && Math.round(result.measurement.value * 60)).toBe(1713);
  });

  it('show a value as NHS England does', () => {
    expect(displayValue('MINUTES', 1713 / 60)).toBe('28:33');
    expect(displayValue('MINUTES', 59.999)).toBe('60:00');
    expect(displayValue('PERCENT', 76.44)).toBe('76.4%');
    expect(displayValue('WEEKS', 14.5107258988935)).toBe('14.5 weeks');
    expect(displayValue('COUNT', 676978)).toBe('676,978');
    expect(displayValue('GBP', 250_000_000)).toBe('£250,000,000');
  });
});
