import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCwtProviderExtract } from '../src/ingest/cancer-waiting-times.js';
import { worksheetRows } from '../src/ingest/xlsx.js';
import { importFiles } from '../src/services/import.js';
import { createTestApi, type TestApi } from './support/api.js';
import { AMBSYS_EXTRACT, CWT_DIR, cwtProviderImportFiles } from './support/mirror.js';

const NOW = new Date('2025-07-15T12:00:00Z');
const [PROVISIONAL, OCTOBER] = cwtProviderImportFiles();
const HEADER = [
  'PERIOD',
  'YEAR',
  'MONTH',
  'STANDARD',
  'ORG CODE',
  'STAGE/ROUTE',
  'TREATMENT MODALITY',
  'CANCER TYPE',
  'TOTAL TREATED',
  'WITHIN STANDARD',
  'BREACHES',
];

/** A provider extract of the test's own rows, laid out as NHS England lays it out. */
async function extract(rows: unknown[][], header: string[] = HEADER): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('CWT CRS Provider Extract');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
const fdsRow = (
  month: string,
  odsCode: string,
  total: number,
  within: number,
  breaches = total - within,
  route = 'URGENT SUSPECTED CANCER',
  type = 'Suspected lung cancer',
) => [
  new Date(`${month}-01T00:00:00Z`),
  '2023/24',
  'SEP',
  '28-day FDS',
  odsCode,
  route,
  null,
  type,
  total,
  within,
  breaches,
];

/** England's monthly figures (total, within) for each standard, from NHS England's national time series. */
async function nationalTimeSeries(): Promise<Map<string, { total: number; within: number }>> {
  const bytes = readFileSync(path.join(CWT_DIR, 'CWT-CRS-National-Time-Series-Oct-2009-Oct-2023-with-Revisions.xlsx'));
  const figures = new Map<string, { total: number; within: number }>();
  // Three blocks side by side: 28-day FDS from column B, 31-day from I, 62-day from P (month, total, within).
  const blocks = [
    ['CANCER_FDS', 1],
    ['CANCER_31D', 8],
    ['CANCER_62D', 15],
  ] as const;
  for await (const row of worksheetRows(bytes, 'Monthly Performance')) {
    for (const [metricCode, at] of blocks) {
      const [month, total, within] = [row[at], row[at + 1], row[at + 2]];
      if (month instanceof Date && typeof total === 'number' && typeof within === 'number')
        figures.set(`${metricCode} ${month.toISOString().slice(0, 7)}`, { total, within });
    }
  }
  return figures;
}

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api?.close();
});

const value = (odsCode: string, metricCode: string, period: string) =>
  api.db.prisma.measurement.findFirst({
    where: { period, metric: { code: metricCode }, organisation: { odsCode } },
    select: { value: true, numerator: true, denominator: true, derived: true, revision: true },
  });

describe("Cancer Waiting Times, NHS England's provider extracts", () => {
  it("reads each provider's month per standard, summing the rows that make it up, and the providers' sums are England's national time series exactly", async () => {
    const national = await nationalTimeSeries();
    const england = new Map<string, { total: number; within: number }>();
    for (const file of [PROVISIONAL!, OCTOBER!]) {
      const parsed = await parseCwtProviderExtract(file.name, file.bytes);
      expect(parsed.problems).toEqual([]);
      for (const claim of parsed.claims) {
        const key = `${claim.metricCode} ${claim.period}`;
        const sum = england.get(key) ?? { total: 0, within: 0 };
        england.set(key, { total: sum.total + claim.denominator!, within: sum.within + claim.numerator! });
      }
    }
    // April to October 2023, three standards: the 31- and 62-day sums count only the ALL MODALITIES rows.
    expect(england.size).toBe(21);
    for (const [key, figures] of england) expect(figures, key).toEqual(national.get(key));
    // 62-day breaches shared between two providers are halves, and stay halves.
    expect(england.get('CANCER_62D 2023-09')).toEqual({ total: 22747.5, within: 14403.5 });
  });

  it('imports the providers and rolls them up provider → ICB → region → England as summed numerators over summed denominators, equal to the national series', async () => {
    const report = await importFiles(api.db, 'cwt-provider', [PROVISIONAL!, OCTOBER!], { now: NOW });
    expect(report.errors).toEqual([]);
    expect(report.files.map((file) => file.periods.at(-1))).toEqual(['2023-09', '2023-10']);
    // Independent-sector providers are in no ODS trusts extract: created, under England.
    expect(report.newProviders.map((provider) => provider.odsCode)).toEqual(
      expect.arrayContaining(['NV1', 'NYG', 'GEC']),
    );
    const national = await nationalTimeSeries();
    for (const metricCode of ['CANCER_FDS', 'CANCER_31D', 'CANCER_62D']) {
      for (const period of ['2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10']) {
        const { total, within } = national.get(`${metricCode} ${period}`)!;
        expect(await value('X24', metricCode, period), `${metricCode} ${period}`).toMatchObject({
          derived: true,
          numerator: within,
          denominator: total,
        });
      }
    }
    // An ICB is the sum of the trusts under it; a region, of everything under it.
    for (const odsCode of ['QOP', 'Y56']) {
      const under = await api.db.prisma.measurement.aggregate({
        where: {
          period: '2023-10',
          derived: false,
          metric: { code: 'CANCER_FDS' },
          organisation: odsCode === 'QOP' ? { icb: { odsCode } } : { region: { odsCode } },
        },
        _sum: { numerator: true, denominator: true },
      });
      const rolled = await value(odsCode, 'CANCER_FDS', '2023-10');
      expect(rolled, odsCode).toMatchObject({
        derived: true,
        numerator: under._sum.numerator,
        denominator: under._sum.denominator,
      });
      expect(rolled!.value).toBeCloseTo((100 * under._sum.numerator!) / under._sum.denominator!, 9);
    }
    // Judged against the Faster Diagnosis Standard's 75% (England's October 2023 was 71.1%).
    const { json } = await api.post({
      query:
        '{ organisation(odsCode: "X24") { latest(metricCode: "CANCER_FDS") { period displayValue standing { state threshold } } } }',
    });
    expect((json.data as any).organisation.latest).toEqual({
      period: '2023-10',
      displayValue: '71.1%',
      standing: { state: 'NOT_MEETING', threshold: 75 },
    });
    expect(
      await api.db.prisma.crossing.count({
        where: { metric: { code: 'CANCER_FDS' }, organisation: { type: { in: ['ICB', 'TRUST'] } } },
      }),
    ).toBeGreaterThan(0);
  });

  it('says where the cancer metrics come from and at which levels they are reported', async () => {
    const { json } = await api.post({
      query:
        '{ metric(code: "CANCER_FDS") { unit polarity hasData reportedAt rollsUpToIcbs firstPeriod lastPeriod source { key } } }',
    });
    expect((json.data as any).metric).toEqual({
      unit: 'PERCENT',
      polarity: 'HIGHER_IS_BETTER',
      hasData: true,
      reportedAt: ['NATIONAL_BODY', 'REGION', 'ICB', 'TRUST', 'OTHER_PROVIDER'],
      rollsUpToIcbs: true,
      firstPeriod: '2023-04',
      lastPeriod: '2023-10',
      source: { key: 'nhse-cwt-provider' },
    });
  });

  it("takes a later file's figures for a provisional month as revisions, keeping the provisional ones in the history", async () => {
    const before = await value('RJ1', 'CANCER_FDS', '2023-09');
    const england = await value('X24', 'CANCER_FDS', '2023-09');
    // The final release restates one provider's September: ten more patients told in time.
    const restated = await extract([fdsRow('2023-09', 'RJ1', before!.denominator!, before!.numerator! + 10)]);
    const report = await importFiles(
      api.db,
      'cwt-provider',
      [{ name: 'CWT-CRS-Sep-2023-Data-Extract-Provider-Final.xlsx', bytes: restated }],
      { now: NOW },
    );
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ inserted: 0, revised: 1 });
    expect(await value('RJ1', 'CANCER_FDS', '2023-09')).toMatchObject({
      numerator: before!.numerator! + 10,
      denominator: before!.denominator,
      revision: before!.revision + 1,
    });
    expect(await value('X24', 'CANCER_FDS', '2023-09')).toMatchObject({
      numerator: england!.numerator! + 10,
      denominator: england!.denominator,
    });
    const history = await api.db.prisma.measurementRevision.findMany({
      where: { measurement: { period: '2023-09', metric: { code: 'CANCER_FDS' }, organisation: { odsCode: 'RJ1' } } },
    });
    expect(history).toMatchObject([{ numerator: before!.numerator, denominator: before!.denominator }]);
  });

  it("refuses, naming the fault and writing nothing: another extract's workbook, a CSV, a row twice, a negative count, a part above its whole, parts that do not add up, a sheet with columns missing", async () => {
    const before = await api.db.prisma.measurement.count();
    const cases: [string, Uint8Array, RegExp][] = [
      [
        'sub-ICB extract',
        readFileSync(path.join(CWT_DIR, 'CWT-CRS-Apr-23-to-Oct-23-Data-Extract-ICB-Sub-Location.xlsx')),
        /lacks the columns ORG CODE, STAGE\/ROUTE, TREATMENT MODALITY, CANCER TYPE, TOTAL TREATED/,
      ],
      [
        'AmbSYS CSV',
        readFileSync(AMBSYS_EXTRACT),
        /This is not a Cancer Waiting Times provider extract: an Excel workbook \(\.xlsx\) is expected, but the file is not a workbook at all/,
      ],
      [
        'cut short',
        readFileSync(path.join(CWT_DIR, 'CWT-CRS-Oct-2023-Data-Extract-Provider.xlsx')).subarray(0, 200_000),
        /This is not a Cancer Waiting Times provider extract: the workbook is damaged or cut short: obtain it again from the publisher\.$/,
      ],
      [
        'twice',
        await extract([
          fdsRow('2023-09', 'RJ1', 10, 8),
          fdsRow('2023-09', 'RJ2', 10, 8),
          fdsRow('2023-09', 'RJ1', 10, 8),
        ]),
        /RJ1 2023-09 28-day FDS \(URGENT SUSPECTED CANCER, Suspected lung cancer\) is in the file twice \(also at row 2\)/,
      ],
      [
        'negative',
        await extract([fdsRow('2023-09', 'RJ1', 10, -2, 12)]),
        /WITHIN STANDARD is "-2": a count, not negative/,
      ],
      [
        'part above whole',
        await extract([fdsRow('2023-09', 'RJ1', 10, 12, 0)]),
        /WITHIN STANDARD \(12\) is more than TOTAL TREATED \(10\)/,
      ],
      [
        'parts',
        await extract([fdsRow('2023-09', 'RJ1', 10, 8, 1)]),
        /WITHIN STANDARD \(8\) and BREACHES \(1\) do not add up to TOTAL TREATED \(10\)/,
      ],
      [
        'bad month',
        await extract([['Sept 2023', ...fdsRow('2023-09', 'RJ1', 10, 8).slice(1)]]),
        /PERIOD is "Sept 2023"/,
      ],
      [
        'columns',
        await extract([fdsRow('2023-09', 'RJ1', 10, 8).slice(0, 8)], HEADER.slice(0, 8)),
        /lacks the columns TOTAL TREATED, WITHIN STANDARD, BREACHES/,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const report = await importFiles(api.db, 'cwt-provider', [{ name: `${name}.xlsx`, bytes }], { now: NOW });
      expect(report.errors.map((error) => error.message).join('\n'), name).toMatch(message);
      expect(
        report.errors.every((error) => error.code === 'INVALID_FILE'),
        name,
      ).toBe(true);
    }
    // A workbook offered as another publication's CSV is refused by that reader.
    const asAmbsys = await importFiles(api.db, 'ambsys', [OCTOBER!], { now: NOW });
    expect(asAmbsys.errors.map((error) => error.message).join('\n')).toMatch(/This is not an AmbSYS file/);
    expect(await api.db.prisma.measurement.count()).toBe(before);
  });
});
