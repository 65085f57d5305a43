import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardViewDocument, OrganisationDetailDocument } from '../../schema/generated/graphql.js';
import { parseCsv, writeCsv } from '../../src/ingest/csv.js';
import { importFiles } from '../../src/services/import.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { monthlyAeImportFiles } from '../support/mirror.js';

let api: TestApi;
let base: string;
beforeAll(async () => {
  api = await createTestApi();
  base = (await api.app.start(0)).replace(/\/graphql$/, '');
  expect(
    (
      await importFiles(api.db, 'nhse-ae-monthly', monthlyAeImportFiles().slice(-3), {
        now: new Date('2025-07-15T12:00:00Z'),
      })
    ).errors,
  ).toEqual([]);
});
afterAll(() => api?.close());

const RECORD =
  'mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { errors { index field code message } } }';

const csv = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${base}${path}`, { headers });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    text: await response.text(),
  };
};

describe('writeCsv', () => {
  it('writes RFC 4180: CRLF rows, fields with commas, quotes or line breaks quoted, quotes doubled; parseCsv reads it back', () => {
    const text = writeCsv(
      ['a', 'b', 'c'],
      [
        ['plain', 'with, comma', 'say "hi"'],
        ['line\nbreak', null, 3.5],
      ],
    );
    expect(text).toBe('a,b,c\r\nplain,"with, comma","say ""hi"""\r\n"line\nbreak",,3.5\r\n');
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['plain', 'with, comma', 'say "hi"'],
      ['line\nbreak', '', '3.5'],
    ]);
  });

  it('writes text a spreadsheet would run as a formula as inert text (OWASP), and numbers as numbers, negative ones too', () => {
    const triggers = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1'];
    const [, ...rows] = parseCsv(writeCsv(['cell'], [...triggers.map((text) => [text]), [-2.5], [0], ['a=b']]));
    expect(rows.map(([cell]) => cell)).toEqual([...triggers.map((text) => `'${text}`), '-2.5', '0', 'a=b']);
  });
});

describe('GET /export/…', () => {
  it("board.csv is, row for row, the board the API answers: each ICB's latest value with its unit, parts, target, state and provenance", async () => {
    const { status, type, disposition, text } = await csv('/export/board.csv?metric=AE_4HR&period=2025-05');
    expect(status).toBe(200);
    expect(type).toBe('text/csv; charset=utf-8; header=present');
    expect(disposition).toBe('attachment; filename="board-AE_4HR-ICB-2025-05.csv"');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'ods_code',
      'name',
      'region_ods_code',
      'metric_code',
      'unit',
      'period',
      'value',
      'display_value',
      'numerator',
      'denominator',
      'derived',
      'target_comparator',
      'target_value',
      'state',
      'milestone',
      'source',
      'revision',
      'recorded_at',
    ]);
    const answer = await api.execute(BoardViewDocument, { metricCode: 'AE_4HR', types: ['ICB'], to: '2025-05' });
    const icbs = answer.organisations.edges
      .map((edge) => edge.node)
      .filter((node) => node.measurements.edges.length > 0);
    expect(rows).toHaveLength(42);
    expect(rows.map((row) => row[0])).toEqual(icbs.map((icb) => icb.odsCode));
    for (const [index, row] of rows.entries()) {
      const icb = icbs[index]!;
      const latest = icb.measurements.edges.at(-1)!.node;
      expect(latest.period).toBe('2025-05');
      const record = Object.fromEntries(header!.map((name, i) => [name, row[i]]));
      expect(record).toMatchObject({
        name: icb.name,
        region_ods_code: icb.region!.odsCode,
        unit: 'PERCENT',
        period: '2025-05',
        value: String(latest.value),
        display_value: latest.displayValue,
        numerator: String(latest.numerator),
        denominator: String(latest.denominator),
        derived: 'true',
        target_comparator: 'AT_LEAST',
        target_value: '78',
        state: latest.standing!.state,
        milestone: '2023/p1/uec-recovery/four-hour-and-category-2',
        source: latest.source,
        revision: String(latest.revision),
        recorded_at: latest.recordedAt,
      });
    }
  });

  it('board.csv takes the ambulance services, or the trusts of a region, as the board does', async () => {
    const london = parseCsv((await csv('/export/board.csv?metric=AE_4HR&group=TRUST&region=y56')).text).slice(1);
    const answer = await api.execute(BoardViewDocument, {
      metricCode: 'AE_4HR',
      types: ['TRUST'],
      regionOdsCode: 'Y56',
      ambulanceServices: false,
    });
    expect(london.map((row) => row[0])).toEqual(
      answer.organisations.edges
        .filter((edge) => edge.node.measurements.edges.length > 0)
        .map((edge) => edge.node.odsCode),
    );
    expect(london.length).toBeGreaterThan(10);
    expect(london.every((row) => row[2] === 'Y56' && row[5] === '2025-06')).toBe(true);
  });

  it("series.csv is one organisation's whole series with its provenance", async () => {
    const [header, ...rows] = parseCsv((await csv('/export/series.csv?metric=AE_4HR&odsCode=RJ1')).text);
    const answer = await api.execute(OrganisationDetailDocument, { odsCode: 'RJ1', metricCode: 'AE_4HR' });
    const measurements = answer.organisation!.measurements.edges.map((edge) => edge.node);
    expect(header).toEqual([
      'ods_code',
      'name',
      'metric_code',
      'period',
      'value',
      'display_value',
      'numerator',
      'denominator',
      'derived',
      'threshold',
      'state',
      'source',
      'revision',
      'recorded_at',
    ]);
    expect(rows.map((row) => [row[3], row[4], row[11]])).toEqual(
      measurements.map((m) => [m.period, String(m.value), m.source]),
    );
    expect(rows).toHaveLength(3);
  });

  it('refuses bad parameters and unknown codes as the API does, and needs a key where the API does', async () => {
    for (const [path, code] of [
      ['/export/board.csv', 'BAD_USER_INPUT'],
      ['/export/board.csv?metric=AE_4HR&period=June', 'BAD_USER_INPUT'],
      ['/export/board.csv?metric=AE_4HR&group=CCG', 'BAD_USER_INPUT'],
      ['/export/board.csv?metric=NOPE', 'UNKNOWN_METRIC'],
    ] as const) {
      const { status, text } = await csv(path);
      expect(status, path).toBe(400);
      expect(JSON.parse(text).errors[0].extensions.code, path).toBe(code);
    }
    const closed = await createTestApi({ requireKeyForReads: true });
    const url = (await closed.app.start(0)).replace(/\/graphql$/, '');
    try {
      expect((await fetch(`${url}/export/board.csv?metric=AE_4HR`)).status).toBe(401);
      const reader = await closed.createKey('READER');
      const allowed = await fetch(`${url}/export/board.csv?metric=AE_4HR`, {
        headers: { authorization: `Bearer ${reader}` },
      });
      expect(allowed.status).toBe(200);
      expect((await allowed.text()).startsWith('ods_code,')).toBe(true);
    } finally {
      await closed.close();
    }
  });

  it('never hands a spreadsheet a formula: sources recorded through the API and organisation names beginning =, +, -, @, a tab or a carriage return come out inert, on both exports', async () => {
    const board = async () =>
      parseCsv((await csv('/export/board.csv?metric=AE_4HR&group=TRUST&region=Y56&period=2025-06')).text);
    const [header, ...before] = await board();
    const column = (name: string) => header!.indexOf(name);
    const trusts = before.slice(0, 6).map((row) => row[0]!);
    const sources = [
      '=HYPERLINK("http://example.org","x")',
      '+HYPERLINK("http://example.org","x")',
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
    ];
    for (const [index, source] of sources.entries()) {
      const recorded = await api.post({
        query: RECORD,
        variables: {
          input: {
            source,
            measurements: [
              {
                metricCode: 'AE_4HR',
                odsCode: trusts[index],
                period: '2025-06',
                numerator: 700 + index,
                denominator: 1000,
              },
            ],
          },
        },
      });
      expect(recorded.json.data).toMatchObject({ recordMeasurements: { errors: [] } });
    }
    // Names come from the publishers' extracts, not through the API: a hostile one is put in as an extract could bring it.
    const names = ['\t=1+1', '\r=1+1'];
    for (const [index, name] of names.entries())
      await api.db.prisma.organisation.update({ where: { odsCode: trusts[4 + index] }, data: { name } });

    const rows = (await board()).filter((row) => trusts.includes(row[0]!));
    for (const [index, source] of sources.entries()) {
      const row = rows.find((cells) => cells[0] === trusts[index])!;
      expect(row[column('source')]).toBe(`'${source}`);
      expect(row[column('value')]).toMatch(/^\d+(\.\d+)?$/);
      expect(Number(row[column('value')])).toBeCloseTo((700 + index) / 10, 9);
      expect(row[column('numerator')]).toBe(String(700 + index));
    }
    for (const [index, name] of names.entries())
      expect(rows.find((cells) => cells[0] === trusts[4 + index])![column('name')]).toBe(`'${name}`);

    for (const [index, trust] of trusts.entries()) {
      const [seriesHeader, ...series] = parseCsv((await csv(`/export/series.csv?metric=AE_4HR&odsCode=${trust}`)).text);
      const june = series.find((row) => row[seriesHeader!.indexOf('period')] === '2025-06')!;
      if (index < sources.length) expect(june[seriesHeader!.indexOf('source')]).toBe(`'${sources[index]}`);
      else expect(june[seriesHeader!.indexOf('name')]).toBe(`'${names[index - sources.length]}`);
      expect(series.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    }
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });
});
