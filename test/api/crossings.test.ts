import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyAeImportFiles } from '../support/mirror.js';
import { importFiles } from '../../src/services/import.js';
import { createEventBus } from '../../src/events/bus.js';
import { createCrossingLogTail, crossingStream } from '../../src/events/crossing-log.js';
import { SlowSubscriberError } from '../../src/events/log-tail.js';
import { createLogger } from '../../src/server/logger.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { subscribeSse, subscribeWs, wsClient } from '../support/streams.js';

const NOW = new Date('2025-07-15T12:00:00Z');
const CROSSING_FIELDS =
  'cursor direction previousState period value threshold organisation { odsCode type } metric { code } target { value } milestone { key }';

let api: TestApi;
let url: string;
beforeAll(async () => {
  api = await createTestApi();
  url = await api.app.start(0);
  // The 13 monthly files, one import a month, in month order, as NHS England published them.
  const files = monthlyAeImportFiles();
  for (const file of files) {
    const report = await importFiles(api.db, 'nhse-ae-monthly', [file], { now: NOW });
    expect(report.errors).toEqual([]);
  }
});
afterAll(() => api?.close());

const query = (text: string, variables?: Record<string, unknown>) => api.post({ query: text, variables });

describe('crossings from the real A&E data', () => {
  it('are the ICB crossings the data implies against the 78% step', async () => {
    // Expected, from each ICB's monthly values: a series starts meeting; each month is judged
    // against 78% (in force from April 2024); every change of state is a crossing.
    const values = await api.db.prisma.measurement.findMany({
      where: { metric: { code: 'AE_4HR' }, organisation: { type: 'ICB' } },
      include: { organisation: true },
      orderBy: [{ organisationId: 'asc' }, { periodStart: 'asc' }],
    });
    const expected: string[] = [];
    let previous = new Map<string, 'MEETING' | 'NOT_MEETING'>();
    for (const value of values) {
      const state = value.value >= 78 ? 'MEETING' : 'NOT_MEETING';
      const before = previous.get(value.organisation.odsCode) ?? 'MEETING';
      if (state !== before)
        expected.push(
          `${value.organisation.odsCode} ${value.period} ${state === 'MEETING' ? 'RECOVERED' : 'BREACHED'}`,
        );
      previous.set(value.organisation.odsCode, state);
    }
    previous = new Map();
    const { json } = await query(`{ crossings(first: 100) { totalCount edges { node { ${CROSSING_FIELDS} } } } }`);
    expect(json.errors).toBeUndefined();
    const crossings = (json.data as any).crossings;
    const logged = crossings.edges.map(
      ({ node }: any) => `${node.organisation.odsCode} ${node.period} ${node.direction}`,
    );
    expect([...logged].sort()).toEqual([...expected].sort());
    expect(crossings.totalCount).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(20);
    for (const { node } of crossings.edges) {
      expect(node).toMatchObject({
        organisation: { type: 'ICB' },
        metric: { code: 'AE_4HR' },
        threshold: 78,
        target: { value: 78 },
        milestone: { key: '2023/p1/uec-recovery/four-hour-and-category-2' },
      });
      expect(node.direction === 'BREACHED' ? node.value < 78 : node.value >= 78).toBe(true);
    }
  });

  it('filters the log and pages it by cursor', async () => {
    const all = (
      await query(
        '{ crossings(first: 100) { edges { cursor node { direction organisation { region { odsCode } } } } } }',
      )
    ).json.data as any;
    const breached = (await query('{ crossings(filter: { directions: [BREACHED] }, first: 100) { totalCount } }')).json
      .data as any;
    expect(breached.crossings.totalCount).toBe(
      all.crossings.edges.filter((e: any) => e.node.direction === 'BREACHED').length,
    );
    const london = (
      await query(
        '{ crossings(filter: { regionOdsCodes: ["Y56"] }, first: 100) { edges { node { organisation { region { odsCode } } } } } }',
      )
    ).json.data as any;
    expect(london.crossings.edges.every((e: any) => e.node.organisation.region.odsCode === 'Y56')).toBe(true);
    const third = all.crossings.edges[2].cursor;
    const rest = (
      await query('query($a: String) { crossings(first: 100, after: $a) { edges { cursor } } }', { a: third })
    ).json.data as any;
    expect(rest.crossings.edges.map((e: any) => e.cursor)).toEqual(
      all.crossings.edges.slice(3).map((e: any) => e.cursor),
    );
    const trusts = (await query('{ crossings(filter: { organisationTypes: [TRUST] }, first: 1) { totalCount } }')).json
      .data as any;
    expect(trusts.crossings.totalCount).toBeGreaterThan(0);
  });

  it("recompute any series' full history, which a late value changes without firing anything live", async () => {
    const HISTORY = `query($ods: String!, $milestone: ID) { organisation(odsCode: $ods) { seriesHistory(metricCode: "AE_4HR", milestoneId: $milestone) {
      milestone { id key } periods { period value threshold state previousState crossing } crossings { period crossing } } } }`;
    const history = async (ods: string, milestone?: string) => {
      const { json } = await query(HISTORY, { ods, milestone });
      expect(json.errors).toBeUndefined();
      return (json.data as any).organisation.seriesHistory as any[];
    };
    // Imported month by month in order, an ICB's recomputed history is exactly its logged crossings.
    const logged = (
      (await query('{ crossings(first: 100) { edges { node { period direction organisation { odsCode } } } } }')).json
        .data as any
    ).crossings.edges.map((edge: any) => edge.node);
    const icb = logged[0].organisation.odsCode as string;
    const series = await history(icb);
    const uec = series.find((entry) => entry.milestone.key === '2023/p1/uec-recovery/four-hour-and-category-2');
    expect(uec.crossings).toEqual(
      logged
        .filter((node: any) => node.organisation.odsCode === icb)
        .map((node: any) => ({ period: node.period, crossing: node.direction })),
    );
    expect(uec.periods).toHaveLength(13);
    for (const period of uec.periods)
      expect(period.state).toBe(period.value >= period.threshold ? 'MEETING' : 'NOT_MEETING');
    // The 2017-18 mandate's 95% ended in June 2023: none of these months is judged by it.
    expect(series.find((entry) => entry.milestone.key !== uec.milestone.key)?.periods ?? []).toEqual([]);
    expect(await history(icb, uec.milestone.id)).toEqual([uec]);

    // A late value for an old month of a trust flips that month in its history and logs nothing.
    const before = (await history('RJ1', uec.milestone.id))[0];
    const old = before.periods[2];
    const crossingsBefore = await api.db.prisma.crossing.count();
    const late = await api.post({
      query:
        'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { crossingsRecorded errors { code } } }',
      variables: {
        i: {
          source: 'late value',
          measurements: [
            {
              metricCode: 'AE_4HR',
              odsCode: 'RJ1',
              period: old.period,
              numerator: old.state === 'MEETING' ? 5_000 : 9_900,
              denominator: 10_000,
            },
          ],
        },
      },
    });
    expect((late.json.data as any).recordMeasurements).toEqual({ crossingsRecorded: 0, errors: [] });
    expect(await api.db.prisma.crossing.count()).toBe(crossingsBefore);
    const after = (await history('RJ1', uec.milestone.id))[0];
    expect(after.periods[2].state).not.toBe(old.state);
    // A crossing at a period is a change from the period before: flipping one toggles its crossing.
    expect(after.periods[2].crossing === null).not.toBe(old.crossing === null);
    expect(after.periods.slice(0, 2)).toEqual(before.periods.slice(0, 2));

    const unknown = await query(
      '{ organisation(odsCode: "RJ1") { seriesHistory(metricCode: "NOPE") { periods { period } } } }',
    );
    expect(unknown.json.errors?.[0]).toMatchObject({ extensions: { code: 'UNKNOWN_METRIC' } });
    const organisationId = Buffer.from('Organisation:1').toString('base64');
    const notAMilestone = await query(HISTORY, { ods: 'RJ1', milestone: organisationId });
    expect(notAMilestone.json.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses malformed and unknown cursors and bad filters with clear errors', async () => {
    const malformed = await query('{ crossings(after: "abc") { totalCount } }');
    expect(malformed.json.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_CURSOR' } });
    const unknown = await query('{ crossings(after: "99999999") { totalCount } }');
    expect(unknown.json.errors?.[0]).toMatchObject({
      extensions: { code: 'INVALID_CURSOR' },
      message: 'Cursor 99999999 is beyond the end of the crossing log.',
    });
    const organisationId = Buffer.from('Organisation:1').toString('base64');
    const notAMilestone = await query(`{ crossings(filter: { milestoneIds: ["${organisationId}"] }) { totalCount } }`);
    expect(notAMilestone.json.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const badType = await query('{ crossings(filter: { organisationTypes: [HOSPITAL] }) { totalCount } }');
    expect(badType.status).toBe(400);
  });
});

describe('live crossings', () => {
  const trustFilter = '{ organisationTypes: [TRUST], odsCodes: ["RJ1"] }';
  const subscription = `subscription($after: String) { thresholdCrossed(filter: ${trustFilter}, after: $after) { ${CROSSING_FIELDS} } }`;
  const write = (value: number, period = '2025-07') =>
    api.post({
      query:
        'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { crossingsRecorded errors { code } } }',
      variables: {
        i: {
          source: 'live test',
          measurements: [{ metricCode: 'AE_4HR', odsCode: 'RJ1', period, numerator: value * 100, denominator: 10_000 }],
        },
      },
    });

  it('reach SSE and WebSocket subscribers; a resumed subscriber gets exactly what it missed, then live', async () => {
    const sse = await subscribeSse(url, subscription, {}, api.adminKey);
    const client = wsClient(url, api.adminKey);
    const ws = subscribeWs(client, subscription);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const june = (
      await query(
        '{ crossings(filter: { odsCodes: ["RJ1"], organisationTypes: [TRUST] }, first: 100) { edges { cursor node { direction } } } }',
      )
    ).json.data as any;
    const lastSeen = june.crossings.edges.at(-1);
    // RJ1 met 78% in June 2025? Whatever its state, move it to the other side, twice.
    const current = await api.db.prisma.seriesState.findFirstOrThrow({
      where: { organisation: { odsCode: 'RJ1' }, metric: { code: 'AE_4HR' } },
      orderBy: { periodEnd: 'desc' },
    });
    const [first, second] = current.state === 'MEETING' ? [70, 85] : [85, 70];
    // RJ1 alone in July may also make its ICB's and England's roll-ups cross; one crossing is RJ1's.
    const firstWrite = (await write(first)).json.data as any;
    expect(firstWrite.recordMeasurements.errors).toEqual([]);
    expect(firstWrite.recordMeasurements.crossingsRecorded).toBeGreaterThanOrEqual(1);
    const [viaSse] = await sse.waitFor(1);
    const [viaWs] = await ws.waitFor(1);
    expect(viaSse).toEqual(viaWs);
    expect(viaSse!.thresholdCrossed).toMatchObject({
      period: '2025-07',
      organisation: { odsCode: 'RJ1' },
      direction: current.state === 'MEETING' ? 'BREACHED' : 'RECOVERED',
    });

    // A room that saw only up to June's last crossing comes back: it gets the missed one, then live.
    const resumed = await subscribeSse(url, subscription, { after: lastSeen?.cursor ?? '0' }, api.adminKey);
    const [replayed] = await resumed.waitFor(1);
    expect(replayed).toEqual(viaSse);
    expect(((await write(second)).json.data as any).recordMeasurements.crossingsRecorded).toBeGreaterThanOrEqual(1);
    const events = await resumed.waitFor(2);
    expect(events[1]!.thresholdCrossed.cursor).not.toBe(events[0]!.thresholdCrossed.cursor);
    await sse.waitFor(2);
    await ws.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.events).toHaveLength(2);
    expect(sse.events).toHaveLength(2);
    for (const stream of [sse, resumed, ws]) stream.close();
    await client.dispose();
  });

  it('stream recorded measurements to rooms that watch raw values', async () => {
    const stream = await subscribeSse(
      url,
      'subscription { measurementRecorded(filter: { odsCodes: ["RJ2"], metricCodes: ["AE_4HR"] }) { period value derived organisation { odsCode } } }',
      {},
      api.adminKey,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await api.post({
      query: 'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { errors { code } } }',
      variables: {
        i: {
          source: 'raw values',
          measurements: [
            { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-07', numerator: 8000, denominator: 10_000 },
            { metricCode: 'AE_4HR', odsCode: 'RJ2', period: '2025-07', numerator: 7500, denominator: 10_000 },
          ],
        },
      },
    });
    const [event] = await stream.waitFor(1);
    expect(event).toEqual({
      measurementRecorded: { period: '2025-07', value: 75, derived: false, organisation: { odsCode: 'RJ2' } },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.events).toHaveLength(1);
    stream.close();
  });

  it('ends a subscriber that has fallen too far behind, with its cursor to resume from', async () => {
    const bus = createEventBus({ logger: createLogger('silent') });
    const tail = createCrossingLogTail(api.db, bus);
    const start = await tail.end();
    // Crossings happen while this subscriber reads nothing...
    const current = await api.db.prisma.seriesState.findFirstOrThrow({
      where: { organisation: { odsCode: 'RJ1' }, metric: { code: 'AE_4HR' } },
      orderBy: { periodEnd: 'desc' },
    });
    await write(current.state === 'MEETING' ? 50 : 95);
    await bus.publish({
      crossings: [
        {
          sequence: start + 1n,
          odsCode: 'RJ1',
          organisationType: 'TRUST',
          regionOdsCode: 'Y56',
          ambulanceService: false,
          metricCode: 'AE_4HR',
          milestoneId: null,
          direction: 'BREACHED',
        },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await tail.end()).toBeGreaterThan(start);
    // ...so that, allowed no lag at all, it is ended when it next reads, told where to resume.
    const stream = crossingStream(api.db, tail, { organisationTypes: ['TRUST'] }, start, { maxLag: 0 });
    const error = await stream.next().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SlowSubscriberError);
    expect((error as SlowSubscriberError).message).toContain(`resume with after: "${start}"`);
    // Resuming from that cursor, with the default allowance, replays what it missed.
    const resumed = crossingStream(api.db, tail, { organisationTypes: ['TRUST'], odsCodes: ['RJ1'] }, start);
    const next = await resumed.next();
    expect(next.value).toBeGreaterThan(start);
    await resumed.return(undefined);
    await tail.close();
  });

  it('costs one read of a crossing however many subscribers receive it', async () => {
    const client = wsClient(url, api.adminKey);
    const rooms = Array.from({ length: 25 }, () => subscribeWs(client, subscription));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const current = await api.db.prisma.seriesState.findFirstOrThrow({
      where: { organisation: { odsCode: 'RJ1' }, metric: { code: 'AE_4HR' } },
      orderBy: { periodEnd: 'desc' },
    });
    api.queries.length = 0;
    await write(current.state === 'MEETING' ? 55 : 95);
    await Promise.all(rooms.map((room) => room.waitFor(1)));
    const cursors = new Set(rooms.map((room) => room.events[0]!.thresholdCrossed.cursor));
    expect(cursors.size).toBe(1);
    // The row (with what the rooms select of it) is read in one statement for all 25 rooms.
    const rowReads = api.queries.filter(
      (sql) => sql.startsWith('SELECT') && sql.includes('"Crossing"."occurredAt" FROM "public"."Crossing"'),
    );
    expect(rowReads).toHaveLength(1);
    for (const room of rooms) room.close();
    await client.dispose();
  });

  it('publishes nothing for a refused batch, and answers a bad cursor on the socket without closing it', async () => {
    const client = wsClient(url, api.adminKey);
    const live = subscribeWs(client, subscription);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = await api.db.prisma.crossing.count();
    const refused = await api.post({
      query:
        'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { crossingsRecorded errors { code } } }',
      variables: {
        i: {
          source: 'refused',
          measurements: [
            { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-07', numerator: 1, denominator: 10_000 },
            { metricCode: 'AE_4HR', odsCode: 'NOPE', period: '2025-07', numerator: 1, denominator: 2 },
          ],
        },
      },
    });
    expect((refused.json.data as any).recordMeasurements).toEqual({
      crossingsRecorded: 0,
      errors: [{ code: 'UNKNOWN_ORGANISATION' }],
    });
    const bad = subscribeWs(client, subscription, { after: 'not-a-cursor' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(live.events).toEqual([]);
    expect(await api.db.prisma.crossing.count()).toBe(before);
    expect(bad.errors).toEqual([expect.objectContaining({ extensions: { code: 'INVALID_CURSOR' } })]);
    const badQuery = subscribeWs(client, 'subscription { thresholdCrossed { nope } }');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(badQuery.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Cannot query field "nope"') }),
    ]);
    // The socket is still open: the live subscription still receives.
    const current = await api.db.prisma.seriesState.findFirstOrThrow({
      where: { organisation: { odsCode: 'RJ1' }, metric: { code: 'AE_4HR' } },
      orderBy: { periodEnd: 'desc' },
    });
    await write(current.state === 'MEETING' ? 60 : 90);
    await live.waitFor(1);
    live.close();
    await client.dispose();
  });
});
