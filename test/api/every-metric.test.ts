import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IcbBoardDocument,
  MetricDocument,
  OrganisationDetailDocument,
  OrganisationSpcDocument,
} from '../../schema/generated/graphql.js';
import { parseCsv } from '../../src/ingest/csv.js';
import { importFiles, type ImportFormat } from '../../src/services/import.js';
import { createTestApi, type TestApi } from '../support/api.js';
import {
  AMBSYS_EXTRACT,
  cwtProviderImportFiles,
  dm01ImportFiles,
  MONTHLY_AE_DIR,
  rewrittenRttOverview,
  rttMonthOf,
  rttOverviewImportFiles,
  virtualWardImportFiles,
} from '../support/mirror.js';
import { subscribeSse } from '../support/streams.js';

/**
 * The same operations, with no special case, for every kind of metric the publications bring: a
 * higher-is-better percentage that rolls up through ICBs (A&E four hours), a lower-is-better time
 * that rolls up to regions only (ambulance Category 2 mean), a percentage read from workbooks
 * (cancer Faster Diagnosis) and one read from the old Excel format (diagnostics within six weeks),
 * a count the ICBs report themselves with a target for England alone (virtual ward beds), an
 * occupancy with no target at all, and a series published for England only (RTT within 18 weeks):
 * rankings, standings, the ICB board, series histories, crossings and both subscriptions, SPC,
 * watches, the CSV exports and what `metric(code:)` says of its coverage.
 *
 * Each case names the level whose values are reported (ranked, streamed) and an organisation
 * there, and the levels a target is set for: what each operation answers follows from those.
 */
const NOW = new Date('2025-07-15T12:00:00Z');
const ambsys = readFileSync(AMBSYS_EXTRACT, 'utf8').trim().split(/\r?\n/);
/** The AmbSYS extract up to and including a month (its rows are by year and month). */
const ambsysUntil = (year: number, month: number) =>
  [
    ambsys[0],
    ...ambsys.slice(1).filter((line) => {
      const [y, m] = line.split(',').map(Number);
      return y! < year || (y === year && m! <= month);
    }),
  ].join('\n');
const aeMonth = (name: string) => ({ name, text: readFileSync(path.join(MONTHLY_AE_DIR, name), 'utf8') });
const base64 = (files: { name: string; bytes: Uint8Array }[]) =>
  files.map((file) => ({ name: file.name, base64: Buffer.from(file.bytes).toString('base64') }));
const [cwtProvisional, cwtOctober] = cwtProviderImportFiles();
/** In month order, August 2024 to June 2025. */
const dm01 = dm01ImportFiles();
const virtualWards = virtualWardImportFiles();
const [rttOverview] = rttOverviewImportFiles();
/** The overview as it stood after July 2023. */
const rttOverviewToJuly2023 = await rewrittenRttOverview((rows) =>
  rows.filter((row) => (rttMonthOf(row) ?? '') <= '2023-07'),
);

type OrganisationType = 'NATIONAL_BODY' | 'ICB' | 'TRUST';
interface Case {
  metricCode: string;
  polarity: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER' | 'NEUTRAL';
  /** The level whose values are reported rather than rolled up, and one organisation there. */
  reported: { type: OrganisationType; odsCode: string };
  /** The levels a target is set for. */
  judgedAt: OrganisationType[];
  /** The latest period before the new release. */
  period: string;
  /**
   * Whether the new release crosses a target (England has had over 10,000 virtual ward beds in
   * every month here, and under 92% of its waiting list within 18 weeks since 2016).
   */
  crossesTarget: boolean;
  before: { format: ImportFormat; files: Parameters<typeof importFiles>[2] };
  after: { format: string; files: Record<string, string>[] };
}

const CASES: Case[] = [
  {
    metricCode: 'AE_4HR',
    polarity: 'HIGHER_IS_BETTER',
    reported: { type: 'TRUST', odsCode: 'RJ1' },
    judgedAt: ['NATIONAL_BODY', 'ICB', 'TRUST'],
    period: '2024-06',
    crossesTarget: true,
    before: { format: 'nhse-ae-monthly', files: [aeMonth('Monthly-AE-June-2024.csv')] },
    after: {
      format: 'NHSE_AE_MONTHLY',
      files: [aeMonth('Monthly-AE-July-2024-revised.csv'), aeMonth('Monthly-AE-August-2024.csv')],
    },
  },
  {
    metricCode: 'AMB_CAT2_MEAN',
    polarity: 'LOWER_IS_BETTER',
    reported: { type: 'TRUST', odsCode: 'RRU' },
    judgedAt: ['NATIONAL_BODY', 'TRUST'],
    period: '2023-06',
    crossesTarget: true,
    before: { format: 'ambsys', files: [{ name: 'AmbSYS-to-Jun-2023.csv', text: ambsysUntil(2023, 6) }] },
    after: { format: 'AMBSYS', files: [{ name: 'AmbSYS-to-Mar-2024.csv', text: ambsysUntil(2024, 3) }] },
  },
  {
    metricCode: 'CANCER_FDS',
    polarity: 'HIGHER_IS_BETTER',
    reported: { type: 'TRUST', odsCode: 'RTH' },
    judgedAt: ['NATIONAL_BODY', 'ICB', 'TRUST'],
    period: '2023-09',
    crossesTarget: true,
    before: { format: 'cwt-provider', files: [cwtProvisional!] },
    // A workbook goes through the API as its bytes in base64.
    after: { format: 'CWT_PROVIDER', files: base64([cwtOctober!]) },
  },
  {
    metricCode: 'DIAG_6WK',
    polarity: 'HIGHER_IS_BETTER',
    reported: { type: 'TRUST', odsCode: 'RF4' },
    judgedAt: ['NATIONAL_BODY', 'ICB', 'TRUST'],
    period: '2024-12',
    crossesTarget: true,
    before: { format: 'dm01', files: dm01.slice(3, 5) },
    after: { format: 'DM01', files: base64(dm01.slice(5, 6)) },
  },
  {
    metricCode: 'VIRTUAL_WARD_BEDS',
    polarity: 'HIGHER_IS_BETTER',
    reported: { type: 'ICB', odsCode: 'QHG' },
    judgedAt: ['NATIONAL_BODY'],
    period: '2024-09',
    crossesTarget: false,
    before: { format: 'virtual-wards', files: virtualWards.slice(0, 2) },
    after: { format: 'VIRTUAL_WARDS', files: base64(virtualWards.slice(2, 3)) },
  },
  {
    metricCode: 'VIRTUAL_WARD_OCCUPANCY',
    polarity: 'NEUTRAL',
    reported: { type: 'ICB', odsCode: 'QHG' },
    judgedAt: [],
    period: '2024-12',
    crossesTarget: false,
    before: { format: 'virtual-wards', files: virtualWards.slice(3, 5) },
    after: { format: 'VIRTUAL_WARDS', files: base64(virtualWards.slice(5, 6)) },
  },
  {
    metricCode: 'RTT_18WK',
    polarity: 'HIGHER_IS_BETTER',
    reported: { type: 'NATIONAL_BODY', odsCode: 'X24' },
    judgedAt: ['NATIONAL_BODY'],
    period: '2023-07',
    crossesTarget: false,
    before: { format: 'rtt-overview', files: [{ name: 'RTT-Overview-to-Jul23.xlsx', bytes: rttOverviewToJuly2023 }] },
    after: { format: 'RTT_OVERVIEW', files: base64([rttOverview!]) },
  },
];

const ask = async (api: TestApi, query: string, variables: Record<string, unknown>) => {
  const { json } = await api.post({ query, variables });
  expect(json.errors).toBeUndefined();
  return json.data as any;
};

describe.each(CASES)('$metricCode, through every operation', (metricCase) => {
  const { metricCode, polarity, reported, judgedAt, period, crossesTarget, before, after } = metricCase;
  /** Where the metric's target is judged: the reported organisation if it has one, else England. */
  const charted = judgedAt.includes(reported.type) || !judgedAt.includes('NATIONAL_BODY') ? reported.odsCode : 'X24';
  const chartedIsJudged = judgedAt.includes(charted === 'X24' ? 'NATIONAL_BODY' : reported.type);

  // Each metric on a database of its own, so that no case's data changes another's answers.
  let api: TestApi;
  let url: string;
  beforeAll(async () => {
    api = await createTestApi();
    url = await api.app.start(0);
    expect((await importFiles(api.db, before.format, before.files, { now: NOW })).errors).toEqual([]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("ranks the reporting organisations best first by the metric's own polarity, each with its standing where a target applies", async () => {
    const data = await ask(
      api,
      'query($m: String!, $p: String!, $t: OrganisationType!) { ranking(metricCode: $m, period: $p, organisationType: $t, first: 100) { totalCount edges { node { rank organisation { odsCode } measurement { value } standing { state } } } } }',
      { m: metricCode, p: period, t: reported.type },
    );
    const values = data.ranking.edges.map((edge: any) => edge.node.measurement.value);
    expect(values.length).toBeGreaterThan(reported.type === 'NATIONAL_BODY' ? 0 : 5);
    // Largest first where neither direction is better.
    const sorted = [...values].sort((a, b) => (polarity === 'LOWER_IS_BETTER' ? a - b : b - a));
    expect(values).toEqual(sorted);
    const ranked = data.ranking.edges.find((edge: any) => edge.node.organisation.odsCode === reported.odsCode);
    expect(ranked.node.standing !== null).toBe(judgedAt.includes(reported.type));
  });

  it('draws the ICB board from what ICBs have (reported, rolled up, or nothing where the metric reaches no ICB), with standings where ICBs have a target', async () => {
    const { organisations } = await api.execute(IcbBoardDocument, { metricCode, from: '2015-01', to: '2025-06' });
    expect(organisations.totalCount).toBe(42);
    const { metric } = await api.execute(MetricDocument, { code: metricCode });
    const icbs = organisations.edges.map(({ node }) => node);
    // The two flags say whether ICBs have values at all.
    if (metric!.reportedByIcbs || metric!.rollsUpToIcbs) {
      expect(icbs.every((icb) => icb.latest?.period === period && icb.measurements.totalCount > 0)).toBe(true);
      // Derived exactly where the ICBs do not report the metric themselves.
      expect(icbs.every((icb) => icb.latest!.derived === !metric!.reportedByIcbs)).toBe(true);
      expect(icbs.every((icb) => (icb.standing !== null) === judgedAt.includes('ICB'))).toBe(true);
    } else {
      expect(icbs.every((icb) => icb.latest === null && icb.standing === null)).toBe(true);
      expect(icbs.every((icb) => icb.measurements.totalCount === 0)).toBe(true);
    }
  });

  it('gives England its value (rolled up unless England is what is reported), shown as NHS England shows it, its standing and its series history', async () => {
    const data = await ask(
      api,
      'query($m: String!) { organisation(odsCode: "X24") { latest(metricCode: $m) { period derived displayValue } standing(metricCode: $m) { state threshold } seriesHistory(metricCode: $m) { periods { period state } crossings { period crossing } } } }',
      { m: metricCode },
    );
    expect(data.organisation.latest).toMatchObject({ period, derived: reported.type !== 'NATIONAL_BODY' });
    if (judgedAt.includes('NATIONAL_BODY')) {
      expect(['MEETING', 'NOT_MEETING']).toContain(data.organisation.standing.state);
      const periods = data.organisation.seriesHistory.flatMap((history: any) =>
        history.periods.map((entry: any) => entry.period),
      );
      expect(periods).toContain(period);
    } else {
      // No target, so nothing to stand against and no history of crossing one.
      expect(data.organisation.standing).toBeNull();
      expect(data.organisation.seriesHistory).toEqual([]);
    }
  });

  it('carries a confidence interval where its published figures allow one (the reason where not), a benchmark against England and a recent trend, no case special', async () => {
    const data = await ask(
      api,
      `query($o: String!, $m: String!) {
        organisation(odsCode: $o) {
          latest(metricCode: $m) { value numerator denominator metric { unit }
            confidenceInterval { method lower upper reason }
            benchmark { outcome referenceValue reason } }
          recentTrend(metricCode: $m) { marker method chiSquared periods reason }
        }
        england: organisation(odsCode: "X24") { latest(metricCode: $m) { value } }
      }`,
      { o: reported.odsCode, m: metricCode },
    );
    const { latest, recentTrend } = data.organisation;
    const { unit } = latest.metric;
    const proportion =
      unit === 'PERCENT' &&
      latest.numerator !== null &&
      latest.denominator > 0 &&
      latest.numerator <= latest.denominator;
    if (proportion) {
      // Wilson's interval of the published counts, computed here.
      const [x, n, z] = [latest.numerator, latest.denominator, 1.959963984540054];
      const centre = x + (z * z) / 2;
      const spread = z * Math.sqrt((x * (n - x)) / n + (z * z) / 4);
      expect(latest.confidenceInterval.method).toBe('WILSON');
      expect(latest.confidenceInterval.lower).toBeCloseTo(((centre - spread) / (n + z * z)) * 100, 9);
      expect(latest.confidenceInterval.upper).toBeCloseTo(((centre + spread) / (n + z * z)) * 100, 9);
    } else {
      expect(latest.confidenceInterval).toMatchObject({ method: 'NOT_APPLICABLE', lower: null, upper: null });
      expect(latest.confidenceInterval.reason.length).toBeGreaterThan(10);
    }
    const england = data.england.latest.value;
    if (reported.odsCode === 'X24')
      expect(latest.benchmark).toMatchObject({
        outcome: 'NOT_COMPARED',
        reason: 'England is not compared with itself',
      });
    else if (!proportion) expect(latest.benchmark.outcome).toBe('NOT_COMPARED');
    else {
      const { lower, upper } = latest.confidenceInterval;
      const expected =
        england >= lower && england <= upper
          ? 'SIMILAR'
          : polarity === 'NEUTRAL'
            ? latest.value > england
              ? 'HIGHER'
              : 'LOWER'
            : latest.value > england === (polarity === 'HIGHER_IS_BETTER')
              ? 'BETTER'
              : 'WORSE';
      expect(latest.benchmark).toMatchObject({ outcome: expected, referenceValue: england });
    }
    // A trend needs five periods; each case's data has fewer or more, and says which.
    expect(recentTrend.marker === 'CANNOT_BE_CALCULATED').toBe(recentTrend.reason !== null);
    if (recentTrend.method === 'CHI_SQUARED_FOR_TREND') {
      // Armitage's test for trend on the latest five periods' counts, computed here.
      const { organisation } = await ask(
        api,
        'query($o: String!, $m: String!) { organisation(odsCode: $o) { measurements(metricCode: $m, last: 5) { edges { node { period numerator denominator } } } } }',
        { o: reported.odsCode, m: metricCode },
      );
      const points = organisation.measurements.edges.map(
        (edge: { node: { period: string; numerator: number; denominator: number } }) => edge.node,
      ) as { period: string; numerator: number; denominator: number }[];
      expect(recentTrend.periods).toEqual(points.map((point) => point.period));
      let [n, x, xt, nt, nt2] = [0, 0, 0, 0, 0];
      points.forEach((point, index) => {
        n += point.denominator;
        x += point.numerator;
        xt += point.numerator * (index + 1);
        nt += point.denominator * (index + 1);
        nt2 += point.denominator * (index + 1) ** 2;
      });
      expect(recentTrend.chiSquared).toBeCloseTo((n * (n * xt - x * nt) ** 2) / (x * (n - x) * (n * nt2 - nt ** 2)), 6);
    }
  });

  it("says where it has values: metric(code:)'s coverage", async () => {
    const { metric } = await ask(
      api,
      'query($m: String!) { metric(code: $m) { hasData firstPeriod lastPeriod reportedAt } }',
      { m: metricCode },
    );
    expect(metric).toMatchObject({ hasData: true, lastPeriod: period });
    expect(metric.firstPeriod <= period).toBe(true);
    expect(metric.reportedAt).toEqual(expect.arrayContaining([reported.type, 'NATIONAL_BODY']));
  });

  it('streams the crossings and values a new release causes, exactly as the log records them', async () => {
    const crossings = await subscribeSse(
      url,
      'subscription($m: [String!]) { thresholdCrossed(filter: { metricCodes: $m, organisationTypes: [NATIONAL_BODY, REGION, ICB, TRUST] }) { cursor metric { code } organisation { odsCode } period } }',
      { m: [metricCode] },
      api.adminKey,
    );
    // Reported values are streamed as recorded (roll-ups are not reported, so not streamed).
    const values = await subscribeSse(
      url,
      'subscription($m: [String!], $o: [String!]) { measurementRecorded(filter: { metricCodes: $m, odsCodes: $o }) { period value derived metric { code } organisation { odsCode } } }',
      { m: [metricCode], o: [reported.odsCode] },
      api.adminKey,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logEnd = (await api.db.prisma.crossing.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n;
    // Through the API, as a partner's tooling or `import --endpoint` sends a release.
    const imported = await ask(
      api,
      'mutation($format: ImportFormat!, $files: [ImportFileInput!]!) { importFiles(format: $format, files: $files) { crossingsRecorded errors { message } } }',
      { format: after.format, files: after.files },
    );
    expect(imported.importFiles.errors).toEqual([]);
    const logged = await api.db.prisma.crossing.findMany({
      where: { sequence: { gt: logEnd }, metric: { code: metricCode } },
      orderBy: { sequence: 'asc' },
    });
    expect(logged.length > 0).toBe(crossesTarget);
    await crossings.waitFor(logged.length, 15_000);
    await values.waitFor(1, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    crossings.close();
    values.close();
    expect(crossings.events.map((event) => event.thresholdCrossed.cursor)).toEqual(
      logged.map((crossing) => crossing.sequence.toString()),
    );
    expect(
      values.events.every(
        (event) =>
          event.measurementRecorded.metric.code === metricCode &&
          event.measurementRecorded.organisation.odsCode === reported.odsCode &&
          !event.measurementRecorded.derived,
      ),
    ).toBe(true);
    expect(values.events.length).toBeGreaterThan(0);
  });

  it("charts a series with SPC, judged by the metric's own polarity and, where there is one, the target in force (after the new release)", async () => {
    const { organisation } = await api.execute(OrganisationSpcDocument, { odsCode: charted, metricCode });
    const spc = organisation!.spc;
    expect(spc.metric).toMatchObject({ code: metricCode, polarity });
    expect(spc.points.length).toBeGreaterThanOrEqual(2);
    expect(spc.points.map((point) => point.period)).toContain(period);
    expect(spc.variation).toBe(spc.points.at(-1)!.variation);
    const improving = spc.points.filter((point) => point.variation === 'SPECIAL_CAUSE_IMPROVING');
    // Improvement lies above the mean where higher is better, below it where lower is, and
    // nowhere where neither is.
    if (polarity === 'NEUTRAL') expect(improving).toEqual([]);
    else
      expect(improving.every((point) => point.relativeToMean === (polarity === 'HIGHER_IS_BETTER' ? 1 : -1))).toBe(
        true,
      );
    if (chartedIsJudged) {
      expect(spc.target).not.toBeNull();
      expect(['CONSISTENTLY_PASSING', 'CONSISTENTLY_FAILING', 'HIT_AND_MISS']).toContain(spc.assurance);
    } else {
      expect(spc.target).toBeNull();
      expect(spc.assurance).toBeNull();
    }
  });

  it('watches a series against the target in force where there is one (refusing a target watch where there is none), and by SPC, as its standing and chart judge it', async () => {
    const create = (condition: Record<string, unknown>) =>
      ask(
        api,
        'mutation($input: CreateWatchInput!) { createWatch(input: $input) { watch { series { state period } } errors { code message } } }',
        {
          input: {
            name: `${metricCode} ${condition.kind}`,
            metricCode,
            selection: { odsCodes: [charted] },
            condition,
          },
        },
      );
    const standing = await ask(
      api,
      'query($m: String!, $o: String!) { organisation(odsCode: $o) { latest(metricCode: $m) { period } standing(metricCode: $m) { state } spc(metricCode: $m) { variation } } }',
      { m: metricCode, o: charted },
    );
    const target = (await create({ kind: 'TARGET' })).createWatch;
    if (chartedIsJudged) {
      // Firing at once (forPeriods 1) exactly when the latest period misses its target.
      expect(target.errors).toEqual([]);
      expect(target.watch.series).toHaveLength(1);
      expect(target.watch.series[0].period).toBe(standing.organisation.latest.period);
      expect(target.watch.series[0].state === 'FIRING').toBe(standing.organisation.standing.state === 'NOT_MEETING');
    } else {
      expect(target.watch).toBeNull();
      expect(target.errors.map((error: { code: string }) => error.code)).toEqual(['NO_TARGET']);
    }
    const spc = (await create({ kind: 'SPC' })).createWatch;
    expect(spc.errors).toEqual([]);
    expect(spc.watch.series[0].state === 'FIRING').toBe(
      standing.organisation.spc.variation === 'SPECIAL_CAUSE_CONCERNING',
    );
  });

  it("exports its series as CSV, row for row the API's", async () => {
    const base = url.replace(/\/graphql$/, '');
    const response = await fetch(`${base}/export/series.csv?metric=${metricCode}&odsCode=${charted}`, {
      headers: { authorization: `Bearer ${api.adminKey}` },
    });
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.text());
    const { organisation } = await api.execute(OrganisationDetailDocument, { odsCode: charted, metricCode });
    const measurements = organisation!.measurements.edges.map((edge) => edge.node);
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => [row[column('period')], row[column('value')], row[column('display_value')]])).toEqual(
      measurements.map((measurement) => [measurement.period, String(measurement.value), measurement.displayValue]),
    );
    expect(rows.length).toBeGreaterThan(1);
  });
});
