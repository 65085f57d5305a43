import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOO_MANY_CONNECTIONS_CLOSE_CODE } from '../../src/server/websocket.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { rawSocket, subscribeSse } from '../support/streams.js';

const READ = '{ mandates { totalCount } }';
const SUBSCRIPTION = 'subscription { thresholdCrossed { cursor } }';

let api: TestApi;
let url: string;
beforeAll(async () => {
  api = await createTestApi({
    trafficLimits: {
      keyRequestsPerMinute: 5,
      anonymousRequestsPerMinute: 3,
      connectionsPerKey: 2,
      subscriptionsPerConnection: 2,
    },
  });
  url = await api.app.start(0);
});
afterAll(() => api?.close());

/** Over the network, so that the client's address is real. */
const fetchRead = (authorization?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: READ }),
  });

describe('rate limits', () => {
  it('answers a key beyond its rate with 429, RATE_LIMITED and Retry-After, leaving other keys alone', async () => {
    const busy = await api.createKey('READER');
    const statuses = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await api.post({ query: READ }, { authorization: `Bearer ${busy}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await api.post({ query: READ }, { authorization: `Bearer ${busy}` });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/5 a minute/),
      extensions: { code: 'RATE_LIMITED' },
    });
    expect(refused.json.data).toBeUndefined();
    const other = await api.createKey('READER');
    expect((await api.post({ query: READ }, { authorization: `Bearer ${other}` })).status).toBe(200);
  });

  it('counts callers without a key by address, failed keys included', async () => {
    const statuses = [];
    for (const authorization of [undefined, 'Bearer nmgk_000000000000_guess', undefined, undefined])
      statuses.push((await fetchRead(authorization)).status);
    expect(statuses).toEqual([200, 401, 200, 429]);
    const refused = await fetchRead();
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
  });

  it('counts each WebSocket operation, refusing on the socket and keeping the connection', async () => {
    const key = await api.createKey('READER');
    const ws = rawSocket(url);
    await ws.init(key);
    for (let i = 1; i <= 5; i += 1) {
      ws.send({ id: String(i), type: 'subscribe', payload: { query: READ } });
      expect((await ws.next('complete', String(i))) && (await ws.next('next', String(i))).payload.data).toEqual({
        mandates: { totalCount: 2 },
      });
    }
    ws.send({ id: '6', type: 'subscribe', payload: { query: READ } });
    expect((await ws.next('error', '6')).payload).toEqual([
      expect.objectContaining({ extensions: { code: 'RATE_LIMITED' } }),
    ]);
    expect(ws.socket.readyState).toBe(ws.socket.OPEN);
    ws.socket.close();
  });
});

describe('stream limits', () => {
  it('refuses a third operation at once on one connection, and takes it once one completes', async () => {
    const key = await api.createKey('OPS');
    const ws = rawSocket(url);
    await ws.init(key);
    ws.send({ id: 'a', type: 'subscribe', payload: { query: SUBSCRIPTION } });
    ws.send({ id: 'b', type: 'subscribe', payload: { query: SUBSCRIPTION } });
    ws.send({ id: 'c', type: 'subscribe', payload: { query: SUBSCRIPTION } });
    expect((await ws.next('error', 'c')).payload).toEqual([
      expect.objectContaining({
        extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
        message: expect.stringContaining('at most 2'),
      }),
    ]);
    ws.send({ id: 'a', type: 'complete' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    ws.send({ id: 'd', type: 'subscribe', payload: { query: READ } });
    expect((await ws.next('next', 'd')).payload.data).toEqual({ mandates: { totalCount: 2 } });
    ws.socket.close();
  });

  it('holds a key to its number of open connections and SSE streams, freeing a slot when one closes', async () => {
    const key = await api.createKey('OPS');
    const first = rawSocket(url);
    await first.init(key);
    const sse = await subscribeSse(url, SUBSCRIPTION, {}, key);
    const third = rawSocket(url);
    await third.opened;
    third.send({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } });
    expect(await third.closed).toEqual({
      code: TOO_MANY_CONNECTIONS_CLOSE_CODE,
      reason: expect.stringContaining('Too many open streams'),
    });
    const refusedSse = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: SUBSCRIPTION }),
    });
    expect(refusedSse.status).toBe(429);
    expect(await refusedSse.text()).toContain('TOO_MANY_CONNECTIONS');
    sse.close();
    first.socket.close();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = rawSocket(url);
    await again.init(key);
    again.socket.close();
  });
});

describe('connections that never finish their request (slowloris)', () => {
  it('are refused beyond the limit per address and closed at the headers timeout, while whole requests go on', async () => {
    const slow = await createTestApi({ trafficLimits: { pendingConnectionsPerAddress: 5, headersTimeoutMs: 1_500 } });
    const slowUrl = new URL(await slow.app.start(0));
    try {
      const sockets = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const socket = connect(Number(slowUrl.port), slowUrl.hostname);
          await new Promise((resolve) => socket.once('connect', resolve));
          const seen = { data: '', closedAt: 0 };
          socket.on('data', (chunk) => (seen.data += chunk));
          socket.on('close', () => (seen.closedAt = Date.now()));
          socket.on('error', () => {});
          // A header line at a time, never the blank line that ends them.
          socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
          const drip = setInterval(() => socket.writable && socket.write('X-Drip: 1\r\n'), 300);
          socket.once('close', () => clearInterval(drip));
          return seen;
        }),
      );
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(sockets.filter((seen) => seen.data.startsWith('HTTP/1.1 429'))).toHaveLength(3);
      for (const seen of sockets) await until(() => seen.closedAt > 0, 5_000);
      // Held no longer than the headers timeout (checked each second), however much they drip.
      expect(Math.max(...sockets.map((seen) => seen.closedAt)) - started).toBeLessThan(4_000);
      const whole = await fetch(slowUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: READ }),
      });
      expect(whole.status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

async function until(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
