import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MeasurementHistoryDocument,
  RecordMeasurementsDocument,
  type MeasurementInput,
} from '../../schema/generated/graphql.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const record = (measurements: MeasurementInput[], source = 'test batch') =>
  api.execute(RecordMeasurementsDocument, { input: { source, measurements } });
const counts = async () => ({
  measurements: await api.db.prisma.measurement.count(),
  revisions: await api.db.prisma.measurementRevision.count(),
});
const history = async (odsCode: string, metricCode = 'AE_4HR') =>
  (await api.execute(MeasurementHistoryDocument, { odsCode, metricCode })).organisation!.latest;

describe('recordMeasurements', () => {
  it("records trusts' values and rolls them up to their ICB, region and England as summed parts", async () => {
    // Guy's and St Thomas' (RJ1) and King's (RJZ) are in South East London ICB (QKK), London (Y56).
    const result = await record([
      { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-02', numerator: 900, denominator: 1000 },
      { metricCode: 'AE_4HR', odsCode: 'RJZ', period: '2025-02', numerator: 1500, denominator: 3000, value: 50 },
      { metricCode: 'AE_ATTENDANCES', odsCode: 'RJ1', period: '2025-02', value: 1000 },
    ]);
    expect(result.recordMeasurements).toEqual({
      inserted: 3,
      revised: 0,
      unchanged: 0,
      rollUpsRecomputed: 6,
      errors: [],
    });
    for (const odsCode of ['QKK', 'Y56', 'X24']) {
      const rolled = await history(odsCode);
      expect(rolled).toMatchObject({ period: '2025-02', numerator: 2400, denominator: 4000, value: 60, derived: true });
      expect(rolled!.rolledUpFrom.edges.map((edge) => edge.node.organisation.odsCode)).toEqual(['RJ1', 'RJZ']);
    }
    expect((await history('RJ1'))!.rolledUpFrom.totalCount).toBe(0);
    expect(await history('X24', 'AE_ATTENDANCES')).toMatchObject({ value: 1000, numerator: null, derived: true });
  });

  it('changes nothing, and says so, when the same batch comes again', async () => {
    const before = await counts();
    const result = await record(
      [
        { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-02', numerator: 900, denominator: 1000 },
        { metricCode: 'AE_4HR', odsCode: 'RJZ', period: '2025-02', numerator: 1500, denominator: 3000 },
        { metricCode: 'AE_ATTENDANCES', odsCode: 'RJ1', period: '2025-02', value: 1000 },
      ],
      'the same batch, resent',
    );
    expect(result.recordMeasurements).toEqual({
      inserted: 0,
      revised: 0,
      unchanged: 3,
      rollUpsRecomputed: 0,
      errors: [],
    });
    expect(await counts()).toEqual(before);
  });

  it('revises a changed value, keeping the old one with its source, and re-rolls what it feeds', async () => {
    const result = await record(
      [{ metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-02', numerator: 800, denominator: 1000 }],
      'correction from RJ1',
    );
    expect(result.recordMeasurements).toEqual({
      inserted: 0,
      revised: 1,
      unchanged: 0,
      rollUpsRecomputed: 3,
      errors: [],
    });
    const trust = await history('RJ1');
    expect(trust).toMatchObject({ value: 80, numerator: 800, revision: 2, source: 'correction from RJ1' });
    expect(trust!.revisions.edges.map((edge) => edge.node)).toEqual([
      { revision: 1, value: 90, numerator: 900, denominator: 1000, source: 'test batch' },
    ]);
    const england = await history('X24');
    expect(england).toMatchObject({ numerator: 2300, denominator: 4000, revision: 2 });
    expect(england!.value).toBeCloseTo(57.5, 10);
    expect(england!.revisions.edges[0]!.node).toMatchObject({ numerator: 2400, denominator: 4000, value: 60 });
  });

  it('rolls a provider under no ICB straight up to its region', async () => {
    // A walk-in centre of the kind the A&E files name: in a region, under no ICB.
    const region = await api.db.prisma.organisation.findUniqueOrThrow({ where: { odsCode: 'Y59' } });
    await api.db.prisma.organisation.create({
      data: {
        odsCode: 'NTV0W',
        name: 'WOKING WALK IN CENTRE',
        type: 'OTHER_PROVIDER',
        parentId: region.id,
        regionId: region.id,
        sourceId: region.sourceId,
      },
    });
    await record([{ metricCode: 'AE_ATTENDANCES', odsCode: 'NTV0W', period: '2025-01', value: 321 }]);
    expect(await history('Y59', 'AE_ATTENDANCES')).toMatchObject({ period: '2025-01', value: 321, derived: true });
    expect(await history('X24', 'AE_ATTENDANCES')).toMatchObject({ period: '2025-02' });
  });

  const refusals: [string, MeasurementInput, string, string][] = [
    [
      'an unknown metric',
      { metricCode: 'AE_5HR', odsCode: 'RJ1', period: '2025-01', value: 1 },
      'metricCode',
      'UNKNOWN_METRIC',
    ],
    [
      'an unknown ODS code',
      { metricCode: 'AE_ATTENDANCES', odsCode: 'ZZZ99', period: '2025-01', value: 1 },
      'odsCode',
      'UNKNOWN_ORGANISATION',
    ],
    [
      'a period in the future',
      { metricCode: 'AE_ATTENDANCES', odsCode: 'RJ1', period: '2026-01', value: 1 },
      'period',
      'FUTURE_PERIOD',
    ],
    [
      "a period not in the metric's frequency",
      { metricCode: 'AE_ATTENDANCES', odsCode: 'RJ1', period: '2025-Q1', value: 1 },
      'period',
      'INVALID_PERIOD',
    ],
    [
      'a malformed period',
      { metricCode: 'AE_ATTENDANCES', odsCode: 'RJ1', period: 'Jan 2025', value: 1 },
      'period',
      'INVALID_PERIOD',
    ],
    [
      'a percentage above 100',
      { metricCode: 'NHS_APP_ADULTS', odsCode: 'X24', period: '2025-01', value: 100.5 },
      'value',
      'OUT_OF_RANGE',
    ],
    [
      'a negative percentage',
      { metricCode: 'NHS_APP_ADULTS', odsCode: 'X24', period: '2025-01', value: -0.1 },
      'value',
      'OUT_OF_RANGE',
    ],
    [
      'a negative count',
      { metricCode: 'AE_ATTENDANCES', odsCode: 'RJ1', period: '2025-01', value: -5 },
      'value',
      'NEGATIVE_VALUE',
    ],
    [
      'a numerator above its denominator',
      { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-01', numerator: 11, denominator: 10 },
      'numerator',
      'NUMERATOR_ABOVE_DENOMINATOR',
    ],
    [
      'a value that contradicts its parts',
      { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-01', numerator: 5, denominator: 10, value: 55 },
      'value',
      'VALUE_CONTRADICTS_PARTS',
    ],
    [
      'a rate without its parts',
      { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-01', value: 55 },
      'numerator',
      'MISSING_VALUE',
    ],
    [
      'a zero denominator',
      { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-01', numerator: 0, denominator: 0 },
      'denominator',
      'ZERO_DENOMINATOR',
    ],
    [
      'a count with parts',
      { metricCode: 'AE_ATTENDANCES', odsCode: 'RJ1', period: '2025-01', value: 5, denominator: 9 },
      'denominator',
      'UNEXPECTED_PARTS',
    ],
    [
      'a value for a roll-up',
      { metricCode: 'AE_4HR', odsCode: 'QKK', period: '2025-01', numerator: 1, denominator: 2 },
      'odsCode',
      'DERIVED_MEASUREMENT',
    ],
    [
      'a provider metric for a sub-ICB location',
      { metricCode: 'AE_ATTENDANCES', odsCode: '93C', period: '2025-01', value: 1 },
      'odsCode',
      'NOT_REPORTED_AT_THIS_LEVEL',
    ],
  ];

  it.each(refusals)('refuses %s and writes nothing of the batch', async (_name, bad, field, code) => {
    const before = await counts();
    const good = { metricCode: 'AE_ATTENDANCES', odsCode: 'RJ2', period: '2024-12', value: 10 };
    const result = await record([good, bad]);
    expect(
      result.recordMeasurements.inserted + result.recordMeasurements.revised + result.recordMeasurements.unchanged,
    ).toBe(0);
    expect(result.recordMeasurements.errors).toContainEqual(expect.objectContaining({ index: 1, field, code }));
    expect(result.recordMeasurements.errors.every((error) => error.index === 1 && error.message.length > 10)).toBe(
      true,
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses a row repeated in one batch, naming both', async () => {
    const row = { metricCode: 'AE_ATTENDANCES', odsCode: 'RJ2', period: '2024-12', value: 10 };
    const result = await record([row, { ...row, value: 11 }]);
    expect(result.recordMeasurements.errors).toEqual([
      { index: 1, field: null, code: 'DUPLICATE_ROW', message: 'Row 1 repeats row 0 (AE_ATTENDANCES, RJ2, 2024-12).' },
    ]);
  });

  it('refuses NaN and Infinity, which JSON cannot carry, as bad input', async () => {
    for (const raw of ['NaN', 'Infinity', '1e400']) {
      const response = await api.post(
        `{"query":"mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { inserted } }","variables":{"i":{"source":"x","measurements":[{"metricCode":"AE_ATTENDANCES","odsCode":"RJ1","period":"2025-01","value":${raw}}]}}}`,
      );
      expect(response.status).toBe(400);
      expect(response.json.errors?.[0]?.extensions?.code).toMatch(/BAD_REQUEST|BAD_USER_INPUT/);
    }
  });

  it('refuses a batch over 10,000 rows and an empty source', async () => {
    const before = await counts();
    const rows = Array.from({ length: 10_001 }, (_, index) => ({
      metricCode: 'AE_ATTENDANCES',
      odsCode: 'RJ1',
      period: `20${String(10 + (index % 15)).padStart(2, '0')}-01`,
      value: index,
    }));
    const tooMany = await record(rows);
    expect(tooMany.recordMeasurements.errors).toEqual([
      expect.objectContaining({ index: null, field: 'measurements', code: 'BATCH_TOO_LARGE' }),
    ]);
    const noSource = await record(
      [{ metricCode: 'AE_ATTENDANCES', odsCode: 'RJ1', period: '2025-01', value: 1 }],
      '   ',
    );
    expect(noSource.recordMeasurements.errors).toEqual([
      expect.objectContaining({ field: 'source', code: 'INVALID_SOURCE' }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('takes a full batch of 10,000 rows in one call', async () => {
    const trusts = await api.db.prisma.organisation.findMany({
      where: { type: 'TRUST' },
      take: 100,
      orderBy: { odsCode: 'asc' },
    });
    const months = Array.from(
      { length: 100 },
      (_, index) => `${2015 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`,
    );
    const rows = trusts.flatMap((trust, t) =>
      months.map((period, m) => ({ metricCode: 'AE_12HR_DTA', odsCode: trust.odsCode, period, value: t + m })),
    );
    expect(rows).toHaveLength(10_000);
    const result = await record(rows, 'bulk');
    expect(result.recordMeasurements).toMatchObject({ inserted: 10_000, errors: [] });
    const england = await api.db.prisma.measurement.findFirstOrThrow({
      where: { metric: { code: 'AE_12HR_DTA' }, organisation: { odsCode: 'X24' }, period: '2015-01' },
    });
    expect(england.value).toBe(trusts.reduce((sum, _trust, t) => sum + t, 0));
  });
});
