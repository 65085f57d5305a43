import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORTING_PROCESS, runCli, startServer } from './support/cli.js';
import { ask, cliScratch } from './support/cli-scratch.js';
import { TEST_DATABASE_KIND } from './support/database.js';

const { scratch, freshDatabaseUrl } = cliScratch('cli');

describe('the command line', { timeout: 180_000 }, () => {
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
    const url =
      TEST_DATABASE_KIND === 'postgres' ? await freshDatabaseUrl('steps') : `pglite:${path.join(scratch, 'steps')}`;
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
    const server = await startServer({ DATABASE_URL: url }, [], 90_000, IMPORTING_PROCESS);
    try {
      expect(server.logs()).toContain('"message":"migrations applied"');
      expect(server.logs()).toContain('"message":"reference data seeded"');
      // Each file's England total row is checked against the roll-up on the way in (a mismatch refuses it and stops the start).
      expect(server.logs()).toMatch(
        /"message":"publications imported from the mirror","files":\{"nhse-ae-monthly":13,"nhse-ambsys":1,"nhse-cwt-provider":2,"nhse-dm01":11,"nhse-virtual-wards":11,"nhse-rtt-overview":1\},"values":\d+/,
      );
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
      const months = await ask(
        server.url,
        '{ organisation(odsCode: "QE1") { measurements(metricCode: "AE_4HR", from: "2024-06", to: "2025-06") { totalCount } } }',
      );
      expect(months.data!.organisation.measurements.totalCount).toBe(13);
      const ambulance = await ask(
        server.url,
        '{ organisation(odsCode: "X24") { latest(metricCode: "AMB_CAT2_MEAN") { period displayValue } } }',
      );
      expect(ambulance.data!.organisation.latest.period).toBe('2025-06');
      const cancer = await ask(
        server.url,
        '{ organisation(odsCode: "X24") { latest(metricCode: "CANCER_FDS") { period displayValue } } }',
      );
      expect(cancer.data!.organisation.latest).toEqual({ period: '2023-10', displayValue: '71.1%' });
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const restarted = await startServer({ DATABASE_URL: url });
    try {
      expect(restarted.logs()).not.toContain('migrations applied');
      expect(restarted.logs()).not.toContain('publications imported from the mirror');
      expect(restarted.logs()).toContain('"message":"reference data already up to date","created":0,"updated":0');
    } finally {
      expect(await restarted.stop()).toBe(0);
    }
  });

  it("starts without the publishers' files, serves the mandates, and says which are missing and how to supply them", async () => {
    const empty = path.join(scratch, 'empty-mirror');
    mkdirSync(empty);
    const server = await startServer({ DATABASE_URL: await freshDatabaseUrl('no-mirror'), NHS_DATA_DIR: empty });
    try {
      const missingLines = server
        .logs()
        .split('\n')
        .filter((line) => line.includes('publications missing'));
      expect(missingLines).toHaveLength(1);
      expect(missingLines[0]).toMatch(
        /"missing":\["ons-sicbl-icb-nhser-2022","ons-ccg-stp-sicbl-icb-2022","ods-etr-2025","nhse-ae-monthly","nhse-ambsys","nhse-cwt-provider","nhse-dm01","nhse-virtual-wards","nhse-rtt-overview"\].*"downloading":\["ons-sicbl-icb-nhser-2022","ods-etr-2025","nhse-ae-monthly","nhse-ambsys","nhse-cwt-provider","nhse-dm01","nhse-virtual-wards","nhse-rtt-overview"\].*NHS_DATA_DIR/,
      );
      const health = await fetch(`${server.origin}/health`);
      expect(await health.json()).toMatchObject({
        status: 'degraded',
        missingSources: [
          'ons-sicbl-icb-nhser-2022',
          'ons-ccg-stp-sicbl-icb-2022',
          'ods-etr-2025',
          'nhse-ae-monthly',
          'nhse-ambsys',
          'nhse-cwt-provider',
          'nhse-dm01',
          'nhse-virtual-wards',
          'nhse-rtt-overview',
        ],
      });
      const result = await ask(
        server.url,
        '{ mandate(slug: "2023") { priorities { totalCount } } organisations(filter: { types: [ICB] }) { totalCount } }',
      );
      expect(result.data).toEqual({ mandate: { priorities: { totalCount: 3 } }, organisations: { totalCount: 0 } });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
