import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganisationSpcDocument } from '../../schema/generated/graphql.js';
import { processLimits } from '../../src/domain/spc.js';
import { importFiles } from '../../src/services/import.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { AE_ATTENDANCES_2016_19, monthlyAeImportFiles } from '../support/mirror.js';

/** SPC through the API on the real monthly A&E series: England 2016-19 as NHS-R's own test charts it, and an ICB and a trust today. */
const NOW = new Date('2025-07-15T12:00:00Z');

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  for (const [format, files] of [
    ['ae-attendances', [{ name: 'ae_attendances.csv', text: readFileSync(AE_ATTENDANCES_2016_19, 'utf8') }]],
    ['nhse-ae-monthly', monthlyAeImportFiles()],
  ] as const) {
    expect((await importFiles(api.db, format, files, { now: NOW })).errors).toEqual([]);
  }
});
afterAll(async () => {
  await api?.close();
});

const chart = async (odsCode: string, metricCode: string, options?: object) =>
  (await api.execute(OrganisationSpcDocument, { odsCode, metricCode, options })).organisation!.spc;

describe('Organisation.spc', () => {
  it("charts England's four hours of 2016-19 exactly as NHSRplotthedots' integration test does (fixed after 12 points)", async () => {
    const spc = await chart('X24', 'AE_4HR', { fixAfterPoints: 12 });
    const years = spc.points.filter((point) => point.period <= '2019-03');
    expect(years).toHaveLength(36);
    // The package's figures are proportions; ours are percentages.
    expect(years[0]!.mean).toBeCloseTo(100 * 0.8908915564349236, 9);
    expect(years[0]!.lowerProcessLimit).toBeCloseTo(100 * 0.8614049789074258, 9);
    expect(years[0]!.upperProcessLimit).toBeCloseTo(100 * 0.9203781339624213, 9);
    const improving = 'SPECIAL_CAUSE_IMPROVING';
    const concerning = 'SPECIAL_CAUSE_CONCERNING';
    const common = 'COMMON_CAUSE';
    expect(years.map((point) => point.variation)).toEqual([
      ...Array(9).fill(common),
      concerning,
      common,
      ...Array(8).fill(improving),
      common,
      ...Array(4).fill(concerning),
      ...Array(5).fill(common),
      ...Array(7).fill(concerning),
    ]);
    expect(years.filter((point) => point.baseline)).toHaveLength(12);
  });

  it("charts a trust and an ICB on today's monthly files: limits from their own values, rules point by point, assurance against the 78% target", async () => {
    for (const odsCode of ['RJ1', 'QOP']) {
      // Their series run from 2016 with a gap to June 2024: the months since are charted on limits of their own.
      const spc = await chart(odsCode, 'AE_4HR', { rebaseAt: ['2024-06'] });
      const measurements = await api.db.prisma.measurement.findMany({
        where: { organisation: { odsCode }, metric: { code: 'AE_4HR' }, period: { gte: '2024-06' } },
        orderBy: { period: 'asc' },
      });
      const today = spc.points.filter((point) => point.segment === 1);
      expect(
        today.map((point) => point.value),
        odsCode,
      ).toEqual(measurements.map((measurement) => measurement.value));
      expect(today).toHaveLength(13);
      expect(
        spc.points
          .filter((point) => point.segment === 0)
          .map((point) => point.period)
          .at(-1),
      ).toBe('2019-03');
      const limits = processLimits(measurements.map((measurement) => measurement.value));
      expect(spc.mean).toBeCloseTo(limits.mean, 9);
      expect(spc.lowerProcessLimit).toBeCloseTo(limits.lowerProcessLimit, 9);
      expect(spc.upperProcessLimit).toBeCloseTo(limits.upperProcessLimit, 9);
      expect(spc.target).toEqual({ value: 78, comparator: 'AT_LEAST' });
      const expected =
        spc.upperProcessLimit! < 78
          ? 'CONSISTENTLY_FAILING'
          : spc.lowerProcessLimit! > 78
            ? 'CONSISTENTLY_PASSING'
            : 'HIT_AND_MISS';
      expect(spc.assurance, odsCode).toBe(expected);
      expect(spc.variation).toBe(spc.points.at(-1)!.variation);
      expect(spc.trialLimits).toBe(false);
      for (const point of spc.points) {
        const outside = point.value > point.upperProcessLimit || point.value < point.lowerProcessLimit;
        expect(point.rules.includes('OUTSIDE_LIMITS'), `${odsCode} ${point.period}`).toBe(outside);
        expect(point.variation === 'COMMON_CAUSE', `${odsCode} ${point.period}`).toBe(point.rules.length === 0);
      }
    }
    // Another rebase from April 2025 gives the last three months limits of their own: trial limits.
    const rebased = await chart('RJ1', 'AE_4HR', { rebaseAt: ['2024-06', '2025-04'] });
    expect(rebased.points.filter((point) => point.period >= '2024-06').map((point) => point.segment)).toEqual([
      ...Array(10).fill(1),
      2,
      2,
      2,
    ]);
    expect(rebased.trialLimits).toBe(true);
  });

  it('answers a metric without data with an empty chart, as data, and names what it needs', async () => {
    const spc = await chart('X24', 'DIAG_6WK');
    expect(spc).toMatchObject({ points: [], mean: null, variation: null, assurance: null, pointsNeeded: 2 });
  });

  it('refuses an unknown metric and options out of range with typed errors', async () => {
    const ask = async (query: string) => (await api.post({ query })).json.errors?.[0]?.extensions?.code;
    expect(await ask('{ organisation(odsCode: "RJ1") { spc(metricCode: "NOPE") { mean } } }')).toBe('UNKNOWN_METRIC');
    expect(
      await ask('{ organisation(odsCode: "RJ1") { spc(metricCode: "AE_4HR", options: { shiftPoints: 1 }) { mean } } }'),
    ).toBe('BAD_USER_INPUT');
    expect(
      await ask(
        '{ organisation(odsCode: "RJ1") { spc(metricCode: "AE_4HR", options: { rebaseAt: ["April"] }) { mean } } }',
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      await ask(
        '{ organisation(odsCode: "RJ1") { spc(metricCode: "AE_4HR", options: { fixAfterPoints: 1 }) { mean } } }',
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
