import { afterAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/events/bus.js';
import { buildApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { createApiKey } from '../../src/services/api-keys.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { subscribeSse } from '../support/streams.js';

/**
 * Two server instances on one database and one Redis: a write through one reaches a subscriber of
 * the other. Runs where Redis is configured (the PostgreSQL and Redis run of .ci/run).
 */
const redisUrl = process.env.REDIS_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Two instances on a fresh database, each with its own Redis bus on a channel of this test's own. */
async function twoInstances() {
  const db: TestDatabase = await createTestDatabase();
  cleanups.push(() => db.close());
  const logger = createLogger('silent');
  const { key } = await createApiKey(db, { role: 'ADMIN', organisations: [] }, new Date());
  // A channel of this test's own, so that concurrent runs on one Redis do not meet.
  const channel = `nmg-test-${process.pid}-${Date.now()}`;
  const instances: { app: App; url: string }[] = [];
  for (let i = 0; i < 2; i += 1) {
    const bus = createEventBus({ redisUrl, logger, channel });
    await bus.ready();
    const app = buildApp({ db, logger, bus, now: () => new Date('2025-07-15T12:00:00Z') });
    instances.push({ app, url: await app.start(0) });
    cleanups.push(async () => {
      await app.stop();
      await bus.close();
    });
  }
  const [writer, reader] = instances as [{ app: App; url: string }, { app: App; url: string }];
  const post = async (url: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()).data;
  };
  const writeRj1 = (percent: number) =>
    post(
      writer.url,
      'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { crossingsRecorded watchEventsRecorded errors { code } } }',
      {
        i: {
          source: 'scale-out test',
          measurements: [
            { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-05', numerator: percent * 100, denominator: 10_000 },
          ],
        },
      },
    );
  return { key, writer, reader, post, writeRj1 };
}

describe.runIf(redisUrl)('two instances with Redis', () => {
  it('deliver a crossing written through one to a subscriber of the other', async () => {
    const { key, reader, writeRj1 } = await twoInstances();
    const stream = await subscribeSse(
      reader.url,
      'subscription { thresholdCrossed(filter: { organisationTypes: [TRUST] }) { cursor direction organisation { odsCode } } }',
      {},
      key,
    );
    cleanups.push(async () => stream.close());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await writeRj1(60)).recordMeasurements.crossingsRecorded).toBeGreaterThanOrEqual(1);
    const [event] = await stream.waitFor(1);
    expect(event!.thresholdCrossed).toMatchObject({ direction: 'BREACHED', organisation: { odsCode: 'RJ1' } });
  });

  it('deliver a watch event written through one to a subscriber of the other', async () => {
    const { key, writer, reader, post, writeRj1 } = await twoInstances();
    const made = await post(
      writer.url,
      'mutation($input: CreateWatchInput!) { createWatch(input: $input) { watch { id } errors { code } } }',
      {
        input: {
          name: 'RJ1 under 70%',
          metricCode: 'AE_4HR',
          selection: { odsCodes: ['RJ1'] },
          condition: { kind: 'THRESHOLD', threshold: { comparator: 'BELOW', value: 70 } },
        },
      },
    );
    expect(made.createWatch.errors).toEqual([]);
    const stream = await subscribeSse(
      reader.url,
      'subscription($ids: [ID!]) { watchEvents(watchIds: $ids) { toState organisation { odsCode } } }',
      { ids: [made.createWatch.watch.id] },
      key,
    );
    cleanups.push(async () => stream.close());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await writeRj1(60)).recordMeasurements.watchEventsRecorded).toBe(1);
    const [event] = await stream.waitFor(1);
    expect(event!.watchEvents).toEqual({ toState: 'FIRING', organisation: { odsCode: 'RJ1' } });
  });
});
