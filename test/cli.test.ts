import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServer } from './support/cli.js';
import { createTestDatabase, TEST_DATABASE_KIND, type TestDatabase } from './support/database.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'nmg-cli-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  rmSync(scratch, { recursive: true, force: true });
});

/** A database URL for a CLI process: a fresh PostgreSQL database in the PostgreSQL run, else a new PGlite directory. */
async function freshDatabaseUrl(name: string): Promise<string> {
  if (TEST_DATABASE_KIND === 'postgres') {
    const db: TestDatabase = await createTestDatabase({ migrate: false });
    cleanups.push(() => db.close());
    return db.url!;
  }
  return `pglite:${path.join(scratch, name)}`;
}

const ask = async (url: string, query: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
};

describe('the command line', () => {
  it('explains itself', async () => {
    const root = await runCli(['--help']);
    expect(root.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed']) {
      expect(root.stdout).toContain(command);
      const help = await runCli([command, '--help']);
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toContain(`Usage: nhs-mandate-graph ${command}`);
      expect(help.stdout).toContain('DATABASE_URL');
    }
  });

  it('refuses unknown commands, options and configuration with a clear message', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const badOption = await runCli(['migrate', '--colour']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/Unknown option '--colour'/);
    const badUrl = await runCli(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('DATABASE_URL must be pglite:<dir>, pglite:memory or a postgresql:// URL');
    const badPort = await runCli(['serve', '--port', 'eighty'], { DATABASE_URL: 'pglite:memory' });
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be a port number');
  });

  it('migrates and seeds step by step, idempotently', async () => {
    const url = await freshDatabaseUrl('steps');
    const seedTooEarly = await runCli(['seed'], { DATABASE_URL: url });
    expect(seedTooEarly.code).toBe(2);
    expect(seedTooEarly.stderr).toContain('run `migrate` first');
    const migrate = await runCli(['migrate'], { DATABASE_URL: url });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stderr).toContain('"message":"migrations applied"');
    const status = await runCli(['migrate', '--status'], { DATABASE_URL: url });
    expect(status.stdout).toMatch(/^applied {2}\d{14}_init$/m);
    const seed = await runCli(['seed'], { DATABASE_URL: url });
    expect(seed.code, seed.stderr).toBe(0);
    expect(seed.stderr).toContain('"message":"reference data seeded"');
    const again = await runCli(['seed'], { DATABASE_URL: url });
    expect(again.stderr).toContain('"message":"reference data already up to date","created":0,"updated":0');
  });

  it('serves the API on first start, and starts again without changing anything', async () => {
    const url = await freshDatabaseUrl('serve');
    const server = await startServer({ DATABASE_URL: url });
    try {
      expect(server.logs()).toContain('"message":"migrations applied"');
      expect(server.logs()).toContain('"message":"reference data seeded"');
      const health = await fetch(`${server.origin}/health`);
      expect(health.status).toBe(200);
      const result = await ask(
        server.url,
        `{ mandate(slug: "2023") { priorities { totalCount edges { node { title milestones { totalCount } } } } }
           organisations(filter: { types: [ICB] }, first: 100) { totalCount edges { node { region { odsCode } } } } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.mandate.priorities.totalCount).toBe(3);
      expect(result.data!.organisations.totalCount).toBe(42);
      expect(new Set(result.data!.organisations.edges.map((edge: any) => edge.node.region.odsCode)).size).toBe(7);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const restarted = await startServer({ DATABASE_URL: url });
    try {
      expect(restarted.logs()).not.toContain('migrations applied');
      expect(restarted.logs()).toContain('"message":"reference data already up to date","created":0,"updated":0');
    } finally {
      expect(await restarted.stop()).toBe(0);
    }
  });

  it('refuses at once to open an embedded database that a running server holds', async () => {
    const dataDir = path.join(scratch, 'held');
    const server = await startServer({ DATABASE_URL: `pglite:${dataDir}` });
    try {
      const started = Date.now();
      const second = await runCli(['migrate'], { DATABASE_URL: `pglite:${dataDir}` });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/The embedded database at .*held is in use by process \d+/);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect((await fetch(`${server.origin}/health`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const afterwards = await runCli(['migrate', '--status'], { DATABASE_URL: `pglite:${dataDir}` });
    expect(afterwards.code, afterwards.stderr).toBe(0);
  });
});
