import { describe, expect, it } from 'vitest';
import {
  addDays,
  detectFrequency,
  monthOfTitle,
  parsePeriod,
  PeriodFormatError,
  tryParsePeriod,
} from '../../src/domain/period.js';

describe('periods', () => {
  it('parses a month with its first and last day, leap years included', () => {
    expect(parsePeriod('2025-03', 'MONTHLY')).toEqual({
      label: '2025-03',
      frequency: 'MONTHLY',
      start: '2025-03-01',
      end: '2025-03-31',
    });
    expect(parsePeriod('2024-02', 'MONTHLY').end).toBe('2024-02-29');
    expect(parsePeriod('2025-02', 'MONTHLY').end).toBe('2025-02-28');
  });

  it('parses calendar quarters and financial years', () => {
    expect(parsePeriod('2025-Q1', 'QUARTERLY')).toMatchObject({ start: '2025-01-01', end: '2025-03-31' });
    expect(parsePeriod('2024-Q4', 'QUARTERLY')).toMatchObject({ start: '2024-10-01', end: '2024-12-31' });
    expect(parsePeriod('2024-25', 'ANNUAL')).toMatchObject({ start: '2024-04-01', end: '2025-03-31' });
    expect(parsePeriod('1999-00', 'ANNUAL')).toMatchObject({ start: '1999-04-01', end: '2000-03-31' });
  });

  it.each([
    ['2025-13', 'MONTHLY'],
    ['2025-00', 'MONTHLY'],
    ['2025-3', 'MONTHLY'],
    ['25-03', 'MONTHLY'],
    ['2025-03-01', 'MONTHLY'],
    [' 2025-03', 'MONTHLY'],
    ['2025-Q5', 'QUARTERLY'],
    ['2025-Q0', 'QUARTERLY'],
    ['2024-26', 'ANNUAL'],
    ['2024-2025', 'ANNUAL'],
    ['', 'MONTHLY'],
  ] as const)('rejects %j as %s', (label, frequency) => {
    expect(tryParsePeriod(label, frequency)).toBeUndefined();
    expect(() => parsePeriod(label, frequency)).toThrow(PeriodFormatError);
  });

  it('names the expected form in the error', () => {
    expect(() => parsePeriod('March 2025', 'MONTHLY')).toThrow(
      '"March 2025" is not a monthly period (expected YYYY-MM, e.g. 2025-03)',
    );
  });

  it('tells the frequency a label is written in', () => {
    expect(detectFrequency('2025-03')).toBe('MONTHLY');
    expect(detectFrequency('2025-Q2')).toBe('QUARTERLY');
    expect(detectFrequency('2024-25')).toBe('ANNUAL');
    expect(detectFrequency('2024-27')).toBeUndefined();
    expect(detectFrequency('soon')).toBeUndefined();
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDays('2023-06-15', -1)).toBe('2023-06-14');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('reads a month as publishers title it, in any case, and nothing else', () => {
    expect(monthOfTitle('March 2025')).toBe('2025-03');
    expect(monthOfTitle(' APRIL 2025 ')).toBe('2025-04');
    expect(monthOfTitle('december 2024')).toBe('2024-12');
    for (const text of ['Sept 2025', 'March 25', '2025-03', 'March', '']) expect(monthOfTitle(text), text).toBeNull();
  });
});
