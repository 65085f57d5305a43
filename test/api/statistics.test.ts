import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/services/import.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { monthlyAeImportFiles } from '../support/mirror.js';

/**
 * Intervals, benchmarks and trends through the API on real months (NHS England's A&E files): the 42
 * ICBs' four-hour performance, each answer checked against a computation written here from the
 * formulas' published statements (Wilson 1927; Fingertips' comparers; Armitage's test for trend),
 * not the server's code.
 */
const Z95 = 1.959963984540054;
const Z998 = 3.090232306167813;
/** The Wilson score interval of x in n, as percentages. */
const wilson = (x: number, n: number, z: number): [number, number] => {
  const centre = x + (z * z) / 2;
  const spread = z * Math.sqrt((x * (n - x)) / n + (z * z) / 4);
  return [((centre - spread) / (n + z * z)) * 100, ((centre + spread) / (n + z * z)) * 100];
};

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  // June 2024, and the latest five months for the trends.
  const files = monthlyAeImportFiles();
  const report = await importFiles(api.db, 'nhse-ae-monthly', [files[0]!, ...files.slice(-5)], {
    now: new Date('2025-07-15T12:00:00Z'),
  });
  expect(report.errors).toEqual([]);
});
afterAll(() => api?.close());

const ask = async (query: string, variables: Record<string, unknown> = {}) => {
  const { json } = await api.post({ query, variables });
  return json as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
};

const ICB_BOARD = `{
  organisations(filter: { types: [ICB] }, first: 100) {
    edges { node { odsCode region { odsCode } latest(metricCode: "AE_4HR") {
      period value numerator denominator
      ci95: confidenceInterval { lower upper method level reason }
      ci998: confidenceInterval(level: PERCENT_99_8) { lower upper method level }
      england: benchmark { outcome method referenceValue referenceOdsCodes reason }
      england998: benchmark(level: PERCENT_99_8) { outcome }
      region: benchmark(against: REGION) { outcome referenceValue referenceOdsCodes }
      spc: benchmark(method: SPC_FOR_PROPORTIONS) { outcome method referenceValue }
    } } }
  }
}`;

describe("the 42 ICBs' four-hour performance, June 2025 (their latest)", () => {
  it('carries Wilson intervals at 95% and 99.8% and Fingertips benchmarks against England and the region, as computed here', async () => {
    const { data, errors } = await ask(ICB_BOARD);
    expect(errors).toBeUndefined();
    const icbs = data.organisations.edges.map((edge: any) => edge.node);
    expect(icbs).toHaveLength(42);
    const measured = await api.db.prisma.measurement.findMany({
      where: {
        metric: { code: 'AE_4HR' },
        period: '2025-06',
        organisation: { type: { in: ['NATIONAL_BODY', 'REGION'] } },
      },
      include: { organisation: true },
    });
    const valueOf = (odsCode: string) => measured.find((row) => row.organisation.odsCode === odsCode)!;
    const england = valueOf('X24');
    let worse = 0;
    for (const icb of icbs) {
      const { latest } = icb;
      expect(latest.period).toBe('2025-06');
      const [lower95, upper95] = wilson(latest.numerator, latest.denominator, Z95);
      const [lower998, upper998] = wilson(latest.numerator, latest.denominator, Z998);
      expect(latest.ci95).toMatchObject({ method: 'WILSON', level: 'PERCENT_95', reason: null });
      expect(latest.ci95.lower).toBeCloseTo(lower95, 9);
      expect(latest.ci95.upper).toBeCloseTo(upper95, 9);
      expect(latest.ci998.lower).toBeCloseTo(lower998, 9);
      expect(latest.ci998.upper).toBeCloseTo(upper998, 9);

      // Fingertips: Similar where England's value is within the interval, else Better (higher) or Worse.
      const judged = (reference: number, lower: number, upper: number) =>
        reference >= lower && reference <= upper ? 'SIMILAR' : latest.value > reference ? 'BETTER' : 'WORSE';
      expect(latest.england).toEqual({
        outcome: judged(england.value, lower95, upper95),
        method: 'CI_OVERLAPS_REFERENCE',
        referenceValue: england.value,
        referenceOdsCodes: ['X24'],
        reason: null,
      });
      expect(latest.england998.outcome).toBe(judged(england.value, lower998, upper998));
      const region = valueOf(icb.region.odsCode);
      expect(latest.region).toEqual({
        outcome: judged(region.value, lower95, upper95),
        referenceValue: region.value,
        referenceOdsCodes: [icb.region.odsCode],
      });
      // Control limits around England's proportion for the ICB's denominator.
      const p0 = england.value / 100;
      const [limitLow, limitHigh] = wilson(latest.denominator * p0, latest.denominator, Z95);
      const proportion = (latest.numerator / latest.denominator) * 100;
      expect(latest.spc).toEqual({
        outcome: proportion > limitHigh ? 'BETTER' : proportion < limitLow ? 'WORSE' : 'SIMILAR',
        method: 'SPC_FOR_PROPORTIONS',
        referenceValue: england.value,
      });
      if (latest.england.outcome === 'WORSE') worse += 1;
    }
    // A real month has ICBs on both sides of England.
    expect(worse).toBeGreaterThan(0);
    expect(worse).toBeLessThan(42);
  });

  it("makes as many SQL queries for a region's ICBs as for all 42: the references are read once per request", async () => {
    const count = async (filter: string) => {
      api.queries.length = 0;
      const { errors } = await ask(ICB_BOARD.replace('filter: { types: [ICB] }', filter));
      expect(errors).toBeUndefined();
      return api.queries.length;
    };
    const all = await count('filter: { types: [ICB] }');
    expect(await count('filter: { types: [ICB], regionOdsCode: "Y56" }')).toBe(all);
  });

  it('benchmarks against a peer group pooled from its members, and refuses one with unknown or too few organisations', async () => {
    const peers = ['QWE', 'QKK', 'QMF', 'QMJ'];
    const { data, errors } = await ask(
      `query($peers: [String!]) { organisation(odsCode: "QWE") { latest(metricCode: "AE_4HR") { benchmark(against: PEERS, peers: $peers) { outcome referenceValue referenceOdsCodes } } } }`,
      { peers },
    );
    expect(errors).toBeUndefined();
    const rows = await api.db.prisma.measurement.findMany({
      where: {
        metric: { code: 'AE_4HR' },
        period: '2025-06',
        organisation: { odsCode: { in: ['QKK', 'QMF', 'QMJ'] } },
      },
    });
    const pooled =
      (rows.reduce((sum, row) => sum + row.numerator!, 0) / rows.reduce((sum, row) => sum + row.denominator!, 0)) * 100;
    const benchmark = data.organisation.latest.benchmark;
    expect(benchmark.referenceValue).toBeCloseTo(pooled, 10);
    expect([...benchmark.referenceOdsCodes].sort()).toEqual(['QKK', 'QMF', 'QMJ']);

    for (const [bad, message] of [
      [['QWE', 'QKK'], /at least 3 organisations/],
      [['QWE', 'QKK', 'NOPE1', 'NOPE2'], /"NOPE1", "NOPE2"/],
    ] as [string[], RegExp][]) {
      const refused = await ask(
        `query($peers: [String!]) { organisation(odsCode: "QWE") { latest(metricCode: "AE_4HR") { benchmark(against: PEERS, peers: $peers) { outcome } } } }`,
        { peers: bad },
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('INVALID_PEER_GROUP');
      expect(refused.errors?.[0]?.message).toMatch(message);
    }
  });

  it('says why there is no interval for a count of people waiting, and does not compare it', async () => {
    await api.db.prisma.measurement.create({
      data: {
        metric: { connect: { code: 'RTT_WAITING_LIST' } },
        organisation: { connect: { odsCode: 'QWE' } },
        period: '2024-06',
        periodStart: new Date('2024-06-01'),
        periodEnd: new Date('2024-06-30'),
        value: 123_456,
        source: 'statistics test',
      },
    });
    const { data, errors } = await ask(
      `{ organisation(odsCode: "QWE") { latest(metricCode: "RTT_WAITING_LIST") { confidenceInterval { method lower upper reason } benchmark { outcome reason } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data.organisation.latest).toEqual({
      confidenceInterval: {
        method: 'NOT_APPLICABLE',
        lower: null,
        upper: null,
        reason: 'a count of people or things at a moment (a census) has no sampling interval',
      },
      benchmark: { outcome: 'NOT_COMPARED', reason: 'no reference value for 2024-06' },
    });
  });
});

describe("the 42 ICBs' recent trend on the four-hour standard", () => {
  it('is the chi-squared test for trend over their latest five months, as computed here from the counts', async () => {
    const { data, errors } = await ask(`{
      organisations(filter: { types: [ICB] }, first: 100) { edges { node { odsCode
        recentTrend(metricCode: "AE_4HR") { marker method chiSquared periods reason }
      } } }
    }`);
    expect(errors).toBeUndefined();
    const trends = data.organisations.edges.map((edge: any) => edge.node);
    expect(trends).toHaveLength(42);
    const markers = new Set<string>();
    for (const { odsCode, recentTrend } of trends) {
      const rows = (
        await api.db.prisma.measurement.findMany({
          where: { metric: { code: 'AE_4HR' }, organisation: { odsCode } },
          orderBy: { periodEnd: 'desc' },
          take: 5,
        })
      ).reverse();
      expect(recentTrend.periods).toEqual(rows.map((row) => row.period));
      // χ² for trend (Armitage): N(NΣx·t − XΣn·t)² / (X(N − X)(NΣn·t² − (Σn·t)²)), t = 1…5.
      let [N, X, xt, nt, nt2] = [0, 0, 0, 0, 0];
      rows.forEach((row, index) => {
        const t = index + 1;
        N += row.denominator!;
        X += row.numerator!;
        xt += row.numerator! * t;
        nt += row.denominator! * t;
        nt2 += row.denominator! * t * t;
      });
      const chiSquared = (N * (N * xt - X * nt) ** 2) / (X * (N - X) * (N * nt2 - nt ** 2));
      expect(recentTrend.method).toBe('CHI_SQUARED_FOR_TREND');
      expect(recentTrend.chiSquared).toBeCloseTo(chiSquared, 6);
      // The log-odds slope, all five months and each four: one sign, or no significant change.
      const slope = (points: { t: number; y: number }[]) => {
        const mt = points.reduce((sum, p) => sum + p.t, 0) / points.length;
        const my = points.reduce((sum, p) => sum + p.y, 0) / points.length;
        return points.reduce((sum, p) => sum + (p.t - mt) * (p.y - my), 0);
      };
      const logits = rows.map((row, index) => ({
        t: index + 1,
        y: Math.log(row.numerator! / (row.denominator! - row.numerator!)),
      }));
      const signs = [logits, ...logits.map((_, left) => logits.filter((__, index) => index !== left))].map((points) =>
        slope(points) < 0 ? -1 : 1,
      );
      const expected =
        chiSquared > 9.54953570608324 && new Set(signs).size === 1
          ? N * xt - X * nt > 0
            ? 'INCREASING_AND_GETTING_BETTER'
            : 'DECREASING_AND_GETTING_WORSE'
          : 'NO_SIGNIFICANT_CHANGE';
      expect(recentTrend.marker, odsCode).toBe(expected);
      markers.add(recentTrend.marker);
    }
    // A real run of months moves some ICBs and not others.
    expect(markers.size).toBeGreaterThan(1);
  });

  it('cannot be calculated for a census count, and refuses an unknown metric', async () => {
    const { data } = await ask(
      `{ organisation(odsCode: "QWE") { recentTrend(metricCode: "RTT_WAITING_LIST") { marker reason } } }`,
    );
    expect(data.organisation.recentTrend).toEqual({
      marker: 'CANNOT_BE_CALCULATED',
      reason: 'it needs 5 consecutive periods with values and 95% intervals',
    });
    const refused = await ask(`{ organisation(odsCode: "QWE") { recentTrend(metricCode: "NOPE") { marker } } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNKNOWN_METRIC');
  });
});

describe("a funnel plot of the 42 ICBs' four-hour performance, June 2025", () => {
  const FUNNEL = `query($around: FunnelCentre) {
    funnel(metricCode: "AE_4HR", period: "2025-06", organisations: { types: [ICB] }, around: $around) {
      around average points { population lower95 upper95 lower998 upper998 }
      organisations { organisation { odsCode } value numerator denominator significance }
    }
  }`;

  /** The proportion whose Wilson interval at z, for a population n, just reaches p0 from one side: found by bisection. */
  const limit = (p0: number, n: number, z: number, side: 'low' | 'high') => {
    const [lo, hi] = side === 'low' ? [0, p0] : [p0, 1];
    let [a, b] = [lo, hi];
    for (let step = 0; step < 200; step += 1) {
      const middle = (a + b) / 2;
      const [lower, upper] = wilson(middle * n, n, z).map((value) => value / 100) as [number, number];
      // Below the funnel's low limit a value's upper Wilson limit falls short of p0; above the high one its lower limit exceeds it.
      if (side === 'low') [a, b] = upper < p0 ? [middle, b] : [a, middle];
      else [a, b] = lower > p0 ? [a, middle] : [middle, b];
    }
    return (a + b) / 2;
  };

  it("places each ICB against limits around their own average, as found here by solving Wilson's interval", async () => {
    const { data, errors } = await ask(FUNNEL);
    expect(errors).toBeUndefined();
    const { funnel } = data;
    expect(funnel.organisations).toHaveLength(42);
    const x = funnel.organisations.reduce((sum: number, member: any) => sum + member.numerator, 0);
    const n = funnel.organisations.reduce((sum: number, member: any) => sum + member.denominator, 0);
    expect(funnel.around).toBe('ORGANISATIONS');
    expect(funnel.average).toBeCloseTo((x / n) * 100, 9);
    expect(funnel.points).toHaveLength(100);
    const average = x / n;
    for (const point of [funnel.points[0], funnel.points[50], funnel.points[99]]) {
      expect(point.lower95).toBeCloseTo(limit(average, point.population, Z95, 'low') * 100, 6);
      expect(point.upper998).toBeCloseTo(limit(average, point.population, Z998, 'high') * 100, 6);
    }
    const seen = new Set<string>();
    for (const member of funnel.organisations) {
      const p = member.numerator / member.denominator;
      const expected =
        p < limit(average, member.denominator, Z998, 'low')
          ? 'LOW_0_001'
          : p < limit(average, member.denominator, Z95, 'low')
            ? 'LOW_0_025'
            : p > limit(average, member.denominator, Z998, 'high')
              ? 'HIGH_0_001'
              : p > limit(average, member.denominator, Z95, 'high')
                ? 'HIGH_0_025'
                : 'NOT_SIGNIFICANT';
      expect(member.significance, member.organisation.odsCode).toBe(expected);
      seen.add(member.significance);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it("is drawn around England's value when asked", async () => {
    const { data } = await ask(FUNNEL, { around: 'ENGLAND' });
    const england = await api.db.prisma.measurement.findFirstOrThrow({
      where: { metric: { code: 'AE_4HR' }, period: '2025-06', organisation: { odsCode: 'X24' } },
    });
    expect(data.funnel.around).toBe('ENGLAND');
    expect(data.funnel.average).toBeCloseTo((england.numerator! / england.denominator!) * 100, 9);
  });

  it('refuses a metric that is no proportion, organisations that do not report it, and an unknown metric, with typed errors', async () => {
    for (const [query, code, message] of [
      [
        '{ funnel(metricCode: "RTT_WAITING_LIST", period: "2025-06", organisations: { types: [ICB] }) { average } }',
        'STATISTIC_NOT_APPLICABLE',
        /RTT_WAITING_LIST is measured in count/,
      ],
      [
        '{ funnel(metricCode: "AE_4HR", period: "2019-01", organisations: { types: [ICB] }) { average } }',
        'STATISTIC_NOT_APPLICABLE',
        /None of these organisations reports AE_4HR for 2019-01/,
      ],
      [
        '{ funnel(metricCode: "NOPE", period: "2025-06", organisations: { types: [ICB] }) { average } }',
        'UNKNOWN_METRIC',
        /NOPE/,
      ],
    ] as [string, string, RegExp][]) {
      const { data, errors } = await ask(query);
      expect(data?.funnel ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe(code);
      expect(errors?.[0]?.message).toMatch(message);
    }
  });
});

describe('a ranking of the 42 ICBs, June 2025', () => {
  it("gives each its quartile and quintile by rank, the worst first, as phe_quantile's formula gives them here", async () => {
    const { data, errors } = await ask(
      '{ ranking(metricCode: "AE_4HR", period: "2025-06", first: 100) { edges { node { rank quartile quintile organisation { odsCode } } } } }',
    );
    expect(errors).toBeUndefined();
    const ranked = data.ranking.edges.map((edge: any) => edge.node);
    expect(ranked).toHaveLength(42);
    // Best first (higher is better): the worst is rank 42; phe_quantile's rank counts from the worst.
    for (const { rank, quartile, quintile } of ranked) {
      const fromWorst = 42 - rank + 1;
      const quantile = (count: number) =>
        Math.max(1, Math.floor(count + 1 - Math.ceil((42 + 1 - fromWorst) / (42 / count))));
      expect([quartile, quintile]).toEqual([quantile(4), quantile(5)]);
    }
    expect(ranked[0].quartile).toBe(4);
    expect(ranked.at(-1).quartile).toBe(1);
    expect(ranked.filter((icb: any) => icb.quartile === 1).length).toBeGreaterThanOrEqual(10);
  });
});
