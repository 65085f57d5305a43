import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAmbsys } from '../src/ingest/ambsys.js';
import { importFiles } from '../src/services/import.js';
import { createTestApi, type TestApi } from './support/api.js';
import { AMBSYS_EXTRACT } from './support/mirror.js';
import { subscribeSse } from './support/streams.js';

const NOW = new Date('2025-07-15T12:00:00Z');
const extract = readFileSync(AMBSYS_EXTRACT, 'utf8');
const [header, ...lines] = extract.trim().split(/\r?\n/);
const columns = header!.split(',');
/** The extract with one cell of one row changed. */
const edited = (year: number, month: number, code: string, column: string, change: (value: number) => number) =>
  [
    header,
    ...lines.map((line) => {
      const cells = line.split(',');
      if (cells[0] !== String(year) || cells[1] !== String(month) || cells[2] !== code) return line;
      const at = columns.indexOf(column);
      cells[at] = String(change(Number(cells[at])));
      return cells.join(',');
    }),
  ].join('\n');

let api: TestApi;
let url: string;
beforeAll(async () => {
  api = await createTestApi();
  url = await api.app.start(0);
});
afterAll(async () => {
  await api?.close();
});

const value = async (odsCode: string, metricCode: string, period: string) =>
  api.db.prisma.measurement.findFirst({
    where: { period, metric: { code: metricCode }, organisation: { odsCode } },
    select: { value: true, numerator: true, denominator: true, derived: true },
  });

describe("AmbSYS, NHS England's ambulance response times", () => {
  it("reads every service's month by the columns' names, in minutes, checked against England's row", () => {
    const parsed = parseAmbsys('AmbSYS.csv', extract);
    expect(parsed.problems).toEqual([]);
    // 27 months: 11 services × 5 metrics, and England's two centiles; and each service's year to
    // date for 2023-24, 2024-25 and 2025-26 (April to June).
    expect(parsed.claims).toHaveLength(27 * (11 * 5 + 2) + 11 * 3);
    expect(parsed.claims).toContainEqual({
      metricCode: 'AMB_CAT2_MEAN',
      odsCode: 'R1F',
      period: '2023-04',
      numerator: 1769947 / 60,
      denominator: 1218,
    });
    expect(parsed.claims).toContainEqual({
      metricCode: 'AMB_CAT2_P90',
      odsCode: 'X24',
      period: '2023-04',
      value: 3628 / 60,
    });
    // The same file with its columns in another order, and more of them, reads the same.
    const reordered = [
      ['Org Code', 'Region', ...columns.filter((column) => column !== 'Org Code')].join(','),
      ...lines.map((line) => {
        const cells = line.split(',');
        return [cells[2], 'x', ...cells.filter((_cell, index) => index !== 2)].join(',');
      }),
    ].join('\n');
    expect(parseAmbsys('AmbSYS.csv', reordered).claims).toEqual(parsed.claims);
    // A file that starts part-way through a year gives no year to date for it (it would be another figure).
    const fromMay = [header, ...lines.filter((line) => !line.startsWith('2023,4,'))].join('\n');
    expect(
      parseAmbsys('AmbSYS.csv', fromMay)
        .claims.filter((claim) => claim.metricCode === 'AMB_CAT2_MEAN_YTD')
        .map((claim) => claim.period),
    ).not.toContain('2023-24');
  });

  it('imports the services and rolls England and the regions up from them as summed times over summed incidents, never to ICBs', async () => {
    // An ambulance operations room: the services' crossings, whatever their organisation type.
    const room = await subscribeSse(
      url,
      'subscription { thresholdCrossed(filter: { ambulanceServices: true }) { cursor organisation { odsCode ambulanceService } } }',
      {},
      api.adminKey,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const report = await importFiles(
      api.db,
      'ambsys',
      [{ name: 'AmbSYS-Apr-2023-to-Jun-2025-extract.csv', text: extract }],
      { now: NOW },
    );
    expect(report.errors).toEqual([]);
    const services = await api.db.prisma.crossing.findMany({
      where: { organisation: { ambulanceService: true } },
      orderBy: { sequence: 'asc' },
    });
    expect(services.length).toBeGreaterThan(0);
    await room.waitFor(services.length, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    room.close();
    expect(room.events.map((event) => event.thresholdCrossed.cursor)).toEqual(
      services.map((crossing) => crossing.sequence.toString()),
    );
    const { json: listed } = await api.post({
      query:
        '{ organisations(filter: { ambulanceServices: true }, first: 50) { totalCount edges { node { odsCode type ambulanceService } } } rj1: organisation(odsCode: "RJ1") { ambulanceService } }',
    });
    expect((listed.data as any).organisations.totalCount).toBe(11);
    expect((listed.data as any).organisations.edges.map((edge: any) => edge.node.odsCode).sort()).toEqual([
      'R1F',
      'RRU',
      'RX6',
      'RX7',
      'RX8',
      'RX9',
      'RYA',
      'RYC',
      'RYD',
      'RYE',
      'RYF',
    ]);
    expect((listed.data as any).rj1.ambulanceService).toBe(false);
    const england = await value('X24', 'AMB_CAT2_MEAN', '2023-04');
    expect(england).toMatchObject({ derived: true, denominator: 360699 });
    // England's published mean is 1713 s: 28:33.
    expect(Math.round(england!.value * 60)).toBe(1713);
    expect(england!.numerator).toBeCloseTo(617940201 / 60, 4);
    // South East (Y59): South East Coast, South Central and the Isle of Wight together.
    const row = (code: string) =>
      lines
        .map((line) => line.split(','))
        .find((cells) => cells[0] === '2023' && cells[1] === '4' && cells[2] === code)!;
    const southEast = ['RYD', 'RYE', 'R1F'].map(row);
    const [seconds, incidents] = [columns.indexOf('A30'), columns.indexOf('A10')].map((at) =>
      southEast.reduce((sum, cells) => sum + Number(cells[at]), 0),
    );
    expect((await value('Y59', 'AMB_CAT2_MEAN', '2023-04'))!.value).toBeCloseTo(seconds! / incidents! / 60, 9);
    expect(await value('QKK', 'AMB_CAT2_MEAN', '2023-04')).toBeNull();
    // The financial year 2023/24 as a whole, judged on its own: Σ times ÷ Σ incidents over April to March.
    const england2023 = lines
      .map((line) => line.split(','))
      .filter(
        (cells) =>
          cells[2] === 'Eng' &&
          ((cells[0] === '2023' && Number(cells[1]) >= 4) || (cells[0] === '2024' && Number(cells[1]) <= 3)),
      );
    expect(england2023).toHaveLength(12);
    const [yearSeconds, yearIncidents] = [columns.indexOf('A30'), columns.indexOf('A10')].map((at) =>
      england2023.reduce((sum, cells) => sum + Number(cells[at]), 0),
    );
    const year = await value('X24', 'AMB_CAT2_MEAN_YTD', '2023-24');
    expect(year).toMatchObject({ derived: true, denominator: yearIncidents });
    expect(year!.value).toBeCloseTo(yearSeconds! / yearIncidents! / 60, 9);
    const { json: judged } = await api.post({
      query:
        '{ organisation(odsCode: "X24") { measurements(metricCode: "AMB_CAT2_MEAN_YTD") { edges { node { period displayValue standing { state threshold } } } } } }',
    });
    const byYear = new Map(
      (judged.data as any).organisation.measurements.edges.map(({ node }: any) => [node.period, node]),
    );
    expect([...byYear.keys()]).toEqual(['2023-24', '2024-25', '2025-26']);
    // England's 2023/24 Category 2 mean was over half an hour: the year missed its 30 minutes.
    expect(year!.value).toBeGreaterThan(30);
    expect(byYear.get('2023-24')).toMatchObject({ standing: { state: 'NOT_MEETING', threshold: 30 } });
    expect((await value('X24', 'AMB_INCIDENTS', '2023-04'))!.value).toBe(676978);
    expect(await value('X24', 'AMB_CAT2_P90', '2023-04')).toMatchObject({ derived: false, value: 3628 / 60 });
    // December 2023's England mean was over the 30-minute target: crossings for England and services.
    expect(
      await api.db.prisma.crossing.count({
        where: { metric: { code: 'AMB_CAT2_MEAN' }, organisation: { odsCode: 'X24' } },
      }),
    ).toBeGreaterThan(0);
    expect(
      await api.db.prisma.crossing.count({
        where: { metric: { code: 'AMB_CAT2_MEAN' }, organisation: { odsCode: { in: ['RRU', 'RX6', 'RYD'] } } },
      }),
    ).toBeGreaterThan(0);
    const { json } = await api.post({
      query: '{ organisation(odsCode: "X24") { latest(metricCode: "AMB_CAT2_MEAN") { period value displayValue } } }',
    });
    const latest = (json.data as any).organisation.latest;
    expect(latest.period).toBe('2025-06');
    // As NHS England publishes it: June 2025's England mean, A31, in minutes and seconds.
    const published = Number(
      lines
        .map((line) => line.split(','))
        .find((cells) => cells[0] === '2025' && cells[1] === '6' && cells[2] === 'Eng')![columns.indexOf('A31')],
    );
    expect(latest.displayValue).toBe(`${Math.floor(published / 60)}:${String(published % 60).padStart(2, '0')}`);
  });

  it('says of each metric whether it has data, where from, at which levels and over which periods: in one query for them all', async () => {
    api.queries.length = 0;
    const { json } = await api.post({
      query:
        '{ metrics(first: 100) { edges { node { code hasData reportedAt rollsUpToIcbs firstPeriod lastPeriod source { key } } } } }',
    });
    expect(json.errors).toBeUndefined();
    const metrics = new Map(((json.data as any).metrics.edges as any[]).map(({ node }) => [node.code, node]));
    expect(metrics.get('AMB_CAT2_MEAN')).toEqual({
      code: 'AMB_CAT2_MEAN',
      hasData: true,
      reportedAt: ['NATIONAL_BODY', 'REGION', 'TRUST'],
      rollsUpToIcbs: false,
      firstPeriod: '2023-04',
      lastPeriod: '2025-06',
      source: { key: 'nhse-ambsys' },
    });
    expect(metrics.get('AMB_CAT2_P90')).toMatchObject({ hasData: true, reportedAt: ['NATIONAL_BODY', 'TRUST'] });
    expect(metrics.get('AMB_INCIDENTS')).toMatchObject({
      hasData: true,
      reportedAt: ['NATIONAL_BODY', 'REGION', 'TRUST'],
    });
    expect(metrics.get('AE_4HR')).toMatchObject({ rollsUpToIcbs: true });
    // Set by the mandate, published by nobody the server reads: no data, said as data.
    expect(metrics.get('DIAG_6WK')).toMatchObject({
      hasData: false,
      reportedAt: [],
      firstPeriod: null,
      lastPeriod: null,
    });
    expect(api.queries.filter((sql) => sql.includes('GROUP BY m."metricId"'))).toHaveLength(1);
  });

  it("refuses, naming the fault and writing nothing: services that do not sum to England, a mean that is not its total over its count, a month twice, a negative count, a part above its whole, another publication's file", async () => {
    const before = await api.db.prisma.measurement.count();
    const cases: [string, string, RegExp][] = [
      [
        'sum',
        edited(2024, 1, 'RRU', 'A10', (count) => count + 1),
        /2024-01: the services' A10 sum to \d+, but England's is \d+/,
      ],
      [
        'mean',
        edited(2024, 2, 'RX6', 'A31', (mean) => mean + 5),
        /RX6 2024-02: the published mean A31 is \d+ s, but A30 ÷ A10 is \d+ s/,
      ],
      ['twice', `${extract.trim()}\n${lines[5]}`, /is in the file twice \(also at line 7\)/],
      ['negative', edited(2024, 3, 'RYA', 'A8', () => -4), /A8 is "-4"/],
      [
        'part above whole',
        edited(2024, 3, 'RYA', 'A8', () => 10_000_000),
        /RYA 2024-03: A8 \(10000000\) is more than all incidents, A7/,
      ],
      [
        'another publication',
        readFileSync(
          AMBSYS_EXTRACT.replace(/ambulance-ambsys.*$/, 'ae-monthly-2024-25/Monthly-AE-June-2024.csv'),
          'utf8',
        ),
        /This is not an AmbSYS file: it lacks the columns Year, Month, A7/,
      ],
    ];
    for (const [name, text, message] of cases) {
      const report = await importFiles(api.db, 'ambsys', [{ name: `${name}.csv`, text }], { now: NOW });
      expect(report.errors.map((error) => error.message).join('\n'), name).toMatch(message);
      expect(
        report.errors.every((error) => error.code === 'INVALID_FILE'),
        name,
      ).toBe(true);
    }
    expect(await api.db.prisma.measurement.count()).toBe(before);
  });
});
