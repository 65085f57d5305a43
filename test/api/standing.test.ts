import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BoardViewDocument,
  IcbBoardDocument,
  OrganisationsDocument,
  RankingDocument,
} from '../../schema/generated/graphql.js';
import { createTestApi, FIXED_TODAY, type TestApi } from '../support/api.js';
import { insertMeasurements, monthsFrom, type MeasurementFixture } from '../support/factories.js';

let api: TestApi;
let icbCodes: string[];
const MONTHS = monthsFrom('2024-06', '2025-06');

/** A deterministic four-hour figure per ICB and month, spread either side of the 78% target. */
function fourHour(icbIndex: number, monthIndex: number): { value: number; numerator: number; denominator: number } {
  const denominator = 20_000 + icbIndex * 731 + monthIndex * 97;
  const numerator = Math.round(denominator * (0.7 + ((icbIndex * 7 + monthIndex * 3) % 17) / 100));
  return { value: (numerator / denominator) * 100, numerator, denominator };
}

beforeAll(async () => {
  api = await createTestApi();
  const { organisations } = await api.execute(OrganisationsDocument, { filter: { types: ['ICB'] }, first: 100 });
  icbCodes = organisations.edges.map(({ node }) => node.odsCode);
  const fixtures: MeasurementFixture[] = icbCodes.flatMap((odsCode, icbIndex) =>
    MONTHS.map((period, monthIndex) => ({
      metricCode: 'AE_4HR',
      odsCode,
      period,
      derived: true,
      ...fourHour(icbIndex, monthIndex),
    })),
  );
  // Two ICBs tie in March 2025, to show shared ranks.
  const march = MONTHS.indexOf('2025-03');
  const tieValue = fourHour(0, march);
  fixtures.splice(1 * MONTHS.length + march, 1, {
    metricCode: 'AE_4HR',
    odsCode: icbCodes[1]!,
    period: '2025-03',
    derived: true,
    ...tieValue,
  });
  fixtures.push({
    metricCode: 'AE_4HR',
    odsCode: 'RJ1',
    period: '2023-03',
    value: 80,
    numerator: 8000,
    denominator: 10_000,
  });
  fixtures.push({
    metricCode: 'AE_4HR',
    odsCode: 'RJ1',
    period: '2023-06',
    value: 80,
    numerator: 8000,
    denominator: 10_000,
  });
  await insertMeasurements(api.db, fixtures);
});
afterAll(() => api?.close());

describe('target standing', () => {
  it('gives every ICB its region, latest value, standing and 13 months', async () => {
    const { organisations } = await api.execute(IcbBoardDocument, {
      metricCode: 'AE_4HR',
      from: '2024-06',
      to: '2025-06',
    });
    expect(organisations.totalCount).toBe(42);
    for (const [index, { node }] of organisations.edges.entries()) {
      const icbIndex = icbCodes.indexOf(node.odsCode);
      const expected = fourHour(icbIndex, MONTHS.length - 1);
      expect(node.region?.odsCode).toMatch(/^Y\d\d$/);
      expect(node.latest).toMatchObject({
        period: '2025-06',
        numerator: expected.numerator,
        denominator: expected.denominator,
        derived: true,
      });
      expect(node.latest!.value).toBeCloseTo(expected.value, 10);
      expect(node.standing).toMatchObject({
        period: '2025-06',
        threshold: 78,
        state: expected.value >= 78 ? 'MEETING' : 'NOT_MEETING',
        target: { value: 78, comparator: 'AT_LEAST', inForceFrom: '2024-04-01', inForceTo: null },
      });
      expect(node.standing!.distanceToThreshold).toBeCloseTo(expected.value - 78, 8);
      expect(node.measurements.edges.map((edge) => edge.node.period)).toEqual(MONTHS);
      expect(node.measurements.totalCount).toBe(13);
      expect(index).toBeLessThan(42);
    }
    const states = new Set(organisations.edges.map(({ node }) => node.standing!.state));
    expect(states).toEqual(new Set(['MEETING', 'NOT_MEETING']));
  });

  it('narrows the months to the range asked for', async () => {
    const { organisations } = await api.execute(IcbBoardDocument, {
      metricCode: 'AE_4HR',
      from: '2025-01',
      to: '2025-03',
    });
    expect(organisations.edges[0]!.node.measurements.edges.map((edge) => edge.node.period)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
    ]);
  });

  it('makes the same small number of SQL queries for 3 ICBs as for 42', async () => {
    const count = async (odsCodes?: string[]) => {
      api.queries.length = 0;
      const document = IcbBoardDocument;
      const result = await api.post({
        query: (await import('graphql'))
          .print(document)
          .replace(
            'filter: { types: [ICB] }',
            odsCodes ? `filter: { odsCodes: ${JSON.stringify(odsCodes)} }` : 'filter: { types: [ICB] }',
          ),
        variables: { metricCode: 'AE_4HR', from: '2024-06', to: '2025-06' },
      });
      expect(result.json.errors).toBeUndefined();
      return api.queries.length;
    };
    const forAll = await count();
    const forThree = await count(icbCodes.slice(0, 3));
    expect(forAll).toBe(forThree);
    expect(forAll).toBeLessThanOrEqual(8);
  });

  it("draws the operations board, each organisation's SPC signal included, in the same number of SQL queries for a region's ICBs as for all 42", async () => {
    const count = async (regionOdsCode: string | null) => {
      api.queries.length = 0;
      const { organisations } = await api.execute(BoardViewDocument, {
        metricCode: 'AE_4HR',
        types: ['ICB'],
        regionOdsCode,
      });
      expect(organisations.edges.every((edge) => edge.node.spc.variation !== null)).toBe(true);
      return { queries: api.queries.length, icbs: organisations.edges.length };
    };
    const all = await count(null);
    const london = await count('Y56');
    expect(all.icbs).toBe(42);
    expect(london.icbs).toBeLessThan(10);
    expect(all.queries).toBe(london.queries);
  });

  it('reads metrics and targets again only after the data has changed, whoever changed it', async () => {
    const board = () => api.execute(IcbBoardDocument, { metricCode: 'AE_4HR', from: '2024-06', to: '2025-06' });
    const referenceReads = () =>
      api.queries.filter((sql) => /FROM "public"\."(Metric|Target|TargetScope)"/.test(sql)).length;
    await board();
    api.queries.length = 0;
    await board();
    expect(referenceReads()).toBe(0);
    expect(api.queries.filter((sql) => sql.includes('"DataVersion"'))).toHaveLength(1);

    // Straight into the database, as another process would.
    const before = (await board()).organisations.edges[0]!.node.standing!;
    await api.db.prisma.$executeRawUnsafe(
      `UPDATE "Target" SET "value" = "value" + 1 WHERE "value" = ${before.threshold}`,
    );
    try {
      api.queries.length = 0;
      const after = (await board()).organisations.edges[0]!.node.standing!;
      expect(referenceReads()).toBeGreaterThan(0);
      expect(after.threshold).toBe(before.threshold + 1);
    } finally {
      await api.db.prisma.$executeRawUnsafe(
        `UPDATE "Target" SET "value" = "value" - 1 WHERE "value" = ${before.threshold + 1}`,
      );
    }
  });

  it('judges each period by the target in force at its end', async () => {
    const { organisations } = await api.execute(IcbBoardDocument, {
      metricCode: 'AE_4HR',
      from: '2023-01',
      to: '2023-12',
    });
    expect(organisations.totalCount).toBe(42);
    const ranking2023 = await api.execute(RankingDocument, {
      metricCode: 'AE_4HR',
      period: '2023-03',
      organisationType: 'TRUST',
    });
    expect(
      ranking2023.ranking.edges.map(({ node }) => [
        node.organisation.odsCode,
        node.standing?.threshold,
        node.standing?.state,
      ]),
    ).toEqual([['RJ1', 95, 'NOT_MEETING']]);
    const ranking2023June = await api.execute(RankingDocument, {
      metricCode: 'AE_4HR',
      period: '2023-06',
      organisationType: 'TRUST',
    });
    expect(ranking2023June.ranking.edges[0]!.node.standing).toMatchObject({
      threshold: 76,
      state: 'MEETING',
      distanceToThreshold: 4,
    });
  });

  it('says NO_DATA against the target in force today when there is no value, and null where no target applies', async () => {
    const { organisations } = await api.execute(OrganisationsDocument, { filter: { odsCodes: ['RYJ'] } });
    expect(organisations.totalCount).toBe(1);
    const response = await api.post({
      query: `{ trust: organisation(odsCode: "RYJ") { latest(metricCode: "AE_4HR") { value } standing(metricCode: "AE_4HR") { state period value threshold distanceToThreshold measurement { id } } }
                subIcb: organisation(odsCode: "93C") { standing(metricCode: "AE_4HR") { state } }
                england: organisation(odsCode: "X24") { standing(metricCode: "NHS_APP_ADULTS") { state threshold } } }`,
    });
    expect(response.json.errors).toBeUndefined();
    expect(FIXED_TODAY).toBe('2025-07-15');
    expect(response.json.data).toEqual({
      trust: {
        latest: null,
        standing: {
          state: 'NO_DATA',
          period: null,
          value: null,
          threshold: 78,
          distanceToThreshold: null,
          measurement: null,
        },
      },
      subIcb: { standing: null },
      england: { standing: { state: 'NO_DATA', threshold: 75 } },
    });
  });

  it('refuses an unknown metric code with UNKNOWN_METRIC', async () => {
    const response = await api.post({
      query: '{ organisation(odsCode: "QE1") { latest(metricCode: "AE_5HR") { value } } }',
    });
    expect(response.status).toBe(200);
    expect(response.json.errors).toEqual([
      expect.objectContaining({
        message: 'There is no metric with code "AE_5HR".',
        extensions: { code: 'UNKNOWN_METRIC' },
        path: ['organisation', 'latest'],
      }),
    ]);
    expect(response.json.data).toEqual({ organisation: { latest: null } });
  });
});

describe('ranking', () => {
  it("orders ICBs best to worst with shared ranks for ties and each one's standing", async () => {
    const { ranking } = await api.execute(RankingDocument, { metricCode: 'AE_4HR', period: '2025-03', first: 100 });
    expect(ranking.totalCount).toBe(42);
    const values = ranking.edges.map(({ node }) => node.measurement.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const ranks = ranking.edges.map(({ node }) => node.rank);
    expect(ranks[0]).toBe(1);
    const tied = ranking.edges.filter(({ node }) => [icbCodes[0], icbCodes[1]].includes(node.organisation.odsCode));
    expect(tied).toHaveLength(2);
    expect(tied[0]!.node.rank).toBe(tied[1]!.node.rank);
    for (const { node } of ranking.edges) {
      expect(node.standing?.state).toBe(node.measurement.value >= 78 ? 'MEETING' : 'NOT_MEETING');
    }
  });

  it('pages through a ranking', async () => {
    const first = await api.execute(RankingDocument, { metricCode: 'AE_4HR', period: '2025-03', first: 40 });
    const rest = await api.execute(RankingDocument, {
      metricCode: 'AE_4HR',
      period: '2025-03',
      first: 40,
      after: first.ranking.pageInfo.endCursor,
    });
    expect(first.ranking.pageInfo.hasNextPage).toBe(true);
    expect(rest.ranking.edges).toHaveLength(2);
    expect(rest.ranking.pageInfo.hasNextPage).toBe(false);
    expect(rest.ranking.edges[0]!.node.rank).toBeGreaterThanOrEqual(first.ranking.edges[39]!.node.rank);
  });

  it('answers an empty ranking for a period with no data', async () => {
    const { ranking } = await api.execute(RankingDocument, { metricCode: 'AE_4HR', period: '2019-01' });
    expect(ranking).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('refuses a period in the wrong form or frequency, and an unknown metric', async () => {
    const ask = (metricCode: string, period: string) =>
      api.post({
        query: 'query($m: String!, $p: String!) { ranking(metricCode: $m, period: $p) { totalCount } }',
        variables: { m: metricCode, p: period },
      });
    const wrongFrequency = await ask('AE_4HR', '2025-Q1');
    expect(wrongFrequency.json.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_PERIOD' } });
    expect(wrongFrequency.json.errors?.[0]?.message).toContain('is not a monthly period');
    const malformed = await ask('AE_4HR', 'March 2025');
    expect(malformed.json.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const unknown = await ask('NOPE', '2025-03');
    expect(unknown.json.errors?.[0]).toMatchObject({ extensions: { code: 'UNKNOWN_METRIC' } });
  });
});
