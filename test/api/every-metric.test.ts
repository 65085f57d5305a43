import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IcbBoardDocument, MetricDocument, OrganisationSpcDocument } from '../../schema/generated/graphql.js';
import { importFiles, type ImportFormat } from '../../src/services/import.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { AMBSYS_EXTRACT, cwtProviderImportFiles, dm01ImportFiles, MONTHLY_AE_DIR } from '../support/mirror.js';
import { subscribeSse } from '../support/streams.js';

/**
 * The same operations, with no special case, for a higher-is-better percentage that rolls up
 * through ICBs (A&E four hours), a lower-is-better time that rolls up to regions only
 * (ambulance Category 2 mean), a percentage read from workbooks (cancer Faster Diagnosis) and one
 * read from the old Excel format (diagnostics within six weeks):
 * standings, rankings, series histories, crossings and both subscriptions.
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
const [cwtProvisional, cwtOctober] = cwtProviderImportFiles();
/** November and December 2024 first, then January 2025 as a new release. */
const dm01 = dm01ImportFiles();

const CASES = [
  {
    metricCode: 'AE_4HR',
    polarity: 'HIGHER_IS_BETTER',
    provider: 'RJ1',
    period: '2024-06',
    before: { format: 'nhse-ae-monthly' as ImportFormat, files: [aeMonth('Monthly-AE-June-2024.csv')] },
    after: {
      format: 'NHSE_AE_MONTHLY',
      files: [aeMonth('Monthly-AE-July-2024-revised.csv'), aeMonth('Monthly-AE-August-2024.csv')],
    },
  },
  {
    metricCode: 'AMB_CAT2_MEAN',
    polarity: 'LOWER_IS_BETTER',
    provider: 'RRU',
    period: '2023-06',
    before: {
      format: 'ambsys' as ImportFormat,
      files: [{ name: 'AmbSYS-to-Jun-2023.csv', text: ambsysUntil(2023, 6) }],
    },
    after: { format: 'AMBSYS', files: [{ name: 'AmbSYS-to-Mar-2024.csv', text: ambsysUntil(2024, 3) }] },
  },
  {
    metricCode: 'CANCER_FDS',
    polarity: 'HIGHER_IS_BETTER',
    provider: 'RTH',
    period: '2023-09',
    before: { format: 'cwt-provider' as ImportFormat, files: [cwtProvisional!] },
    // A workbook goes through the API as its bytes in base64.
    after: {
      format: 'CWT_PROVIDER',
      files: [{ name: cwtOctober!.name, base64: Buffer.from(cwtOctober!.bytes).toString('base64') }],
    },
  },
  {
    metricCode: 'DIAG_6WK',
    polarity: 'HIGHER_IS_BETTER',
    provider: 'RF4',
    period: '2024-12',
    before: { format: 'dm01' as ImportFormat, files: dm01.slice(3, 5) },
    after: {
      format: 'DM01',
      files: dm01.slice(5, 6).map((file) => ({ name: file.name, base64: Buffer.from(file.bytes).toString('base64') })),
    },
  },
] as const;

let api: TestApi;
let url: string;
beforeAll(async () => {
  api = await createTestApi();
  url = await api.app.start(0);
  for (const { before } of CASES)
    expect((await importFiles(api.db, before.format, before.files, { now: NOW })).errors).toEqual([]);
});
afterAll(async () => {
  await api?.close();
});

const ask = async (query: string, variables: Record<string, unknown>) => {
  const { json } = await api.post({ query, variables });
  expect(json.errors).toBeUndefined();
  return json.data as any;
};

describe.each(CASES)('$metricCode, through every operation', ({ metricCode, polarity, provider, period, after }) => {
  it("ranks providers best first by the metric's own polarity, each with its standing", async () => {
    const data = await ask(
      'query($m: String!, $p: String!) { ranking(metricCode: $m, period: $p, organisationType: TRUST, first: 100) { totalCount edges { node { rank organisation { odsCode } measurement { value } standing { state } } } } }',
      { m: metricCode, p: period },
    );
    const values = data.ranking.edges.map((edge: any) => edge.node.measurement.value);
    expect(values.length).toBeGreaterThan(5);
    const sorted = [...values].sort((a, b) => (polarity === 'HIGHER_IS_BETTER' ? b - a : a - b));
    expect(values).toEqual(sorted);
    expect(
      data.ranking.edges.some(
        (edge: any) => edge.node.organisation.odsCode === provider && edge.node.standing !== null,
      ),
    ).toBe(true);
  });

  it('draws the ICB board from its roll-ups, and says an ICB has no value where the metric does not roll up to ICBs rather than inventing one', async () => {
    const { organisations } = await api.execute(IcbBoardDocument, { metricCode, from: '2023-04', to: '2025-06' });
    expect(organisations.totalCount).toBe(42);
    const { metric } = await api.execute(MetricDocument, { code: metricCode });
    const latest = organisations.edges.map(({ node }) => node.latest);
    if (metric!.rollsUpToIcbs) {
      expect(latest.every((value) => value?.period === period && value.derived)).toBe(true);
      expect(organisations.edges.every(({ node }) => node.standing !== null && node.measurements.totalCount > 0)).toBe(
        true,
      );
    } else {
      expect(latest.every((value) => value === null)).toBe(true);
      expect(organisations.edges.every(({ node }) => node.measurements.totalCount === 0)).toBe(true);
    }
  });

  it('gives England its rolled-up value, shown as NHS England shows it, its standing and its series history', async () => {
    const data = await ask(
      'query($m: String!) { organisation(odsCode: "X24") { latest(metricCode: $m) { period derived displayValue } standing(metricCode: $m) { state threshold } seriesHistory(metricCode: $m) { periods { period state } crossings { period crossing } } } }',
      { m: metricCode },
    );
    expect(data.organisation.latest).toMatchObject({ period, derived: true });
    expect(['MEETING', 'NOT_MEETING']).toContain(data.organisation.standing.state);
    const periods = data.organisation.seriesHistory.flatMap((history: any) =>
      history.periods.map((entry: any) => entry.period),
    );
    expect(periods).toContain(period);
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
      { m: [metricCode], o: [provider] },
      api.adminKey,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logEnd = (await api.db.prisma.crossing.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n;
    // Through the API, as a partner's tooling or `import --endpoint` sends a release.
    const imported = await ask(
      'mutation($format: ImportFormat!, $files: [ImportFileInput!]!) { importFiles(format: $format, files: $files) { crossingsRecorded errors { message } } }',
      { format: after.format, files: after.files },
    );
    expect(imported.importFiles.errors).toEqual([]);
    const logged = await api.db.prisma.crossing.findMany({
      where: { sequence: { gt: logEnd }, metric: { code: metricCode } },
      orderBy: { sequence: 'asc' },
    });
    expect(logged.length).toBeGreaterThan(0);
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
          event.measurementRecorded.organisation.odsCode === provider &&
          !event.measurementRecorded.derived,
      ),
    ).toBe(true);
    expect(values.events.length).toBeGreaterThan(0);
  });

  it("charts any organisation's series with SPC, judged by the metric's own polarity and the target in force (after the new release)", async () => {
    const { organisation } = await api.execute(OrganisationSpcDocument, { odsCode: provider, metricCode });
    const spc = organisation!.spc;
    expect(spc.metric).toMatchObject({ code: metricCode, polarity });
    expect(spc.points.length).toBeGreaterThanOrEqual(2);
    expect(spc.points.map((point) => point.period)).toContain(period);
    expect(spc.variation).toBe(spc.points.at(-1)!.variation);
    const improving = spc.points.filter((point) => point.variation === 'SPECIAL_CAUSE_IMPROVING');
    // Improvement lies above the mean where higher is better, below it where lower is.
    expect(improving.every((point) => point.relativeToMean === (polarity === 'HIGHER_IS_BETTER' ? 1 : -1))).toBe(true);
    expect(spc.target).not.toBeNull();
    expect(['CONSISTENTLY_PASSING', 'CONSISTENTLY_FAILING', 'HIT_AND_MISS']).toContain(spc.assurance);
  });

  it("watches the provider's series against the target in force, and by SPC, as its standing and chart judge it", async () => {
    const create = (condition: Record<string, unknown>) =>
      ask(
        'mutation($input: CreateWatchInput!) { createWatch(input: $input) { watch { series { state period } } errors { code message } } }',
        {
          input: {
            name: `${metricCode} ${condition.kind}`,
            metricCode,
            selection: { odsCodes: [provider] },
            condition,
          },
        },
      );
    const standing = await ask(
      'query($m: String!, $o: String!) { organisation(odsCode: $o) { standing(metricCode: $m) { state period } spc(metricCode: $m) { variation } } }',
      { m: metricCode, o: provider },
    );
    const { state, period: latest } = standing.organisation.standing;
    // Firing at once (forPeriods 1) exactly when the latest period misses its target.
    const target = (await create({ kind: 'TARGET' })).createWatch;
    expect(target.errors).toEqual([]);
    expect(target.watch.series).toHaveLength(1);
    expect(target.watch.series[0].period).toBe(latest);
    expect(target.watch.series[0].state === 'FIRING').toBe(state === 'NOT_MEETING');
    const spc = (await create({ kind: 'SPC' })).createWatch;
    expect(spc.errors).toEqual([]);
    expect(spc.watch.series[0].state === 'FIRING').toBe(
      standing.organisation.spc.variation === 'SPECIAL_CAUSE_CONCERNING',
    );
  });
});
