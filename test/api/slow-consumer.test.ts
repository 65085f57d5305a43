import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../src/server/logger.js';
import { SLOW_CONSUMER_CLOSE_CODE } from '../../src/server/websocket.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { subscribeWs, wsClient } from '../support/streams.js';

// Periods up to November 2026 have begun, so one batch can hold four new months per trust.
const NOW = new Date('2026-12-15T12:00:00Z');
const PERIODS = ['2025-08', '2025-09', '2025-10', '2025-11'];
// A legitimately large event (about 8 KB): the receiving buffers fill after a few hundred.
const BULKY = Array.from({ length: 120 }, (_, index) => `m${index}: metric { name }`).join(' ');
const SUBSCRIPTION = `subscription($after: String) { thresholdCrossed(filter: { organisationTypes: [TRUST] }, after: $after) { cursor ${BULKY} } }`;

let api: TestApi;
let url: string;
const warnings: string[] = [];
beforeAll(async () => {
  api = await createTestApi({
    now: () => NOW,
    logger: createLogger('warn', (line) => warnings.push(line)),
    slowConsumerLimits: { maxStallMs: 300, closeGraceMs: 20_000 },
    queryLimits: { maxAliases: 200 },
  });
  url = await api.app.start(0);
});
afterAll(() => api?.close());

/** A graphql-ws client by hand, so that it can stop reading its socket like a stuck browser tab. */
function rawSubscriber(endpoint: string, key: string) {
  const socket = new WebSocket(endpoint.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const cursors: string[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const acknowledged = new Promise<void>((resolve) => {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') resolve();
      if (message.type === 'next') cursors.push(message.payload.data.thresholdCrossed.cursor);
    });
  });
  socket.on('open', () =>
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } })),
  );
  return {
    socket,
    cursors,
    closed,
    async subscribe(query: string) {
      await acknowledged;
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    },
  };
}

describe('a WebSocket client that stops reading', () => {
  it('is cut off with a clear close reason, and resuming from its last cursor loses nothing', async () => {
    const startCursor = ((
      (await api.post({ query: '{ crossings(filter: { organisationTypes: [TRUST] }, last: 1) { edges { cursor } } }' }))
        .json.data as any
    ).crossings.edges[0]?.cursor ?? '0') as string;
    const stuck = rawSubscriber(url, api.adminKey);
    await stuck.subscribe(SUBSCRIPTION);
    await new Promise((resolve) => setTimeout(resolve, 300));
    stuck.socket.pause();

    const trusts = await api.db.prisma.organisation.findMany({ where: { type: 'TRUST' }, select: { odsCode: true } });
    const measurements = trusts.flatMap(({ odsCode }) =>
      PERIODS.map((period, index) => ({
        metricCode: 'AE_4HR',
        odsCode,
        period,
        numerator: index % 2 === 0 ? 5_000 : 9_500,
        denominator: 10_000,
      })),
    );
    const written = await api.post({
      query:
        'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { crossingsRecorded errors { code } } }',
      variables: { i: { source: 'slow consumer test', measurements } },
    });
    expect((written.json.data as any).recordMeasurements.errors).toEqual([]);

    // The server gives up on it once it has taken nothing for the configured time...
    for (let waited = 0; !warnings.some((line) => line.includes('too slow')) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(warnings.join('\n')).toContain('websocket client too slow: cut off');
    // ...and once it reads again, it finds what was already on its way, then the close frame.
    stuck.socket.resume();
    const { code, reason } = await stuck.closed;
    expect(code).toBe(SLOW_CONSUMER_CLOSE_CODE);
    expect(reason).toContain('resume with the last cursor');

    const expected: string[] = [];
    for (;;) {
      const { json } = await api.post({
        query:
          'query($after: String) { crossings(filter: { organisationTypes: [TRUST] }, after: $after, first: 100) { edges { cursor } } }',
        variables: { after: expected.at(-1) ?? startCursor },
      });
      const page: string[] = (json.data as any).crossings.edges.map((edge: any) => edge.cursor);
      if (page.length === 0) break;
      expected.push(...page);
    }
    expect(expected.length).toBeGreaterThan(500);
    expect(stuck.cursors.length).toBeLessThan(expected.length);
    expect(stuck.cursors).toEqual(expected.slice(0, stuck.cursors.length));

    // Coming back with the last cursor it saw, it receives exactly the rest.
    const client = wsClient(url, api.adminKey);
    const resumed = subscribeWs(client, SUBSCRIPTION, { after: stuck.cursors.at(-1) ?? startCursor });
    const rest = await resumed.waitFor(expected.length - stuck.cursors.length, 30_000);
    expect([...stuck.cursors, ...rest.map((event) => event.thresholdCrossed.cursor)]).toEqual(expected);
    resumed.close();
    await client.dispose();
    expect((await api.app.yoga.fetch('http://test/health')).status).toBe(200);
  });
});
