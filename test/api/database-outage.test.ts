import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../../src/db/admin.js';
import { databaseOnPool } from '../../src/db/database.js';
import { isDatabaseUnavailable } from '../../src/db/errors.js';
import { buildApp, type App } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { TEST_DATABASE_KIND } from '../support/database.js';

const READ = '{ organisation(odsCode: "RJ1") { name } }';
const WRITE =
  'mutation { recordMeasurements(input: { source: "outage", measurements: [{ metricCode: "AE_ATTENDANCES", odsCode: "RJ1", period: "2025-01", value: 10 }] }) { inserted } }';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function ask(url: string, query: string, key?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
}

describe('when the database cannot be reached', () => {
  it('answers reads, writes and /health with 503 DATABASE_UNAVAILABLE and Retry-After, never its raw message', async () => {
    // A PostgreSQL nobody listens for: every connection is refused.
    const pool = new pg.Pool({
      connectionString: 'postgresql://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 1_000,
    });
    pool.on('error', () => {});
    const logs: string[] = [];
    const app: App = buildApp({ db: databaseOnPool(pool), logger: createLogger('info', (line) => logs.push(line)) });
    const url = await app.start(0);
    cleanups.push(() => app.stop());

    for (const [query, key] of [
      [READ],
      [WRITE, 'nmgk_0123456789ab_0123456789012345678901234567890123456789012'],
    ] as const) {
      const answer = await ask(url, query, key);
      expect(answer.status, answer.text).toBe(503);
      expect(answer.retryAfter).toBe('5');
      expect(JSON.parse(answer.text).errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('retry'),
          extensions: { code: 'DATABASE_UNAVAILABLE' },
        }),
      ]);
      expect(answer.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|reach/);
    }
    const health = await fetch(url.replace('/graphql', '/health'));
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    expect(await health.json()).toEqual({
      status: 'unavailable',
      database: 'postgres',
      reason: 'database unavailable',
      eventBus: 'in-process',
    });
    // The detail goes to the log, as a warning: the server itself is not at fault.
    expect(logs.some((line) => line.includes('"level":"warn"') && line.includes('ECONNREFUSED'))).toBe(true);
    expect(logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });

  it('tells unavailability from faults in what was asked', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' })),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('database "x" is not currently accepting connections'), { code: '55000' }),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable({
        code: 'P2010',
        meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } },
      }),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('outer', { cause: new Error('Connection terminated unexpectedly') }))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('Unexpected'))).toBe(false);
  });
});

// A real server refusing connections ("not currently accepting connections"), then taking them again.
describe.runIf(TEST_DATABASE_KIND === 'postgres')('when PostgreSQL stops accepting connections and comes back', () => {
  let api: TestApi;
  it('answers 503 while it lasts and recovers by itself', async () => {
    api = await createTestApi();
    cleanups.push(() => api.close());
    const url = await api.app.start(0);
    const name = new URL(api.db.url!).pathname.slice(1);
    const adminUrl = process.env.DATABASE_URL!;
    expect((await ask(url, READ)).status).toBe(200);
    await adminQuery(adminUrl, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await adminQuery(
      adminUrl,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    );
    try {
      const during = await ask(url, '{ fresh: organisation(odsCode: "RJ2") { name } }');
      expect(during.status, during.text).toBe(503);
      expect(JSON.parse(during.text).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
      expect(await (await fetch(url.replace('/graphql', '/health'))).json()).toMatchObject({
        status: 'unavailable',
        reason: 'database unavailable',
      });
    } finally {
      await adminQuery(adminUrl, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    }
    expect((await ask(url, '{ again: organisation(odsCode: "RJ2") { name } }')).status).toBe(200);
  });
});
