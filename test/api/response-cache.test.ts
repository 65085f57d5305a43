import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.js';
import { insertMeasurements } from '../support/factories.js';

const BOARD =
  '{ organisations(filter: { types: [ICB] }, first: 3) { edges { node { odsCode latest(metricCode: "AE_4HR") { period value } } } } }';
const QKK_LATEST =
  '{ organisation(odsCode: "QKK") { latest(metricCode: "AE_4HR") { period value } standing(metricCode: "AE_4HR") { threshold } } }';
const RECORD = 'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { inserted errors { code } } }';
const as = (key: string | null) => ({ authorization: key === null ? '' : `Bearer ${key}` });

let api: TestApi;
let reader: string;
beforeAll(async () => {
  api = await createTestApi();
  reader = await api.createKey('READER');
  await insertMeasurements(api.db, [
    {
      metricCode: 'AE_4HR',
      odsCode: 'QKK',
      period: '2025-03',
      value: 70,
      numerator: 700,
      denominator: 1_000,
      derived: true,
    },
  ]);
});
afterAll(() => api?.close());

/** The SQL statements a request sent, other than reading the change counter. */
async function queriesOf(send: () => Promise<unknown>): Promise<number> {
  api.queries.length = 0;
  await send();
  return api.queries.filter((sql) => !sql.includes('"DataVersion"')).length;
}

describe('the response cache', () => {
  it('answers a repeated query from memory, reading only the change counter', async () => {
    api.queries.length = 0;
    const first = await api.post({ query: BOARD }, as(null));
    // The cache and the target catalogue share one read of the counter.
    expect(api.queries.filter((sql) => sql.includes('"DataVersion"'))).toHaveLength(1);
    expect(await queriesOf(() => api.post({ query: BOARD }, as(null)))).toBe(0);
    expect((await api.post({ query: BOARD }, as(null))).json).toEqual(first.json);
    // Another role, other variables or another document is another answer.
    expect(await queriesOf(() => api.post({ query: BOARD }, as(reader)))).toBeGreaterThan(0);
    expect(await queriesOf(() => api.post({ query: BOARD.replace('first: 3', 'first: 4') }, as(null)))).toBeGreaterThan(
      0,
    );
  });

  it('never serves an answer older than a write, whoever made it', async () => {
    expect((await api.post({ query: QKK_LATEST }, as(null))).json.data).toMatchObject({
      organisation: { latest: { period: '2025-03', value: 70 } },
    });
    // Through the API: a trust in South East London rolls up into a newer QKK value.
    const written = await api.post({
      query: RECORD,
      variables: {
        i: {
          source: 'cache test',
          measurements: [
            { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-05', numerator: 900, denominator: 1_000 },
          ],
        },
      },
    });
    expect(written.json.data).toEqual({ recordMeasurements: { inserted: 1, errors: [] } });
    expect((await api.post({ query: QKK_LATEST }, as(null))).json.data).toMatchObject({
      organisation: { latest: { period: '2025-05', value: 90 } },
    });
    // Straight into the database, as another process or plain SQL would.
    await api.db.prisma.$executeRawUnsafe(`UPDATE "Target" SET "value" = 81 WHERE "value" = 78`);
    expect((await api.post({ query: QKK_LATEST }, as(null))).json.data).toMatchObject({
      organisation: { standing: { threshold: 81 } },
    });
  });

  it('answers a hit in the media type the client accepts, as a fresh answer would be', async () => {
    const ask = async (accept: string) =>
      (
        await api.post({ query: '{ negotiated: organisation(odsCode: "QKK") { name } }' }, { ...as(null), accept })
      ).headers.get('content-type');
    expect(await ask('application/json')).toBe('application/json; charset=utf-8');
    for (const [accept, type] of [
      ['application/json', 'application/json'],
      ['application/graphql-response+json', 'application/graphql-response+json'],
      ['application/graphql-response+json, application/json', 'application/graphql-response+json'],
      ['application/json, application/graphql-response+json', 'application/json'],
      ['*/*', 'application/json'],
    ]) {
      expect(await queriesOf(() => ask(accept!))).toBe(0);
      expect(await ask(accept!), accept).toBe(`${type}; charset=utf-8`);
    }
  });

  it('keeps no errors, no mutations and nothing for admins', async () => {
    const bad = '{ organisation(odsCode: "QKK") { latest(metricCode: "NOPE") { value } } }';
    await api.post({ query: bad }, as(null));
    expect(await queriesOf(() => api.post({ query: bad }, as(null)))).toBeGreaterThan(0);
    await api.post({ query: BOARD });
    expect(await queriesOf(() => api.post({ query: BOARD }))).toBeGreaterThan(0);
  });
});
