import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IcbMonthlyDocument, MeasurementHistoryDocument } from '../schema/generated/graphql.js';
import { parseCsv } from '../src/ingest/csv.js';
import { periodOfMsitae } from '../src/ingest/nhse-ae-monthly.js';
import { AE_ATTENDANCES_2016_19, monthlyAeImportFiles } from './support/mirror.js';
import { importFiles } from '../src/services/import.js';
import { createTestApi, type TestApi } from './support/api.js';
import { monthsFrom } from './support/factories.js';

const MONTHLY = monthlyAeImportFiles();
const file = (fragment: string) => MONTHLY.find((f) => f.name.includes(fragment))!;
const NOW = new Date('2025-07-15T12:00:00Z');

/** The published England total row of a file, read independently of the importer. */
function publishedTotal(text: string): { period: string; numerator: number; denominator: number } {
  const [header, ...rows] = parseCsv(text);
  const columns = header!.map((name) => name.trim());
  const total = rows.find((row) => row[0]!.trim().toLowerCase() === 'total')!;
  const sum = (prefix: string) =>
    columns.reduce((acc, name, index) => (name.startsWith(prefix) ? acc + Number(total[index] || 0) : acc), 0);
  const attendances = sum('A&E attendances');
  return {
    period: periodOfMsitae(rows[0]![0]!)!,
    numerator: attendances - sum('Attendances over 4hrs'),
    denominator: attendances,
  };
}

let api: TestApi;
const counts = async () => ({
  measurements: await api.db.prisma.measurement.count(),
  revisions: await api.db.prisma.measurementRevision.count(),
  organisations: await api.db.prisma.organisation.count(),
});

beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

describe('importing NHS England monthly A&E files', () => {
  it('refuses an invalid file naming its line, and writes nothing of the whole import', async () => {
    const before = await counts();
    const broken = {
      name: 'broken.csv',
      text: file('March-2025').text.replace(/^(MSitAE-MARCH-2025,RJ1,[^,]*,[^,]*,)\d+/m, '$1lots'),
    };
    const report = await importFiles(api.db, 'nhse-ae-monthly', [file('April-2025'), broken], { now: NOW });
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'broken.csv',
        code: 'INVALID_FILE',
        message: expect.stringContaining('"lots" in column "A&E attendances Type 1" is not a whole number'),
      }),
    ]);
    expect(report.errors[0]!.line).toBeGreaterThan(1);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file cut short (no total row, its last row incomplete) whole, naming why', async () => {
    const before = await counts();
    // As a download that stopped part-way: the first 14,000 bytes end inside trust RTX's row.
    const truncated = { name: 'Monthly-AE-August-2024.csv', text: file('August-2024').text.slice(0, 14_000) };
    const report = await importFiles(api.db, 'nhse-ae-monthly', [truncated], { now: NOW });
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'Monthly-AE-August-2024.csv',
          code: 'INVALID_FILE',
          line: null,
          message: expect.stringContaining('has no England total row'),
        }),
        expect.objectContaining({
          code: 'INVALID_FILE',
          message: expect.stringMatching(/has \d+ of the header's \d+ columns: the file is cut short or damaged/),
        }),
      ]),
    );
    expect(report.inserted + report.revised).toBe(0);
    expect(await counts()).toEqual(before);
    // A file whose rows are whole but that lost its total row is refused too.
    const untotalled = { name: 'untotalled.csv', text: file('August-2024').text.replace(/^TOTAL,.*$/m, '') };
    expect((await importFiles(api.db, 'nhse-ae-monthly', [untotalled], { now: NOW })).errors).toEqual([
      expect.objectContaining({ code: 'INVALID_FILE', message: expect.stringContaining('has no England total row') }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file whose total row the roll-up does not reproduce, naming the difference', async () => {
    const before = await counts();
    const june = file('June-2024');
    const tampered = {
      name: 'tampered.csv',
      text: june.text.replace(
        /^TOTAL,TOTAL,TOTAL,TOTAL,(\d+)/m,
        (_m, first) => `TOTAL,TOTAL,TOTAL,TOTAL,${Number(first) + 10}`,
      ),
    };
    const report = await importFiles(api.db, 'nhse-ae-monthly', [tampered], { now: NOW });
    expect(report.errors).toEqual([
      expect.objectContaining({
        code: 'TOTAL_MISMATCH',
        message: expect.stringMatching(
          /tampered\.csv: England AE_4HR for 2024-06 .* \(numerator -10, denominator -10\)/,
        ),
      }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('imports all 13 months; England equals the published total row of every month', async () => {
    const report = await importFiles(api.db, 'nhse-ae-monthly', MONTHLY, { now: NOW });
    expect(report.errors).toEqual([]);
    expect(report.files).toHaveLength(13);
    expect(report.totals).toHaveLength(13);
    expect(report.totals.every((check) => check.matches)).toBe(true);
    // Independent and urgent-care providers in the files but not in the ODS trust extract.
    expect(report.newProviders.length).toBe(52);
    expect(report.newProviders.every((provider) => /^Y(5[6-9]|6[0-3])$/.test(provider.regionOdsCode ?? ''))).toBe(true);
    expect(report.inserted).toBeGreaterThan(10_000);

    const { england } = await api.execute(IcbMonthlyDocument, { metricCode: 'AE_4HR', from: '2024-06', to: '2025-06' });
    const byPeriod = new Map(england!.measurements.edges.map(({ node }) => [node.period, node]));
    for (const monthly of MONTHLY) {
      const total = publishedTotal(monthly.text);
      expect(byPeriod.get(total.period), monthly.name).toMatchObject({
        numerator: total.numerator,
        denominator: total.denominator,
        derived: true,
      });
    }
  });

  it('gives each of the 42 ICBs its monthly AE_4HR for June 2024 to June 2025', async () => {
    const { organisations } = await api.execute(IcbMonthlyDocument, {
      metricCode: 'AE_4HR',
      from: '2024-06',
      to: '2025-06',
    });
    expect(organisations.totalCount).toBe(42);
    const months = monthsFrom('2024-06', '2025-06');
    for (const { node } of organisations.edges) {
      expect(
        node.measurements.edges.map((edge) => edge.node.period),
        node.odsCode,
      ).toEqual(months);
      expect(
        node.measurements.edges.every((edge) => edge.node.derived && edge.node.value > 40 && edge.node.value < 100),
      ).toBe(true);
    }
  });

  it('rolls up as hand-computed from the files: ICBs, London, and one trust', async () => {
    // Sums worked out from the published rows: South East London ICB (QKK) = RJ1 + RJ2 + RJZ in
    // June 2025; Lancashire and South Cumbria (QE1) = RTX + RXL + RXN + RXR in June 2024; London =
    // every provider whose Parent Org is NHS ENGLAND LONDON in June 2025.
    const at = async (odsCode: string, period: string) =>
      api.db.prisma.measurement.findFirstOrThrow({
        where: { organisation: { odsCode }, metric: { code: 'AE_4HR' }, period },
      });
    expect(await at('QKK', '2025-06')).toMatchObject({ numerator: 50_124, denominator: 68_989, derived: true });
    expect((await at('QKK', '2025-06')).value).toBeCloseTo(72.655, 3);
    expect(await at('QE1', '2024-06')).toMatchObject({ numerator: 55_835, denominator: 72_005 });
    expect(await at('Y56', '2025-06')).toMatchObject({ numerator: 320_480, denominator: 413_356 });
    expect(await at('RJ1', '2025-06')).toMatchObject({
      numerator: 14_404,
      denominator: 18_000,
      derived: false,
      source: 'nhse-ae-monthly file Monthly-AE-June-2025.csv',
    });
    const { organisation } = await api.execute(MeasurementHistoryDocument, { odsCode: 'QKK', metricCode: 'AE_4HR' });
    expect(organisation!.latest!.rolledUpFrom.edges.map((edge) => edge.node.organisation.odsCode)).toEqual([
      'RJ1',
      'RJ2',
      'RJZ',
    ]);
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await counts();
    const report = await importFiles(api.db, 'nhse-ae-monthly', MONTHLY, { now: NOW });
    expect(report).toMatchObject({ inserted: 0, revised: 0, rollUpsRecomputed: 0, errors: [] });
    expect(report.unchanged).toBeGreaterThan(10_000);
    expect(await counts()).toEqual(before);
  });

  it('copes with a BOM, CRLF, trailing spaces and a "Total " row just as with the clean file', async () => {
    const before = await counts();
    const original = file('May-2025');
    const quirky = {
      name: 'quirky.csv',
      text: `\uFEFF${original.text
        .replace(/\r?\n/g, '\r\n')
        .replace(/^TOTAL,TOTAL,/m, 'Total ,Total ,')
        .replace(/,NHS ENGLAND LONDON,/g, ',NHS ENGLAND LONDON  ,')}`,
    };
    const report = await importFiles(api.db, 'nhse-ae-monthly', [quirky], { now: NOW });
    expect(report.errors).toEqual([]);
    expect(report.totals).toEqual([expect.objectContaining({ period: '2025-05', matches: true })]);
    expect(report.inserted + report.revised).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it('revises a month from a revised file, keeping the values it replaces', async () => {
    const march = file('March-2025');
    const [header, ...rows] = march.text.split(/\r?\n/);
    // RJ1 sees 100 more attendances over four hours; the total row is revised to match.
    const revise = (line: string, columnFromHeader: string, delta: number) => {
      const cells = line.split(',');
      const column = header!.split(',').findIndex((name) => name.trim() === columnFromHeader);
      cells[column] = String(Number(cells[column]) + delta);
      return cells.join(',');
    };
    const revisedRows = rows.map((line) =>
      line.startsWith('MSitAE-MARCH-2025,RJ1,') || /^total,/i.test(line)
        ? revise(line, 'Attendances over 4hrs Type 1', 100)
        : line,
    );
    const report = await importFiles(
      api.db,
      'nhse-ae-monthly',
      [{ name: 'Monthly-AE-March-2025-revised.csv', text: [header, ...revisedRows].join('\n') }],
      { now: NOW },
    );
    expect(report.errors).toEqual([]);
    expect(report.revised).toBe(1);
    expect(report.rollUpsRecomputed).toBe(3);
    const trust = await api.db.prisma.measurement.findFirstOrThrow({
      where: { organisation: { odsCode: 'RJ1' }, metric: { code: 'AE_4HR' }, period: '2025-03' },
      include: { revisions: true },
    });
    expect(trust.revision).toBe(2);
    expect(trust.revisions).toEqual([
      expect.objectContaining({
        revision: 1,
        numerator: trust.numerator! + 100,
        source: 'nhse-ae-monthly file Monthly-AE-March-2025.csv',
      }),
    ]);
    expect(report.totals).toEqual([expect.objectContaining({ matches: true })]);
  });
});

describe('importing the 2016-19 long file and partner CSVs', () => {
  it('imports 2016-19 so that the 2017-18 target can be judged on real data', async () => {
    const text = readFileSync(AE_ATTENDANCES_2016_19, 'utf8');
    const report = await importFiles(api.db, 'ae-attendances', [{ name: 'ae_attendances.csv', text }], { now: NOW });
    expect(report.errors).toEqual([]);
    expect(report.files[0]!.periods[0]).toBe('2016-04');
    expect(report.files[0]!.periods.at(-1)).toBe('2019-03');
    const response = await api.post({
      query:
        '{ ranking(metricCode: "AE_4HR", period: "2018-12", organisationType: ICB, first: 1) { totalCount edges { node { standing { threshold state } } } } }',
    });
    expect(response.json.errors).toBeUndefined();
    const ranking = (response.json.data as any).ranking;
    expect(ranking.totalCount).toBeGreaterThan(30);
    expect(ranking.edges[0].node.standing.threshold).toBe(95);
  });

  it('refuses a partner CSV naming the lines at fault, and writes nothing', async () => {
    const before = await counts();
    const text = [
      'metric_code,ods_code,period,value,numerator,denominator',
      'AE_ATTENDANCES,RJ1,2019-05,12,,',
      'AE_4HR,RJ1,2019-05,,NaN,10',
      'AE_4HR,NOPE,2019-05,,1,10',
      'AE_ATTENDANCES,RJ1,2019-05,13,,',
    ].join('\n');
    const report = await importFiles(api.db, 'measurements', [{ name: 'partner.csv', text }], { now: NOW });
    expect(report.errors.map((problem) => [problem.line, problem.code])).toEqual([
      [3, 'NOT_FINITE'],
      [4, 'UNKNOWN_ORGANISATION'],
      [5, 'DUPLICATE_ROW'],
    ]);
    expect(await counts()).toEqual(before);
    const malformed = await importFiles(
      api.db,
      'measurements',
      [
        {
          name: 'bad.csv',
          text: 'metric_code,ods_code,period,value,numerator,denominator\nAE_ATTENDANCES,RJ1,2019-05,twelve,,\n',
        },
      ],
      { now: NOW },
    );
    expect(malformed.errors).toEqual([
      expect.objectContaining({
        file: 'bad.csv',
        line: 2,
        code: 'INVALID_FILE',
        message: 'value "twelve" is not a number.',
      }),
    ]);
    const wrongHeader = await importFiles(api.db, 'measurements', [{ name: 'x.csv', text: 'a,b\n1,2\n' }], {
      now: NOW,
    });
    expect(wrongHeader.errors[0]).toMatchObject({ line: 1, code: 'INVALID_FILE' });
  });
});
