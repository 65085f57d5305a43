import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../src/services/api-keys.js';
import { UNAUTHENTICATED_CLOSE_CODE } from '../../src/server/websocket.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { rawSocket, subscribeSse, subscribeWs, wsClient } from '../support/streams.js';

const RECORD =
  'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { inserted revised errors { index field code message } } }';
const READ = '{ organisation(odsCode: "QKK") { name } }';
const row = (odsCode: string, numerator = 800) => ({
  metricCode: 'AE_4HR',
  odsCode,
  period: '2025-04',
  numerator,
  denominator: 1_000,
});
const as = (key: string | null) => ({ authorization: key === null ? '' : `Bearer ${key}` });

let api: TestApi;
let url: string;
const keys: Record<string, string> = {};
beforeAll(async () => {
  api = await createTestApi({ credentialCheckMs: 200 });
  url = await api.app.start(0);
  keys.reader = await api.createKey('READER');
  keys.ops = await api.createKey('OPS');
  // Guy's and St Thomas' (RJ1) and King's (RJZ) are in South East London ICB (QKK); Barts (R1H) is in North East London (QMF).
  keys.trust = await api.createKey('PARTNER', ['RJ1']);
  keys.icb = await api.createKey('PARTNER', ['QKK']);
});
afterAll(() => api?.close());

const written = () => api.db.prisma.measurement.count({ where: { derived: false } });

describe('who may read', () => {
  it('lets anyone read the published statistics, with or without a key', async () => {
    for (const key of [null, keys.reader!, keys.ops!]) {
      const { status, json } = await api.post({ query: READ }, as(key));
      expect(status).toBe(200);
      expect(json.data).toEqual({ organisation: { name: expect.stringContaining('South East London') } });
    }
  });

  it('asks for a key to read when the server is configured so', async () => {
    const closed = await createTestApi({ requireKeyForReads: true });
    try {
      const anonymous = await closed.post({ query: READ }, as(null));
      expect(anonymous.status).toBe(401);
      expect(anonymous.json.errors?.[0]).toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
        message: expect.stringContaining('needs an API key for every request'),
      });
      expect(anonymous.json.data).toBeFalsy();
      const withKey = await closed.post({ query: READ }, as(await closed.createKey('READER')));
      expect(withKey.json.errors).toBeUndefined();
    } finally {
      await closed.close();
    }
  });
});

describe('who may write', () => {
  it('refuses writes without a key, or with a reader or ops key, and writes nothing', async () => {
    const before = await written();
    for (const [key, code] of [
      [null, 'UNAUTHENTICATED'],
      [keys.reader!, 'FORBIDDEN'],
      [keys.ops!, 'FORBIDDEN'],
    ] as const) {
      const { json } = await api.post(
        { query: RECORD, variables: { i: { source: 'access test', measurements: [row('RJ1')] } } },
        as(key),
      );
      expect(json.errors?.[0], String(key)).toMatchObject({ extensions: { code } });
      expect(json.data).toBeFalsy();
    }
    expect(await written()).toBe(before);
  });

  it("lets a trust's key write for that trust only: another organisation refuses the whole batch", async () => {
    const before = await written();
    const refused = await api.post(
      { query: RECORD, variables: { i: { source: 'access test', measurements: [row('RJ1'), row('RJZ')] } } },
      as(keys.trust!),
    );
    expect((refused.json.data as any).recordMeasurements).toEqual({
      inserted: 0,
      revised: 0,
      errors: [{ index: 1, field: 'odsCode', code: 'FORBIDDEN_ORGANISATION', message: expect.stringContaining('RJZ') }],
    });
    expect(await written()).toBe(before);
    const allowed = await api.post(
      { query: RECORD, variables: { i: { source: 'access test', measurements: [row('RJ1')] } } },
      as(keys.trust!),
    );
    expect((allowed.json.data as any).recordMeasurements).toMatchObject({ inserted: 1, errors: [] });
  });

  it("lets an ICB's key write for its trusts, never another ICB's", async () => {
    const mine = await api.post(
      { query: RECORD, variables: { i: { source: 'access test', measurements: [row('RJZ', 700)] } } },
      as(keys.icb!),
    );
    expect((mine.json.data as any).recordMeasurements).toMatchObject({ inserted: 1, errors: [] });
    const theirs = await api.post(
      { query: RECORD, variables: { i: { source: 'access test', measurements: [row('R1H')] } } },
      as(keys.icb!),
    );
    expect((theirs.json.data as any).recordMeasurements.errors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN_ORGANISATION' }),
    ]);
  });

  it('audits every write, refused or not: who, what, when and how many rows', async () => {
    const entries = await api.db.prisma.auditEntry.findMany({
      where: { action: 'recordMeasurements' },
      orderBy: { id: 'asc' },
    });
    const trustPrefix = keys.trust!.split('_')[1];
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: `key:${trustPrefix}`,
          role: 'PARTNER',
          rows: 0,
          succeeded: false,
          detail: expect.objectContaining({ firstProblem: 'FORBIDDEN_ORGANISATION' }),
        }),
        expect.objectContaining({ actor: `key:${trustPrefix}`, role: 'PARTNER', rows: 1, succeeded: true }),
      ]),
    );
    for (const entry of entries) expect(entry.at.getTime()).toBeGreaterThan(Date.now() - 600_000);

    // Admins read the log through the API; nobody else may.
    const AUDIT =
      'query($actor: String) { auditEntries(actor: $actor, first: 10) { totalCount edges { node { actor role action rows succeeded detail } } } }';
    const { json } = await api.post({ query: AUDIT, variables: { actor: `key:${trustPrefix}` } });
    expect(json.errors).toBeUndefined();
    const log = (json.data as any).auditEntries;
    expect(log.totalCount).toBe(2);
    expect(log.edges.map((edge: any) => [edge.node.succeeded, edge.node.rows])).toEqual([
      [true, 1],
      [false, 0],
    ]);
    expect(log.edges[1].node.detail).toMatchObject({
      rowsSent: 2,
      problems: 1,
      firstProblem: 'FORBIDDEN_ORGANISATION',
    });
    for (const key of [keys.trust!, keys.ops!]) {
      const refused = await api.post({ query: AUDIT }, as(key));
      expect(refused.json.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    }
    expect((await api.post({ query: AUDIT }, as(null))).json.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('credentials', () => {
  it('refuses malformed, unknown, revoked and expired keys with 401, never reading them as anonymous', async () => {
    const revoked = await api.createKey('READER');
    await revokeApiKey(api.db, revoked.split('_')[1]!, new Date());
    const expiring = await api.createKey('READER', [], new Date(Date.now() + 300));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const unknown = `${keys.reader!.slice(0, -4)}AAAA`;
    for (const [authorization, message] of [
      ['Basic dXNlcjpwYXNz', 'must be "Bearer <key>"'],
      ['Bearer', 'must be "Bearer <key>"'],
      ['Bearer not-a-key', 'not an API key of this service'],
      [`Bearer ${unknown}`, 'not known'],
      [`Bearer ${revoked}`, 'was revoked'],
      [`Bearer ${expiring}`, 'expired'],
    ] as const) {
      const { status, json } = await api.post({ query: READ }, { authorization });
      expect(status, authorization).toBe(401);
      expect(json.errors?.[0], authorization).toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
        message: expect.stringContaining(message),
      });
    }
  });

  it('needs an ops key or better to subscribe, over SSE and WebSocket', async () => {
    const subscription = 'subscription { thresholdCrossed { cursor } }';
    const anonymous = await subscribeSse(url, subscription);
    const reader = await subscribeSse(url, subscription, {}, keys.reader);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(anonymous.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    expect(reader.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]);
    const client = wsClient(url, keys.ops);
    const ops = subscribeWs(client, subscription);
    const readerClient = wsClient(url, keys.reader);
    const refused = subscribeWs(readerClient, subscription);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ops.errors).toEqual([]);
    expect(refused.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]);
    for (const stream of [anonymous, reader, ops, refused]) stream.close();
    await client.dispose();
    await readerClient.dispose();
  });

  it('ends open streams within seconds once their key is revoked, saying why', async () => {
    const doomed = await api.createKey('OPS');
    const subscription = 'subscription { thresholdCrossed { cursor } }';
    const sse = await subscribeSse(url, subscription, {}, doomed);
    const { closed, init, send } = rawSocket(url);
    await init(doomed);
    send({ id: '1', type: 'subscribe', payload: { query: subscription } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sse.errors).toEqual([]);
    const revokedAt = Date.now();
    await revokeApiKey(api.db, doomed.split('_')[1]!, new Date());
    expect(await closed).toEqual({
      code: UNAUTHENTICATED_CLOSE_CODE,
      reason: expect.stringContaining('the API key was revoked'),
    });
    for (let waited = 0; sse.errors.length === 0 && waited < 5_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sse.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'UNAUTHENTICATED' },
        message: expect.stringContaining('the API key was revoked'),
      }),
    ]);
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    sse.close();
  });

  it('closes a WebSocket whose connection_init carries a bad key, saying why', async () => {
    const { closed, opened, send } = rawSocket(url);
    await opened;
    send({ type: 'connection_init', payload: { authorization: 'Bearer nonsense' } });
    expect(await closed).toEqual({
      code: UNAUTHENTICATED_CLOSE_CODE,
      reason: expect.stringContaining('not an API key'),
    });
  });
});
