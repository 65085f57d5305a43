import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDm01 } from '../src/ingest/diagnostics-dm01.js';
import { importFiles } from '../src/services/import.js';
import { createTestApi, type TestApi } from './support/api.js';
import { cwtProviderImportFiles, dm01ImportFiles } from './support/mirror.js';
import { monthsFrom, storedMeasurement } from './support/factories.js';
import { dm01Keeping, writtenWorkbook } from './support/workbooks.js';

const NOW = new Date('2025-07-20T12:00:00Z');
const FILES = dm01ImportFiles();
const MARCH = FILES.find((file) => file.name.includes('March-2025'))!;
/** January to March 2025: the quarter the mandate's milestone falls due in. */
const QUARTER = FILES.filter((file) => /(January|February|March)-2025/.test(file.name));

/** Columns of the Provider sheet (column A is empty): total waiting list, 6+ weeks, 13+, share. */
const [TOTAL, SIX, THIRTEEN, SHARE] = [5, 6, 7, 8];

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api?.close();
});

const value = (odsCode: string, metricCode: string, period: string) =>
  storedMeasurement(api.db, odsCode, metricCode, period);

/** The providers a test's workbook keeps: a trust, a large trust and an independent-sector provider. */
const KEPT = ['RF4', 'R1H', 'ADW'];
let marchSheets: Promise<Map<string, unknown[][]>> | undefined;

/**
 * A DM01 workbook of March 2025's three KEPT providers, laid out as NHS England lays it out (its
 * Total row their sum), with the test's own change to its rows, written in the old Excel format
 * (SheetJS writes BIFF8 as it reads it).
 */
async function changedMarch(change: (sheets: Map<string, unknown[][]>) => void): Promise<Uint8Array> {
  marchSheets ??= dm01Keeping(MARCH.bytes, KEPT);
  const sheets = structuredClone(await marchSheets);
  change(sheets);
  return writtenWorkbook(sheets, 'xls');
}
/** The row of a provider (and test) on a sheet. */
const rowOf = (rows: unknown[][], odsCode: string, testId?: number) =>
  rows.find((row) => row.includes(odsCode) && (testId === undefined || row.includes(testId)))!;

describe("Diagnostics waiting times (DM01), NHS England's monthly provider workbooks", () => {
  it("reads every month's providers, England's Total row and each provider's tests, all adding up", async () => {
    const periods: string[] = [];
    for (const file of FILES) {
      const parsed = await parseDm01(file.name, file.bytes);
      expect(parsed.problems, file.name).toEqual([]);
      periods.push(parsed.publishedTotals[0]!.period);
      expect(parsed.tests.length, file.name).toBeGreaterThan(2_000);
    }
    expect(periods).toEqual(monthsFrom('2024-08', '2025-06'));
    // The README's England, March 2025: 1 − 312,744 ÷ 1,703,242 waiting under six weeks.
    const march = await parseDm01(MARCH.name, MARCH.bytes);
    expect(march.publishedTotals).toEqual([
      { metricCode: 'DIAG_6WK', period: '2025-03', numerator: 1_703_242 - 312_744, denominator: 1_703_242 },
      { metricCode: 'DIAG_WAITING_LIST', period: '2025-03', value: 1_703_242 },
      { metricCode: 'DIAG_13WK', period: '2025-03', value: 103_422 },
    ]);
    expect(march.providers).toHaveLength(446);
    expect(march.providers).toContainEqual({ odsCode: 'ADW', name: 'Beehive Solutions Ltd', regionOdsCode: 'Y56' });
    expect(march.tests.filter((test) => test.odsCode === 'RF4' && test.testId === 1)).toEqual([
      {
        odsCode: 'RF4',
        testId: 1,
        testName: 'Magnetic Resonance Imaging',
        total: 3038,
        sixWeeks: 147,
        thirteenWeeks: 55,
      },
    ]);
  });

  it('imports the months, rolls providers up to ICB, region and England equal to the Total row, creates independent-sector providers under their region, and judges the 95% milestone', async () => {
    expect(QUARTER).toHaveLength(3);
    const report = await importFiles(api.db, 'dm01', QUARTER, { now: NOW });
    expect(report.errors).toEqual([]);
    expect(report.totals).toHaveLength(9);
    expect(report.totals.every((check) => check.matches)).toBe(true);
    expect(report.newProviders).toContainEqual({
      odsCode: 'ADW',
      name: 'Beehive Solutions Ltd',
      regionOdsCode: 'Y56',
    });
    const beehive = await api.db.prisma.organisation.findUniqueOrThrow({
      where: { odsCode: 'ADW' },
      select: { type: true, region: { select: { odsCode: true } }, icbId: true },
    });
    expect(beehive).toEqual({ type: 'OTHER_PROVIDER', region: { odsCode: 'Y56' }, icbId: null });

    expect(await value('X24', 'DIAG_6WK', '2025-03')).toEqual({
      derived: true,
      numerator: 1_390_498,
      denominator: 1_703_242,
      value: (1_390_498 / 1_703_242) * 100,
    });
    expect(await value('X24', 'DIAG_13WK', '2025-03')).toMatchObject({ derived: true, value: 103_422 });
    // An ICB is the sum of its trusts.
    const trusts = await api.db.prisma.measurement.findMany({
      where: { period: '2025-03', metric: { code: 'DIAG_WAITING_LIST' }, organisation: { icb: { odsCode: 'QMJ' } } },
      select: { value: true },
    });
    expect(trusts.length).toBeGreaterThan(0);
    expect(await value('QMJ', 'DIAG_WAITING_LIST', '2025-03')).toMatchObject({
      derived: true,
      value: trusts.reduce((sum, row) => sum + row.value, 0),
    });
    // England missed the mandate's 95% by March 2025: 81.6%.
    const { json } = await api.post({
      query:
        '{ organisation(odsCode: "X24") { standing(metricCode: "DIAG_6WK") { state period threshold target { milestone { title } } } } }',
    });
    expect(json).toEqual({
      data: {
        organisation: {
          standing: {
            state: 'NOT_MEETING',
            period: '2025-03',
            threshold: 95,
            target: {
              milestone: { title: expect.stringContaining('95 per cent of patients needing a diagnostic test') },
            },
          },
        },
      },
    });

    // Each test is a breakdown of the same metrics, rolled up the same way: England's 15 tests add
    // up to its whole, an ICB's MRI to its providers'.
    const march = await parseDm01(MARCH.name, MARCH.bytes);
    const { json: broken } = await api.post({
      query: `{
        metric(code: "DIAG_WAITING_LIST") { breakdowns { code name } }
        england: organisation(odsCode: "X24") {
          breakdown(metricCode: "DIAG_WAITING_LIST", from: "2025-03", to: "2025-03") { breakdown { code } value derived }
        }
        trust: organisation(odsCode: "RF4") {
          breakdown(metricCode: "DIAG_6WK", breakdown: "MRI", to: "2025-03") { period value displayValue numerator denominator derived revision }
        }
      }`,
    });
    expect(broken.errors).toBeUndefined();
    const data = broken.data as any;
    expect(data.metric.breakdowns).toHaveLength(15);
    expect(data.metric.breakdowns).toContainEqual({ code: 'MRI', name: 'Magnetic Resonance Imaging' });
    expect(data.england.breakdown).toHaveLength(15);
    expect(data.england.breakdown.every((part: any) => part.derived)).toBe(true);
    expect(data.england.breakdown.reduce((sum: number, part: any) => sum + part.value, 0)).toBe(1_703_242);
    const englandMri = march.tests.filter((test) => test.testId === 1).reduce((sum, test) => sum + test.total, 0);
    expect(data.england.breakdown.find((part: any) => part.breakdown.code === 'MRI').value).toBe(englandMri);
    expect(data.trust.breakdown.map((part: any) => part.period)).toEqual(monthsFrom('2025-01', '2025-03'));
    expect(data.trust.breakdown.at(-1)).toEqual({
      period: '2025-03',
      value: ((3038 - 147) / 3038) * 100,
      displayValue: '95.2%',
      numerator: 3038 - 147,
      denominator: 3038,
      derived: false,
      revision: 1,
    });
    const icbMri = await api.db.prisma.breakdownMeasurement.findMany({
      where: {
        period: '2025-03',
        breakdown: 'MRI',
        metric: { code: 'DIAG_WAITING_LIST' },
        organisation: { icb: { odsCode: 'QMJ' } },
      },
      select: { value: true },
    });
    const { json: icb } = await api.post({
      query:
        '{ organisation(odsCode: "QMJ") { breakdown(metricCode: "DIAG_WAITING_LIST", breakdown: "MRI", from: "2025-03", to: "2025-03") { value derived } } }',
    });
    expect((icb.data as any).organisation.breakdown).toEqual([
      { value: icbMri.reduce((sum, row) => sum + row.value, 0), derived: true },
    ]);
    // A part the server does not know is refused with the way to find the ones it does.
    const { json: unknown } = await api.post({
      query: '{ organisation(odsCode: "RF4") { breakdown(metricCode: "DIAG_6WK", breakdown: "XRAY") { value } } }',
    });
    expect(JSON.stringify(unknown.errors)).toContain('is not a breakdown this server knows');

    // Importing the same files again changes nothing.
    const again = await importFiles(api.db, 'dm01', [MARCH], { now: NOW });
    expect(again).toMatchObject({ inserted: 0, revised: 0, breakdownValues: 0, errors: [] });
  });

  it('refuses, naming the fault and writing nothing: another publication, the other Excel format, a provider twice, a negative count, 6+ weeks above the total, a percentage that disagrees, providers that do not add up to the Total row, tests that do not add up to their provider, a file cut short', async () => {
    const before = await api.db.prisma.measurement.count();
    const [cwt] = cwtProviderImportFiles();
    // The test's workbook as it comes is a good one: each refusal below is its one change.
    const unchanged = await parseDm01('unchanged.xls', await changedMarch(() => {}));
    expect(unchanged.problems).toEqual([]);
    expect(unchanged.providers.map((provider) => provider.odsCode)).toEqual(KEPT);
    const cases: [string, Uint8Array, RegExp][] = [
      [
        'cancer extract',
        cwt!.bytes,
        /This is not an NHS England DM01 diagnostics workbook: an Excel 97-2003 workbook \(\.xls\) is expected, but the file is an Excel workbook \(\.xlsx\)/,
      ],
      ['cut short', MARCH.bytes.subarray(0, 400_000), /the workbook is damaged or cut short: obtain it again/],
      [
        'twice',
        await changedMarch((sheets) => {
          const rows = sheets.get('Provider')!;
          rows.push([...rowOf(rows, 'RF4')]);
        }),
        /RF4 is in the sheet twice/,
      ],
      [
        'negative',
        await changedMarch((sheets) => {
          rowOf(sheets.get('Provider')!, 'RF4')[THIRTEEN] = -1;
        }),
        /RF4: "Number waiting 13\+ Weeks" is "-1": a whole number, not negative, is expected/,
      ],
      [
        'six weeks above total',
        await changedMarch((sheets) => {
          rowOf(sheets.get('Provider')!, 'RF4')[SIX] = 9_999_999;
        }),
        /RF4: 9999999 waiting 6\+ weeks is more than the 9733 waiting in all/,
      ],
      [
        'percentage',
        await changedMarch((sheets) => {
          rowOf(sheets.get('Provider')!, 'RF4')[SHARE] = 0.5;
        }),
        /RF4: "Percentage waiting 6\+ weeks" is 0.5, but 462 of 9733 is/,
      ],
      [
        'Total row',
        await changedMarch((sheets) => {
          const rows = sheets.get('Provider')!;
          const england = rows.find((row) => row.includes('Total'))!;
          england[TOTAL] = (england[TOTAL] as number) + 1;
          england[SHARE] = (england[SIX] as number) / (england[TOTAL] as number);
        }),
        /The providers' rows add up to 41156 in "Total Waiting List", but the Total row says 41157/,
      ],
      [
        'tests',
        await changedMarch((sheets) => {
          const mri = rowOf(sheets.get('Provider by Test')!, 'RF4', 1);
          mri[TOTAL + 2] = (mri[TOTAL + 2] as number) + 5;
          mri[SHARE + 2] = (mri[SIX + 2] as number) / (mri[TOTAL + 2] as number);
        }),
        /RF4's tests on "Provider by Test" add up to 9738 in "Total Waiting List" \(its Total row there says 9733\), but its row on "Provider" says 9733/,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const report = await importFiles(api.db, 'dm01', [{ name: `${name}.xls`, bytes }], { now: NOW });
      expect(report.errors.map((error) => error.message).join('\n'), name).toMatch(message);
      expect(report.errors.every((error) => error.code === 'INVALID_FILE')).toBe(true);
    }
    // A DM01 workbook offered as a Cancer Waiting Times extract is refused by that reader.
    const asCwt = await importFiles(api.db, 'cwt-provider', [MARCH], { now: NOW });
    expect(asCwt.errors.map((error) => error.message).join('\n')).toMatch(
      /an Excel workbook \(\.xlsx\) is expected, but the file is an Excel 97-2003 workbook \(\.xls\)/,
    );
    expect(await api.db.prisma.measurement.count()).toBe(before);
  });
});
