import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcknowledgeWatchDocument,
  CreateWatchDocument,
  DeleteWatchDocument,
  EndSilenceDocument,
  SilenceWatchDocument,
  UpdateWatchDocument,
  WatchEventLogDocument,
  WatchesDocument,
  WatchEventsDocument,
} from '../../schema/generated/graphql.js';
import { importFiles } from '../../src/services/import.js';
import { createWatchService } from '../../src/services/watches.js';
import { createEventBus } from '../../src/events/bus.js';
import { createWatchLogTail } from '../../src/events/watch-log.js';
import { createLiveEventRows } from '../../src/events/shared-rows.js';
import { createLogger } from '../../src/server/logger.js';
import { monthlyAeImportFiles } from '../support/mirror.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { subscribeSse, subscribeWs, wsClient } from '../support/streams.js';

const NOW = new Date('2025-07-15T12:00:00Z');

let api: TestApi;
let url: string;
const keys = {} as Record<'ops' | 'other' | 'reader', string>;
beforeAll(async () => {
  // Months after the files' last (June 2025) are written live: the clock stands a year on.
  api = await createTestApi({ now: () => new Date('2026-07-15T12:00:00Z') });
  url = await api.app.start(0);
  const report = await importFiles(api.db, 'nhse-ae-monthly', monthlyAeImportFiles(), { now: NOW });
  expect(report.errors).toEqual([]);
  keys.ops = await api.createKey('OPS');
  keys.other = await api.createKey('OPS');
  keys.reader = await api.createKey('READER');
});
afterAll(() => api?.close());

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
async function as(key: string, document: Parameters<typeof print>[0], variables: Record<string, unknown> = {}) {
  const { json } = await api.post({ query: print(document), variables }, bearer(key));
  expect(json.errors, JSON.stringify(json.errors)).toBeUndefined();
  return json.data as any;
}
/** The months written live, one after another, from July 2025. */
let month = 6;
const nextPeriod = () => {
  month += 1;
  return `${2025 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
};
const record = (odsCode: string, percent: number, period = nextPeriod()) =>
  api.post({
    query:
      'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { watchEventsRecorded errors { code } } }',
    variables: {
      i: {
        source: 'watch test',
        measurements: [{ metricCode: 'AE_4HR', odsCode, period, numerator: percent * 100, denominator: 10_000 }],
      },
    },
  });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The watch event log's last cursor: a subscription from there misses nothing written after this. */
const logEnd = async () =>
  String((await api.db.prisma.watchEvent.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n);

describe('a watch made over existing data', () => {
  it('judges the whole history at once and starts from the states it finds, with no events', async () => {
    const input = {
      name: 'ICBs under 76% two months running',
      metricCode: 'AE_4HR',
      condition: { kind: 'THRESHOLD', threshold: { comparator: 'BELOW', value: 76 } },
      forPeriods: 2,
      labels: [{ name: 'team', value: 'uec' }],
    };
    const { createWatch } = await as(keys.ops, CreateWatchDocument, { input });
    expect(createWatch.errors).toEqual([]);
    const watch = createWatch.watch;
    expect(watch).toMatchObject({
      metric: { code: 'AE_4HR' },
      forPeriods: 2,
      keepFiringForPeriods: 0,
      selection: { organisationTypes: ['ICB'] },
      labels: [{ name: 'team', value: 'uec' }],
    });
    expect(watch.owner).toMatch(/^key:/);
    expect(watch.series).toHaveLength(42);
    expect(await api.db.prisma.watchEvent.count()).toBe(0);

    // Independently of the state machine: with forPeriods 2 and no hysteresis, a series fires while
    // its last run of months below 76 is two or more long and is pending at one; otherwise it has
    // resolved if the last run before the months at or above 76 was long enough to fire, and is
    // inactive if not (a pending run that ends fires nothing).
    const values = await api.db.prisma.measurement.findMany({
      where: { metric: { code: 'AE_4HR' }, organisation: { type: 'ICB' } },
      include: { organisation: true },
      orderBy: { periodEnd: 'asc' },
    });
    const byIcb = new Map<string, number[]>();
    for (const value of values)
      byIcb.set(value.organisation.odsCode, [...(byIcb.get(value.organisation.odsCode) ?? []), value.value]);
    const lastRun = (holds: boolean[]) => {
      let end = holds.length;
      while (end > 0 && !holds[end - 1]) end -= 1;
      let start = end;
      while (start > 0 && holds[start - 1]) start -= 1;
      return { length: end - start, trailing: end === holds.length };
    };
    const states = new Set<string>();
    for (const series of watch.series) {
      const run = lastRun(byIcb.get(series.organisation.odsCode)!.map((value) => value < 76));
      const expected = run.trailing
        ? run.length >= 2
          ? 'FIRING'
          : run.length === 1
            ? 'PENDING'
            : 'INACTIVE'
        : run.length >= 2
          ? 'RESOLVED'
          : 'INACTIVE';
      expect(series.state, series.organisation.odsCode).toBe(expected);
      expect(series.period).toBe('2025-06');
      states.add(series.state);
    }
    // The real data puts ICBs in more than one state: the check above means something.
    expect(states.size).toBeGreaterThan(1);
  });

  it('charts SPC the way Organisation.spc does: a series fires exactly when its latest point is special cause of concern', async () => {
    const { createWatch } = await as(keys.ops, CreateWatchDocument, {
      input: {
        name: 'SPC concern, London ICBs',
        metricCode: 'AE_4HR',
        selection: { regionOdsCodes: ['Y56'] },
        condition: { kind: 'SPC' },
      },
    });
    expect(createWatch.errors).toEqual([]);
    expect(createWatch.watch.series.length).toBe(5);
    for (const series of createWatch.watch.series) {
      const { json } = await api.post({
        query:
          '{ organisation(odsCode: "' +
          series.organisation.odsCode +
          '") { spc(metricCode: "AE_4HR") { variation } } }',
      });
      const concerning = (json.data as any).organisation.spc.variation === 'SPECIAL_CAUSE_CONCERNING';
      expect(series.state === 'FIRING', series.organisation.odsCode).toBe(concerning);
    }
  });
});

describe('watch events, live', () => {
  let watchId: string;
  const SUBSCRIPTION = print(WatchEventsDocument);

  it('fire on every write path, with pending, a clearing margin and labels, over SSE and WebSocket, and resume with no gap', async () => {
    const { createWatch } = await as(keys.ops, CreateWatchDocument, {
      input: {
        name: 'RJ1 below 70%',
        metricCode: 'AE_4HR',
        selection: { odsCodes: ['rj1'] },
        condition: { kind: 'THRESHOLD', threshold: { comparator: 'BELOW', value: 70, clearingMargin: 2 } },
        labels: [{ name: 'severity', value: 'page' }],
      },
    });
    expect(createWatch.errors).toEqual([]);
    watchId = createWatch.watch.id;
    expect(createWatch.watch.series).toMatchObject([{ organisation: { odsCode: 'RJ1' } }]);
    expect(createWatch.watch.series[0].state).not.toBe('FIRING');

    // From the log's start: the watch is new, so nothing is replayed, and a subscription that takes
    // a moment to start misses nothing.
    const sse = await subscribeSse(url, SUBSCRIPTION, { watchIds: [watchId], after: '0' }, keys.ops);
    const client = wsClient(url, keys.ops);
    const ws = subscribeWs(client, SUBSCRIPTION, { watchIds: [watchId], after: '0' });
    await pause(300);

    // Through the mutation: 60% fires at once (forPeriods 1).
    const first = await record('RJ1', 60);
    // RJ1's ICB may move under the first test's watch too: each write reports every watch's events.
    expect((first.json.data as any).recordMeasurements.errors).toEqual([]);
    expect((first.json.data as any).recordMeasurements.watchEventsRecorded).toBeGreaterThanOrEqual(1);
    const [viaSse] = await sse.waitFor(1);
    const [viaWs] = await ws.waitFor(1);
    expect(viaSse).toEqual(viaWs);
    expect(viaSse!.watchEvents).toMatchObject({
      kind: 'STATE_CHANGED',
      toState: 'FIRING',
      period: '2025-07',
      value: 60,
      silenced: false,
      organisation: { odsCode: 'RJ1' },
      labels: [{ name: 'severity', value: 'page' }],
      milestone: { key: '2023/p1/uec-recovery/four-hour-and-category-2' },
    });

    // Within the clearing margin (70 + 2): still firing, nothing sent; a revision is judged as the value.
    await record('RJ1', 71);
    expect(await api.db.prisma.watchEvent.count({ where: { watch: { name: 'RJ1 below 70%' } } })).toBe(1);
    expect(await api.db.prisma.watchSeries.findFirst({ where: { watch: { name: 'RJ1 below 70%' } } })).toMatchObject({
      state: 'FIRING',
      period: '2025-08',
    });
    // Through an import (a partner's file), past the margin: resolved.
    const imported = await api.post({
      query:
        'mutation($files: [ImportFileInput!]!) { importFiles(format: MEASUREMENTS, files: $files) { watchEventsRecorded errors { code message } } }',
      variables: {
        files: [
          {
            name: 'partner.csv',
            text: `metric_code,ods_code,period,value,numerator,denominator\nAE_4HR,RJ1,${nextPeriod()},,7300,10000\n`,
          },
        ],
      },
    });
    expect((imported.json.data as any).importFiles.errors).toEqual([]);
    expect((imported.json.data as any).importFiles.watchEventsRecorded).toBeGreaterThanOrEqual(1);
    const events = await sse.waitFor(2);
    expect(events[1]!.watchEvents).toMatchObject({ fromState: 'FIRING', toState: 'RESOLVED', value: 73 });
    await ws.waitFor(2);

    // A room that saw only the first event comes back: it gets the one it missed, then live.
    const resumed = await subscribeSse(
      url,
      SUBSCRIPTION,
      { watchIds: [watchId], after: viaSse!.watchEvents.cursor },
      keys.ops,
    );
    const [replayed] = await resumed.waitFor(1);
    expect(replayed).toEqual(events[1]);
    await record('RJ1', 50);
    const live = await resumed.waitFor(2);
    expect(live[1]!.watchEvents).toMatchObject({ fromState: 'RESOLVED', toState: 'FIRING', value: 50 });
    await sse.waitFor(3);
    await pause(300);
    expect(resumed.events).toHaveLength(2);
    expect(sse.events).toHaveLength(3);
    expect(ws.events.length).toBeGreaterThanOrEqual(2);
    for (const stream of [sse, resumed, ws]) stream.close();
    await client.dispose();
  });

  it('follows every watch of the key when no watch is named, those made after it subscribed included', async () => {
    const after = await logEnd();
    const everything = await subscribeSse(
      url,
      'subscription($after: String) { watchEvents(after: $after) { toState watch { name } organisation { odsCode } } }',
      { after },
      keys.ops,
    );
    const others = await subscribeSse(
      url,
      'subscription($after: String) { watchEvents(after: $after) { toState watch { name } } }',
      { after },
      keys.other,
    );
    await pause(300);
    const { createWatch } = await as(keys.ops, CreateWatchDocument, {
      input: {
        name: 'RJ2 at 100%',
        metricCode: 'AE_4HR',
        selection: { odsCodes: ['RJ2'] },
        condition: { kind: 'THRESHOLD', threshold: { comparator: 'ABOVE', value: 99.5 } },
      },
    });
    expect(createWatch.errors).toEqual([]);
    await record('RJ2', 100);
    await expect
      .poll(
        () =>
          everything.events.some(
            (event) => event.watchEvents.watch.name === 'RJ2 at 100%' && event.watchEvents.toState === 'FIRING',
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    await pause(300);
    // Another key's subscriber to all its own watches hears nothing of this key's.
    expect(others.events).toEqual([]);
    everything.close();
    others.close();
  });

  it('acknowledges a firing series for every watcher, and refuses to acknowledge one that is not firing', async () => {
    const sse = await subscribeSse(
      url,
      print(WatchEventsDocument),
      { watchIds: [watchId], after: await logEnd() },
      keys.ops,
    );
    await pause(300);
    const { acknowledgeWatch } = await as(keys.ops, AcknowledgeWatchDocument, {
      input: { watchId, odsCode: 'RJ1', note: 'Escalated to the ICB' },
    });
    expect(acknowledgeWatch.errors).toEqual([]);
    expect(acknowledgeWatch.series).toMatchObject({
      state: 'FIRING',
      acknowledgement: { note: 'Escalated to the ICB' },
    });
    expect(acknowledgeWatch.series.acknowledgement.by).toMatch(/^key:/);
    const [event] = await sse.waitFor(1);
    expect(event!.watchEvents).toMatchObject({
      kind: 'ACKNOWLEDGED',
      toState: 'FIRING',
      note: 'Escalated to the ICB',
      milestone: { key: '2023/p1/uec-recovery/four-hour-and-category-2' },
    });
    expect(event!.watchEvents.actor).toBe(acknowledgeWatch.series.acknowledgement.by);
    const { watches } = await as(keys.ops, WatchesDocument);
    expect(watches.find((watch: any) => watch.id === watchId).series[0].acknowledgement.note).toBe(
      'Escalated to the ICB',
    );

    // A series found firing when its watch was made (no event of its own yet) names its milestone too.
    const icbWatch = watches.find((watch: any) => watch.name === 'ICBs under 76% two months running');
    expect(icbWatch.series.length).toBeGreaterThan(0);
    const icb = await as(keys.ops, AcknowledgeWatchDocument, {
      input: { watchId: icbWatch.id, odsCode: icbWatch.series[0].organisation.odsCode },
    });
    expect(icb.acknowledgeWatch.errors).toEqual([]);
    await pause(300);
    expect(sse.events).toHaveLength(1); // the subscription follows only the RJ1 watch
    const logged = await as(keys.ops, WatchEventLogDocument, { watchIds: [icbWatch.id], first: 100 });
    expect(logged.watchEvents.edges.at(-1).node).toMatchObject({
      kind: 'ACKNOWLEDGED',
      milestone: { key: '2023/p1/uec-recovery/four-hour-and-category-2' },
    });

    // Resolving clears it: the next firing is a new one, unacknowledged.
    await record('RJ1', 80);
    await record('RJ1', 50);
    const after = await as(keys.ops, WatchesDocument);
    expect(after.watches.find((watch: any) => watch.id === watchId).series[0].acknowledgement).toBeNull();
    await record('RJ1', 80);
    const refused = await as(keys.ops, AcknowledgeWatchDocument, { input: { watchId, odsCode: 'RJ1' } });
    expect(refused.acknowledgeWatch).toMatchObject({
      series: null,
      errors: [{ code: 'NOT_FIRING', field: 'odsCode' }],
    });
    sse.close();
  });

  it('logs silenced events without pushing them, until the silence ends', async () => {
    const sse = await subscribeSse(
      url,
      print(WatchEventsDocument),
      { watchIds: [watchId], after: await logEnd() },
      keys.ops,
    );
    await pause(300);
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const { silenceWatch } = await as(keys.ops, SilenceWatchDocument, {
      input: { watchId, odsCodes: ['RJ1'], endsAt, reason: 'Known data issue' },
    });
    expect(silenceWatch.errors).toEqual([]);
    expect(((await record('RJ1', 40)).json.data as any).recordMeasurements.watchEventsRecorded).toBeGreaterThanOrEqual(
      1,
    );
    await pause(1_500);
    expect(sse.events).toEqual([]);
    const log = await as(keys.ops, WatchEventLogDocument, { watchIds: [watchId], first: 100 });
    expect(log.watchEvents.edges.at(-1).node).toMatchObject({ toState: 'FIRING', value: 40, silenced: true });

    const { endSilence } = await as(keys.ops, EndSilenceDocument, { silenceId: silenceWatch.silence.silenceId });
    expect(endSilence.errors).toEqual([]);
    await record('RJ1', 90);
    const [event] = await sse.waitFor(1);
    expect(event!.watchEvents).toMatchObject({ toState: 'RESOLVED', value: 90, silenced: false });
    const audit = await api.db.prisma.auditEntry.findMany({
      where: { action: { in: ['silenceWatch', 'endSilence', 'acknowledgeWatch'] }, succeeded: true },
    });
    expect(new Set(audit.map((entry) => entry.action))).toEqual(
      new Set(['acknowledgeWatch', 'endSilence', 'silenceWatch']),
    );
    sse.close();
  });

  it('pages the log by cursor, silenced events marked', async () => {
    const all = await as(keys.ops, WatchEventLogDocument, { watchIds: [watchId], first: 100 });
    expect(all.watchEvents.totalCount).toBe(all.watchEvents.edges.length);
    const rest = await as(keys.ops, WatchEventLogDocument, {
      watchIds: [watchId],
      first: 100,
      after: all.watchEvents.edges[1].cursor,
    });
    expect(rest.watchEvents.edges.map((edge: any) => edge.cursor)).toEqual(
      all.watchEvents.edges.slice(2).map((edge: any) => edge.cursor),
    );
    const bad = await api.post(
      { query: print(WatchEventLogDocument), variables: { after: '99999999' } },
      bearer(keys.ops),
    );
    expect(bad.json.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });
});

describe("bad input and other keys' watches", () => {
  const valid = {
    name: 'ok',
    metricCode: 'AE_4HR',
    condition: { kind: 'THRESHOLD', threshold: { comparator: 'BELOW', value: 70 } },
  };
  const refusal = async (key: string, input: Record<string, unknown>) => {
    const before = await api.db.prisma.watch.count();
    const { createWatch } = await as(key, CreateWatchDocument, { input: { ...valid, ...input } });
    expect(createWatch.watch, JSON.stringify(input)).toBeNull();
    expect(await api.db.prisma.watch.count()).toBe(before);
    return createWatch.errors.map((error: any) => error.code);
  };

  it('refuses an unknown metric or organisation, a bad timing, label or condition, writing nothing', async () => {
    expect(await refusal(keys.ops, { metricCode: 'NOPE' })).toEqual(['UNKNOWN_METRIC']);
    expect(await refusal(keys.ops, { selection: { odsCodes: ['ZZZ99'] } })).toEqual(['UNKNOWN_ORGANISATION']);
    expect(await refusal(keys.ops, { forPeriods: -1 })).toEqual(['INVALID_FOR_PERIODS']);
    expect(await refusal(keys.ops, { keepFiringForPeriods: -2 })).toEqual(['INVALID_KEEP_FIRING_FOR_PERIODS']);
    expect(await refusal(keys.ops, { labels: [{ name: '1bad', value: 'x' }] })).toEqual(['INVALID_LABELS']);
    expect(
      await refusal(keys.ops, {
        labels: [
          { name: 'a', value: 'x' },
          { name: 'a', value: 'y' },
        ],
      }),
    ).toEqual(['DUPLICATE_LABEL']);
    expect(await refusal(keys.ops, { condition: { kind: 'THRESHOLD' } })).toEqual(['INVALID_CONDITION']);
    expect(
      await refusal(keys.ops, {
        condition: { kind: 'THRESHOLD', threshold: { comparator: 'BELOW', value: 70, clearingMargin: -1 } },
      }),
    ).toEqual(['INVALID_CONDITION']);
    expect(await refusal(keys.ops, { name: '   ' })).toEqual(['INVALID_NAME']);
    // The ambulance targets apply to ambulance services, not to an acute trust.
    expect(
      await refusal(keys.ops, {
        metricCode: 'AMB_CAT2_MEAN',
        condition: { kind: 'TARGET' },
        selection: { odsCodes: ['RJ1'] },
      }),
    ).toEqual(['NO_TARGET']);
    const audited = await api.db.prisma.auditEntry.count({ where: { action: 'createWatch', succeeded: false } });
    expect(audited).toBeGreaterThanOrEqual(10);
  });

  it('refuses an SPC watch on series too short for limits, saying how many points it needs', async () => {
    // One month of cancer data for a trust: one point.
    const written = await api.post({
      query: 'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { errors { code } } }',
      variables: {
        i: {
          source: 'one month',
          measurements: [
            { metricCode: 'CANCER_FDS', odsCode: 'RJ1', period: '2025-06', numerator: 700, denominator: 1_000 },
          ],
        },
      },
    });
    expect((written.json.data as any).recordMeasurements.errors).toEqual([]);
    const { createWatch } = await as(keys.ops, CreateWatchDocument, {
      input: { name: 'spc', metricCode: 'CANCER_FDS', selection: { odsCodes: ['RJ1'] }, condition: { kind: 'SPC' } },
    });
    expect(createWatch.watch).toBeNull();
    expect(createWatch.errors).toMatchObject([{ field: 'condition', code: 'SERIES_TOO_SHORT' }]);
    expect(createWatch.errors[0].message).toContain('at least 2 periods');
    expect(createWatch.errors[0].message).toContain('has 1');
    expect(await api.db.prisma.watchSeries.count({ where: { watch: { metric: { code: 'CANCER_FDS' } } } })).toBe(0);
  });

  it('keeps each key to its own watches: another key can neither see, change, silence, follow nor delete them', async () => {
    const { createWatch } = await as(keys.ops, CreateWatchDocument, { input: { ...valid, name: 'mine' } });
    const id = createWatch.watch.id;
    const update = await as(keys.other, UpdateWatchDocument, { id, input: { forPeriods: 3 } });
    expect(update.updateWatch.errors).toMatchObject([{ code: 'WATCH_OF_ANOTHER_KEY' }]);
    const silence = await as(keys.other, SilenceWatchDocument, {
      input: { watchId: id, endsAt: new Date(Date.now() + 60_000).toISOString(), reason: 'x' },
    });
    expect(silence.silenceWatch.errors).toMatchObject([{ code: 'WATCH_OF_ANOTHER_KEY' }]);
    const removal = await as(keys.other, DeleteWatchDocument, { id });
    expect(removal.deleteWatch).toMatchObject({ deleted: false, errors: [{ code: 'WATCH_OF_ANOTHER_KEY' }] });
    // The same query, just answered for the owner (and so in the response cache), answers the other key for itself.
    expect((await as(keys.ops, WatchesDocument)).watches.some((watch: any) => watch.id === id)).toBe(true);
    expect((await as(keys.other, WatchesDocument)).watches).toEqual([]);
    const node = await api.post(
      { query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id } },
      bearer(keys.other),
    );
    expect((node.json.data as any).node).toBeNull();
    const follow = await subscribeSse(url, print(WatchEventsDocument), { watchIds: [id] }, keys.other);
    await pause(500);
    expect((follow.errors[0] as any)?.extensions?.code).toBe('WATCH_OF_ANOTHER_KEY');
    follow.close();
    const reader = await api.post(
      { query: print(CreateWatchDocument), variables: { input: valid } },
      bearer(keys.reader),
    );
    expect(reader.json.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Its owner may; so may an admin, who sees every watch.
    const changed = await as(keys.ops, UpdateWatchDocument, { id, input: { forPeriods: 3, keepFiringForPeriods: 1 } });
    expect(changed.updateWatch).toMatchObject({ errors: [], watch: { forPeriods: 3, keepFiringForPeriods: 1 } });
    const admin = await as(api.adminKey, WatchesDocument);
    expect(admin.watches.some((watch: any) => watch.id === id)).toBe(true);
    const deleted = await as(api.adminKey, DeleteWatchDocument, { id });
    expect(deleted.deleteWatch).toEqual({ deleted: true, errors: [] });
    expect(await api.db.prisma.watchSeries.count({ where: { watch: { name: 'mine' } } })).toBe(0);
  });

  it('holds each key to its limits on watches and series', async () => {
    const bus = createEventBus({ logger: createLogger('silent') });
    const tail = createWatchLogTail(api.db, bus);
    const owner = await api.createKey('OPS');
    const viewer = {
      kind: 'key' as const,
      keyId: 0,
      prefix: owner.slice(5, 17),
      role: 'OPS' as const,
      organisationIds: [],
      expiresAt: null,
    };
    const service = createWatchService({
      db: api.db,
      bus,
      tail,
      rows: createLiveEventRows(api.db),
      viewer,
      now: () => NOW,
      audit: (action) => ({ actor: `key:${viewer.prefix}`, role: 'OPS', action }),
      limits: { watchesPerOwner: 2, seriesPerWatch: 10, seriesPerOwner: 50 },
    });
    const watch = (name: string, selection: Record<string, unknown> = { regionOdsCodes: ['Y56'] }) =>
      service.create({
        ...valid,
        name,
        condition: { kind: 'THRESHOLD', threshold: { comparator: 'BELOW', value: 70 } },
        selection,
      } as never);
    expect((await watch('all ICBs', {})).errors).toMatchObject([{ code: 'TOO_MANY_SERIES' }]);
    expect((await watch('one')).errors).toEqual([]);
    expect((await watch('two')).errors).toEqual([]);
    expect((await watch('three')).errors).toMatchObject([{ code: 'TOO_MANY_WATCHES' }]);
    expect(await api.db.prisma.watch.count({ where: { owner: `key:${viewer.prefix}` } })).toBe(2);
    await tail.close();
  });
});
