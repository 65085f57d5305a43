import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRttOverview } from '../src/ingest/rtt-overview.js';
import { importFiles } from '../src/services/import.js';
import { createTestApi, type TestApi } from './support/api.js';
import { dm01ImportFiles, rttMonthOf, rttOverviewImportFiles, rewrittenRttOverview } from './support/mirror.js';

const NOW = new Date('2025-07-20T12:00:00Z');
const [OVERVIEW] = rttOverviewImportFiles();

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api?.close();
});

/** The overview with the test's own change to a month's row (found by its date). */
const changedOverview = (month: string, change: (row: unknown[], header: string[]) => void) =>
  rewrittenRttOverview((rows, header) => {
    change(
      rows.find((row) => rttMonthOf(row) === month)!,
      header,
    );
    return rows;
  });

describe("Referral to Treatment waiting times, NHS England's overview time series", () => {
  it("reads England's waiting list month by month with the estimates for missing trusts, as NHS England's headline figures are", async () => {
    const parsed = await parseRttOverview(OVERVIEW!.name, OVERVIEW!.bytes);
    expect(parsed.problems).toEqual([]);
    const august = Object.fromEntries(
      parsed.claims.filter((claim) => claim.period === '2023-08').map((claim) => [claim.metricCode, claim.value]),
    );
    // The README's England, August 2023: 7,745,030 waiting; 58.0% within 18 weeks; 109,523 over 65 weeks; 8,998 over 78.
    expect(august.RTT_WAITING_LIST).toBe(7_745_030);
    expect((august.RTT_18WK as number).toFixed(1)).toBe('58.0');
    expect(august.RTT_65WK).toBe(109_523);
    expect(august.RTT_78WK).toBe(8_998);
    // NHS England's statistical press notice for August 2023: a median wait of 14.5 weeks.
    expect((august.RTT_MEDIAN_WAIT as number).toFixed(1)).toBe('14.5');
    const periods = (metricCode: string) =>
      parsed.claims.filter((claim) => claim.metricCode === metricCode).map((claim) => claim.period);
    // The long-wait columns start years after 2007 ("-" before): no value, never a zero.
    expect(periods('RTT_78WK')[0]! > '2007-04').toBe(true);
    expect(periods('RTT_78WK').at(-1)).toBe('2023-08');
    // The median of a month whose 92nd centile is published open-ended ("52+") is still a value.
    expect(periods('RTT_MEDIAN_WAIT')).toContain('2007-08');
    // October 2022 is the first month with estimates for missing trusts that differ from the reported figures.
    expect(
      parsed.claims.find((claim) => claim.metricCode === 'RTT_WAITING_LIST' && claim.period === '2022-10')!.value,
    ).toBe(7_214_182);
  });

  it("imports the series for England and judges the planning guidance's long-wait targets and the constitutional 18 weeks", async () => {
    const report = await importFiles(api.db, 'rtt-overview', [OVERVIEW!], { now: NOW });
    expect(report.errors).toEqual([]);
    const { json } = await api.post({
      query: `{ organisation(odsCode: "X24") {
        waiting: latest(metricCode: "RTT_WAITING_LIST") { period value displayValue }
        within18: standing(metricCode: "RTT_18WK") { state period threshold }
        over65: standing(metricCode: "RTT_65WK") { state period threshold }
        over78: standing(metricCode: "RTT_78WK") { state period threshold }
        median: latest(metricCode: "RTT_MEDIAN_WAIT") { period displayValue metric { unit } }
      } }`,
    });
    expect(json).toEqual({
      data: {
        organisation: {
          waiting: { period: '2023-08', value: 7_745_030, displayValue: '7,745,030' },
          within18: { state: 'NOT_MEETING', period: '2023-08', threshold: 92 },
          over65: { state: 'NOT_MEETING', period: '2023-08', threshold: 0 },
          over78: { state: 'NOT_MEETING', period: '2023-08', threshold: 0 },
          median: { period: '2023-08', displayValue: '14.5 weeks', metric: { unit: 'WEEKS' } },
        },
      },
    });
    const again = await importFiles(api.db, 'rtt-overview', [OVERVIEW!], { now: NOW });
    expect(again).toMatchObject({ inserted: 0, revised: 0, errors: [] });
  });

  it('refuses, naming the fault and writing nothing: a DM01 workbook, counts that do not add up, long waits that do not nest, a median past the 92nd centile or not a number, a percentage that disagrees, a file cut short', async () => {
    const before = await api.db.prisma.measurement.count();
    const column = (header: string[], name: string) => header.indexOf(name);
    const cases: [string, Uint8Array, RegExp][] = [
      [
        'DM01',
        dm01ImportFiles()[0]!.bytes,
        /This is not an NHS England RTT overview time series: an Excel workbook \(\.xlsx\) is expected, but the file is an Excel 97-2003 workbook \(\.xls\)/,
      ],
      ['cut short', OVERVIEW!.bytes.subarray(0, 40_000), /the workbook is damaged or cut short/],
      [
        'sums',
        await changedOverview('2023-08', (row, header) => {
          row[column(header, 'No. within 18 weeks with estimates for missing data')] = 1;
        }),
        /2023-08: 1 within 18 weeks and \d+ over do not add up to the 7745030 waiting/,
      ],
      [
        'nesting',
        await changedOverview('2023-08', (row, header) => {
          row[column(header, 'No. > 78 weeks with estimates for missing data')] = 200_000;
        }),
        /2023-08: more waiting over 78 weeks \(200000\) than over 65 \(109523\)/,
      ],
      [
        'median',
        await changedOverview('2023-08', (row, header) => {
          row[column(header, 'Median wait (weeks)')] = 60;
        }),
        /2023-08: the median wait \(60 weeks\) is longer than the 92nd centile/,
      ],
      [
        'median text',
        await changedOverview('2023-08', (row, header) => {
          row[column(header, 'Median wait (weeks)')] = 'about 14';
        }),
        /2023-08: "Median wait \(weeks\)" is "about 14": a number of weeks/,
      ],
      [
        'percentage',
        await changedOverview('2023-08', (row, header) => {
          row[column(header, '% within 18 weeks')] = 0.9;
        }),
        /2023-08: "% within 18 weeks" is 0.9, but/,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const report = await importFiles(api.db, 'rtt-overview', [{ name: `${name}.xlsx`, bytes }], { now: NOW });
      expect(report.errors.map((error) => error.message).join('\n'), name).toMatch(message);
    }
    expect(await api.db.prisma.measurement.count()).toBe(before);
  });
});
