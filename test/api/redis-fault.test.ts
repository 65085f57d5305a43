import { afterAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/events/bus.js';
import { buildApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { createApiKey } from '../../src/services/api-keys.js';
import { FIXED_TODAY } from '../support/api.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { REDIS_SERVER_AVAILABLE, startOwnRedis } from '../support/redis-server.js';
import { subscribeSse, subscribeWs, wsClient } from '../support/streams.js';

const SUBSCRIPTION =
  'subscription($after: String) { thresholdCrossed(filter: { organisationTypes: [TRUST], odsCodes: ["RJ1"] }, after: $after) { cursor direction } }';
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Instance {
  url: string;
  logs: string[];
  health(): Promise<{ status: string; eventBus: string }>;
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Two server instances on one database, their events through the given Redis, with a subscriber on each. */
async function twoInstances(redisUrl: string, busOptions: { outageSummaryMs?: number } = {}) {
  const db: TestDatabase = await createTestDatabase();
  cleanups.push(() => db.close());
  const { key } = await createApiKey(db, { role: 'ADMIN', organisations: [] }, new Date());
  const channel = `nmg-fault-test-${process.pid}-${Date.now()}`;
  const [writer, reader] = (await Promise.all(
    [0, 1].map(async (): Promise<Instance> => {
      const logs: string[] = [];
      const logger = createLogger('info', (line) => logs.push(line));
      const bus = createEventBus({ redisUrl, logger, channel, ...busOptions });
      await bus.ready();
      const app: App = buildApp({ db, logger, bus, now: () => new Date(`${FIXED_TODAY}T12:00:00Z`) });
      const url = await app.start(0);
      cleanups.push(async () => {
        await app.stop();
        await bus.close();
      });
      return { url, logs, health: async () => (await fetch(url.replace('/graphql', '/health'))).json() as never };
    }),
  )) as [Instance, Instance];

  const post = async (instance: Instance, query: string, variables?: Record<string, unknown>) =>
    (
      await fetch(instance.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      })
    ).json();
  /** Moves RJ1's July value to the other side of 78%: one crossing for RJ1. */
  const flipThrough = async (instance: Instance) => {
    const current = await db.prisma.seriesState.findFirst({
      where: { organisation: { odsCode: 'RJ1' }, metric: { code: 'AE_4HR' } },
      orderBy: { periodEnd: 'desc' },
    });
    // A series counts as meeting until its data says otherwise.
    const numerator = (current?.state ?? 'MEETING') === 'MEETING' ? 5_000 : 9_500;
    const result = await post(
      instance,
      'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { crossingsRecorded errors { code } } }',
      {
        i: {
          source: 'redis fault test',
          measurements: [{ metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-07', numerator, denominator: 10_000 }],
        },
      },
    );
    expect(result.data.recordMeasurements).toMatchObject({ errors: [] });
    expect(result.data.recordMeasurements.crossingsRecorded).toBeGreaterThanOrEqual(1);
  };

  // A subscriber on each: over WebSocket on the reader, over SSE on the writer.
  const client = wsClient(reader.url, key);
  cleanups.push(() => client.dispose() as Promise<void>);
  const onReader = subscribeWs(client, SUBSCRIPTION);
  const onWriter = await subscribeSse(writer.url, SUBSCRIPTION, {}, key);
  cleanups.push(async () => onWriter.close());
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { db, key, writer, reader, post, flipThrough, onReader, onWriter };
}

// Needs a Redis of its own to kill and restart: the machine's shared one must stay up.
describe.runIf(REDIS_SERVER_AVAILABLE)('when Redis goes away and comes back', () => {
  it('instances keep serving, log it, reconnect, and subscribers lose nothing', async () => {
    const redis = await startOwnRedis();
    cleanups.push(() => redis.stop());
    const { key, writer, reader, post, flipThrough, onReader, onWriter } = await twoInstances(redis.url);
    expect(await reader.health()).toMatchObject({ status: 'ok', eventBus: 'connected' });

    await flipThrough(writer);
    const [first] = await onReader.waitFor(1);
    await onWriter.waitFor(1);

    await redis.stop();
    await until(
      async () =>
        (await writer.health()).eventBus === 'disconnected' && (await reader.health()).eventBus === 'disconnected',
      'both instances see Redis gone',
    );
    expect(await writer.health()).toMatchObject({ status: 'degraded' });
    // Queries and writes go on; the writer's own subscribers still hear its crossings.
    expect((await post(writer, '{ organisation(odsCode: "RJ1") { odsCode } }')).data).toEqual({
      organisation: { odsCode: 'RJ1' },
    });
    await flipThrough(writer);
    await onWriter.waitFor(2);
    expect(writer.logs.join('\n')).toContain('redis connection lost');
    expect(writer.logs.join('\n')).toContain('delivering to this instance only');

    await redis.start();
    await until(
      async () => (await writer.health()).eventBus === 'connected' && (await reader.health()).eventBus === 'connected',
      'both instances reconnect',
    );
    expect(reader.logs.filter((line) => line.includes('redis connected'))).toHaveLength(2);
    // The next crossing's notice brings the reader's log up to date: its subscriber receives the
    // crossing it could not hear of during the outage, then the new one, in order.
    await flipThrough(writer);
    const events = await onReader.waitFor(3);
    const cursors = events.map((event) => event.thresholdCrossed.cursor);
    expect(cursors).toEqual((await onWriter.waitFor(3)).map((event) => event.thresholdCrossed.cursor));
    expect(new Set(cursors).size).toBe(3);

    // A room that dropped after the first crossing resumes from its cursor and gets exactly the rest.
    const resumed = await subscribeSse(reader.url, SUBSCRIPTION, { after: first!.thresholdCrossed.cursor }, key);
    cleanups.push(async () => resumed.close());
    expect((await resumed.waitFor(2)).map((event) => event.thresholdCrossed.cursor)).toEqual(cursors.slice(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.events).toHaveLength(2);
    expect(onReader.events).toHaveLength(3);
  });

  it('a hung Redis (stopped: connected, answering nothing) holds no write, /health says so, and the log says it once', async () => {
    const redis = await startOwnRedis();
    cleanups.push(async () => {
      redis.resume();
      await redis.stop();
    });
    const { writer, flipThrough, onReader, onWriter } = await twoInstances(redis.url, { outageSummaryMs: 1_000 });

    redis.pause();
    const started = Date.now();
    await flipThrough(writer);
    // The commit is answered within the publishing deadline (1 s), not when Redis comes back.
    expect(Date.now() - started).toBeLessThan(5_000);
    await onWriter.waitFor(1);
    // The other instance hears of it from the database, not from Redis.
    await onReader.waitFor(1, 5_000);
    const health = await writer.health();
    expect(health).toMatchObject({ status: 'degraded', eventBus: 'disconnected' });
    await flipThrough(writer);
    await onWriter.waitFor(2);
    await onReader.waitFor(2, 5_000);
    // One line per change of state, and a summary while it lasts; not a line per failed command.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const warnings = writer.logs.filter((line) => line.includes('"level":"warn"') && line.includes('redis'));
    const summaries = warnings.filter((line) => line.includes('redis still unavailable'));
    expect(warnings.length - summaries.length, warnings.join('\n')).toBeLessThanOrEqual(2);
    expect(summaries.length).toBeGreaterThanOrEqual(1);

    redis.resume();
    await until(async () => (await writer.health()).eventBus === 'connected', 'the writer hears Redis again');
    // Envelopes Redis passes on late, which this instance delivered itself, are not delivered twice.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(onWriter.events).toHaveLength(2);
    expect(onReader.events).toHaveLength(2);
    expect(new Set(onReader.events.map((event) => event.thresholdCrossed.cursor)).size).toBe(2);
  });
});
