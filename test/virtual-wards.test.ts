import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVirtualWards, VIRTUAL_WARD_SHEETS } from '../src/ingest/virtual-wards.js';
import { importFiles } from '../src/services/import.js';
import { createTestApi, type TestApi } from './support/api.js';
import { storedMeasurement } from './support/factories.js';
import { dm01ImportFiles, virtualWardImportFiles } from './support/mirror.js';
import { rewrittenWorkbook } from './support/workbooks.js';

const NOW = new Date('2025-07-20T12:00:00Z');
const FILES = virtualWardImportFiles();
const file = (month: string) => FILES.find((candidate) => candidate.name.includes(month))!;

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api?.close();
});

const value = (odsCode: string, metricCode: string, period: string) =>
  storedMeasurement(api.db, odsCode, metricCode, period);

/** March 2025's workbook with the test's own change to an ICB's row, written back as .xlsx. */
function changedMarch(odsCode: string, change: (row: unknown[]) => void): Promise<Uint8Array> {
  return rewrittenWorkbook(file('Mar2025').bytes, 'xlsx', [VIRTUAL_WARD_SHEETS.icbBefore2025], (sheets) =>
    change(sheets.get(VIRTUAL_WARD_SHEETS.icbBefore2025)!.find((row) => row.includes(odsCode))!),
  );
}
/** Columns of the ICB sheet (from column A): capacity, patients, occupancy. */
const [CAPACITY, PATIENTS, OCCUPANCY] = [4, 7, 8];

describe("Virtual wards, NHS England's monthly capacity and occupancy workbooks", () => {
  it('reads every month, the renamed sheet, ENGLAND*, capped and missing occupancies, and the lead providers from April 2025', async () => {
    for (const { name, bytes } of FILES) expect((await parseVirtualWards(name, bytes)).problems, name).toEqual([]);
    const august = await parseVirtualWards(file('Aug2024').name, file('Aug2024').bytes);
    expect(august.publishedTotals).toEqual([
      { metricCode: 'VIRTUAL_WARD_BEDS', period: '2024-08', value: 12_366 },
      { metricCode: 'VIRTUAL_WARD_OCCUPANCY', period: '2024-08', numerator: 8_403, denominator: 12_366 },
    ]);
    // "100%*": 218 patients in 180 beds, kept as the counts give it.
    expect(august.claims).toContainEqual({
      metricCode: 'VIRTUAL_WARD_OCCUPANCY',
      odsCode: 'QH8',
      period: '2024-08',
      numerator: 218,
      denominator: 180,
    });
    // February 2025: Birmingham and Solihull (QHL) and Cornwall (QT6) did not submit ("**"): beds, no occupancy.
    const february = await parseVirtualWards(file('Feb2025').name, file('Feb2025').bytes);
    const ofIcb = (odsCode: string) => february.claims.filter((claim) => claim.odsCode === odsCode);
    expect(ofIcb('QHL')).toEqual([{ metricCode: 'VIRTUAL_WARD_BEDS', odsCode: 'QHL', period: '2025-02', value: 170 }]);
    expect(ofIcb('QT6').map((claim) => claim.metricCode)).toEqual(['VIRTUAL_WARD_BEDS']);
    expect(february.publishedTotals[1]).toEqual({
      metricCode: 'VIRTUAL_WARD_OCCUPANCY',
      period: '2025-02',
      numerator: 9_340,
      denominator: 12_724 - 170 - 212,
    });
    // A lead provider serving ICBs in two regions: its rows summed (Central and North West London, 50 + 20 beds).
    const april = await parseVirtualWards(file('Apr2025').name, file('Apr2025').bytes);
    expect(april.claims).toContainEqual({
      metricCode: 'VIRTUAL_WARD_BEDS',
      odsCode: 'RV3',
      period: '2025-04',
      value: 70,
    });
  });

  it("imports the months as the ICBs report them, rolls regions and England up from the ICBs alone (never the providers), and judges England's 10,000 beds", async () => {
    const report = await importFiles(api.db, 'virtual-wards', FILES, { now: NOW });
    expect(report.errors).toEqual([]);
    expect(report.totals.every((check) => check.matches)).toBe(true);
    expect(await value('QHG', 'VIRTUAL_WARD_BEDS', '2025-04')).toEqual({
      value: 315,
      numerator: null,
      denominator: null,
      derived: false,
    });
    expect(await value('X24', 'VIRTUAL_WARD_BEDS', '2025-04')).toMatchObject({ value: 12_724, derived: true });
    expect(await value('X24', 'VIRTUAL_WARD_OCCUPANCY', '2025-02')).toMatchObject({
      numerator: 9_340,
      denominator: 12_342,
      derived: true,
    });
    // A region is the sum of its ICBs, though its lead providers' beds are recorded too.
    const icbs = await api.db.prisma.measurement.findMany({
      where: {
        period: '2025-04',
        metric: { code: 'VIRTUAL_WARD_BEDS' },
        organisation: { type: 'ICB', region: { odsCode: 'Y61' } },
      },
      select: { value: true },
    });
    expect(await value('Y61', 'VIRTUAL_WARD_BEDS', '2025-04')).toMatchObject({
      value: icbs.reduce((sum, row) => sum + row.value, 0),
      derived: true,
    });
    expect(await value('RC9', 'VIRTUAL_WARD_BEDS', '2025-04')).toMatchObject({ value: 265, derived: false });
    // Over 100%: Gloucestershire (QR1), 187 patients in 181 beds in April 2025.
    expect((await value('QR1', 'VIRTUAL_WARD_OCCUPANCY', '2025-04'))!.value).toBeCloseTo((187 / 181) * 100, 10);
    const { json } = await api.post({
      query:
        '{ metric(code: "VIRTUAL_WARD_BEDS") { reportedByIcbs } organisation(odsCode: "X24") { standing(metricCode: "VIRTUAL_WARD_BEDS") { state period threshold } } }',
    });
    expect(json).toEqual({
      data: {
        metric: { reportedByIcbs: true },
        organisation: { standing: { state: 'MEETING', period: '2025-06', threshold: 10_000 } },
      },
    });
    // Regions and England are rolled up: they cannot be written.
    const { json: refused } = await api.post({
      query:
        'mutation { recordMeasurements(input: { source: "test", measurements: [{ metricCode: "VIRTUAL_WARD_BEDS", odsCode: "Y61", period: "2025-05", value: 1 }] }) { inserted errors { code message } } }',
    });
    expect((refused.data as any).recordMeasurements.errors).toEqual([
      {
        code: 'DERIVED_MEASUREMENT',
        message: 'VIRTUAL_WARD_BEDS for Y61 (REGION) is rolled up from its ICBs and cannot be written.',
      },
    ]);
  });

  it('refuses, naming the fault and writing nothing: a DM01 workbook, a CSV, a file cut short, England not the sum of its ICBs, an occupancy that contradicts its counts, an occupancy beside patients not submitted', async () => {
    const before = await api.db.prisma.measurement.count();
    const cases: [string, Uint8Array, RegExp][] = [
      [
        'DM01',
        dm01ImportFiles()[0]!.bytes,
        /an Excel workbook \(\.xlsx\) is expected, but the file is an Excel 97-2003 workbook \(\.xls\)/,
      ],
      [
        'CSV',
        Buffer.from('ICB code,Name\nQHG,x\n'),
        /an Excel workbook \(\.xlsx\) is expected, but the file is not a workbook at all/,
      ],
      ['cut short', file('Mar2025').bytes.subarray(0, 10_000), /the workbook is damaged or cut short/],
      [
        'England',
        await changedMarch('QHG', (row) => {
          row[CAPACITY] = (row[CAPACITY] as number) + 10;
          row[OCCUPANCY] = (row[PATIENTS] as number) / (row[CAPACITY] as number);
        }),
        /The ICB rows add up to 12835 beds, but England's row says 12825/,
      ],
      [
        'occupancy',
        await changedMarch('QHG', (row) => {
          row[OCCUPANCY] = 0.5;
        }),
        /QHG: the occupancy is "0.5", but \d+ patients in \d+ beds is/,
      ],
      [
        'not submitted',
        await changedMarch('QHG', (row) => {
          row[PATIENTS] = '**';
        }),
        /QHG: patients not submitted \("\*\*"\) but an occupancy of/,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const report = await importFiles(api.db, 'virtual-wards', [{ name: `${name}.xlsx`, bytes }], { now: NOW });
      expect(report.errors.map((error) => error.message).join('\n'), name).toMatch(message);
    }
    expect(await api.db.prisma.measurement.count()).toBe(before);
  });
});
