import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/services/api-keys.js';
import { runCli, startServer, type RunningServer } from './support/cli.js';
import { createTestDatabase, TEST_DATABASE_KIND, type TestDatabase } from './support/database.js';
import { subscribeSse } from './support/streams.js';

/** `serve --workers`: several server processes on one port, sharing PostgreSQL and Redis. */
const redisUrl = process.env.REDIS_URL;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('serve --workers, refused where it cannot work', () => {
  it('refuses more than one worker on the embedded database, which one process owns', async () => {
    const result = await runCli(['serve', '--workers', '2', '--port', '0'], { DATABASE_URL: 'pglite:memory' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--workers above 1 needs a PostgreSQL server');
  });

  it('refuses more than one worker without Redis, which carries events between them', async () => {
    // Refused before any connection is tried: nothing listens at this address.
    const result = await runCli(['serve', '--workers', '2', '--port', '0'], {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/none',
      REDIS_URL: '',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--workers above 1 needs REDIS_URL');
  });

  it('refuses a number of workers that is not one', async () => {
    const result = await runCli(['serve', '--workers', 'many', '--port', '0'], { DATABASE_URL: 'pglite:memory' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--workers must be a whole number from 1 to 64, not "many"');
  });
});

describe.runIf(TEST_DATABASE_KIND === 'postgres' && redisUrl)('serve --workers 2 on PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let key: string;
  // Each on a connection of its own, which the primary hands to the next worker; never waited on for ever.
  const health = async () =>
    (await (
      await fetch(`${server.origin}/health`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(5_000) })
    ).json()) as { status: string; worker?: number };

  it('answers on one port from two processes in turn', async () => {
    db = await createTestDatabase();
    cleanups.push(() => db.close());
    key = (await createApiKey(db, { role: 'ADMIN', organisations: [] }, new Date())).key;
    server = await startServer(
      { DATABASE_URL: db.url!, REDIS_URL: redisUrl!, REDIS_CHANNEL: `nmg-test-workers-${process.pid}-${Date.now()}` },
      ['--no-fixtures', '--workers', '2'],
    );
    cleanups.push(() => server.stop());
    expect(server.logs()).toContain('"workers":2');
    const answered = new Set<number>();
    for (let request = 0; request < 6; request += 1) {
      const answer = await health();
      expect(answer.status).toBe('ok');
      answered.add(answer.worker!);
    }
    expect([...answered].sort()).toEqual([1, 2]);
  });

  it('delivers a crossing written through either to subscribers on both, and resumes from the log as one server does', async () => {
    const query =
      'subscription($after: String) { thresholdCrossed(filter: { organisationTypes: [TRUST] }, after: $after) { cursor direction organisation { odsCode } } }';
    // Two streams are two connections, which the primary hands to the two workers in turn.
    const streams = [await subscribeSse(server.url, query, {}, key), await subscribeSse(server.url, query, {}, key)];
    for (const stream of streams) cleanups.push(async () => stream.close());
    await new Promise((resolve) => setTimeout(resolve, 500));
    const written = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, connection: 'close' },
      body: JSON.stringify({
        query:
          'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { crossingsRecorded errors { code } } }',
        variables: {
          i: {
            source: 'workers test',
            measurements: [
              { metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-05', numerator: 6_000, denominator: 10_000 },
            ],
          },
        },
      }),
    });
    const recorded = (await written.json()).data.recordMeasurements;
    expect(recorded.errors).toEqual([]);
    expect(recorded.crossingsRecorded).toBeGreaterThanOrEqual(1);
    const received = await Promise.all(streams.map((stream) => stream.waitFor(1)));
    for (const [event] of received)
      expect(event!.thresholdCrossed).toMatchObject({ direction: 'BREACHED', organisation: { odsCode: 'RJ1' } });
    expect(received[0]![0]!.thresholdCrossed.cursor).toBe(received[1]![0]!.thresholdCrossed.cursor);
    // A subscriber that comes back with the cursor before it gets the crossing from the log, once.
    const resumed = await subscribeSse(server.url, query, { after: '0' }, key);
    cleanups.push(async () => resumed.close());
    const [replayed] = await resumed.waitFor(1);
    expect(replayed!.thresholdCrossed.cursor).toBe(received[0]![0]!.thresholdCrossed.cursor);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(resumed.events).toHaveLength(1);
  });

  it('replaces a worker that dies, and keeps answering meanwhile', async () => {
    const workers = () =>
      execFileSync('ps', ['-o', 'pid=', '--ppid', String(server.pid)], { encoding: 'utf8' })
        .split('\n')
        .map((line) => Number(line.trim()))
        .filter((pid) => pid > 0);
    const before = workers();
    expect(before).toHaveLength(2);
    process.kill(before[0]!, 'SIGKILL');
    await expect.poll(() => server.logs().includes('worker exited: starting another'), { timeout: 10_000 }).toBe(true);
    // The other worker answers meanwhile (a connection handed to the dying one may fail: a client retries).
    await expect.poll(async () => (await health().catch(() => null))?.status, { timeout: 10_000 }).toBe('ok');
    await expect.poll(() => workers().filter((pid) => !before.includes(pid)).length, { timeout: 30_000 }).toBe(1);
    const answered = new Set<number>();
    await expect
      .poll(
        async () => {
          const answer = await health().catch(() => null);
          if (answer?.worker) answered.add(answer.worker);
          return answered.has(3);
        },
        { timeout: 45_000, interval: 200 },
      )
      .toBe(true);
  }, 120_000);

  it('stops every worker with the primary', async () => {
    const primary = server.pid;
    const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
    expect(await server.stop()).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
