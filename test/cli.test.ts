import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseApiKey } from '../src/domain/access.js';
import { CWT_DIR, MONTHLY_AE_DIR } from './support/mirror.js';
import { publishReferenceFiles, startPublisherStandIn } from './support/publisher-stand-in.js';
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
      // Each file's England total row is checked against the roll-up on the way in (a mismatch refuses it and stops the start).
      expect(server.logs()).toMatch(/"message":"publications imported from the mirror","files":\{"nhse-ae-monthly":13,"nhse-ambsys":1,"nhse-cwt-provider":2\},"values":\d+/);
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
      const months = await ask(server.url, '{ organisation(odsCode: "QE1") { measurements(metricCode: "AE_4HR", from: "2024-06", to: "2025-06") { totalCount } } }');
      expect(months.data!.organisation.measurements.totalCount).toBe(13);
      const ambulance = await ask(server.url, '{ organisation(odsCode: "X24") { latest(metricCode: "AMB_CAT2_MEAN") { period displayValue } } }');
      expect(ambulance.data!.organisation.latest.period).toBe('2025-06');
      const cancer = await ask(server.url, '{ organisation(odsCode: "X24") { latest(metricCode: "CANCER_FDS") { period displayValue } } }');
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

  it('starts without the publishers\' files, serves the mandates, and says which are missing and how to supply them', async () => {
    const empty = path.join(scratch, 'empty-mirror');
    mkdirSync(empty);
    const server = await startServer({ DATABASE_URL: await freshDatabaseUrl('no-mirror'), NHS_DATA_DIR: empty });
    try {
      const missingLines = server.logs().split('\n').filter((line) => line.includes('publications missing'));
      expect(missingLines).toHaveLength(1);
      expect(missingLines[0]).toMatch(/"missing":\["ons-sicbl-icb-nhser-2022","ons-ccg-stp-sicbl-icb-2022","ods-etr-2025","nhse-ae-monthly","nhse-ambsys","nhse-cwt-provider"\].*"downloading":\["ons-sicbl-icb-nhser-2022","ods-etr-2025","nhse-ae-monthly","nhse-ambsys","nhse-cwt-provider"\].*NHS_DATA_DIR/);
      const health = await fetch(`${server.origin}/health`);
      expect(await health.json()).toMatchObject({ status: 'degraded', missingSources: ['ons-sicbl-icb-nhser-2022', 'ons-ccg-stp-sicbl-icb-2022', 'ods-etr-2025', 'nhse-ae-monthly', 'nhse-ambsys', 'nhse-cwt-provider'] });
      const result = await ask(server.url, '{ mandate(slug: "2023") { priorities { totalCount } } organisations(filter: { types: [ICB] }) { totalCount } }');
      expect(result.data).toEqual({ mandate: { priorities: { totalCount: 3 } }, organisations: { totalCount: 0 } });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('syncs the mirror once (sync --once) and watches it while serving (--watch-publications)', async () => {
    const mirror = path.join(scratch, 'watched-mirror');
    const monthly = path.join(mirror, 'ae-monthly-2024-25');
    mkdirSync(monthly, { recursive: true });
    // The mirror keeps the ambulance and cancer publications too, with no file yet: nothing to fetch for them.
    mkdirSync(path.join(mirror, 'ambulance-ambsys'));
    mkdirSync(path.join(mirror, 'cancer-cwt'));
    for (const name of readdirSync(path.join(MONTHLY_AE_DIR, '..', 'reference'))) {
      mkdirSync(path.join(mirror, 'reference'), { recursive: true });
      copyFileSync(path.join(MONTHLY_AE_DIR, '..', 'reference', name), path.join(mirror, 'reference', name));
    }
    copyFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv'), path.join(monthly, 'Monthly-AE-June-2024.csv'));
    const env = { DATABASE_URL: await freshDatabaseUrl('watched'), NHS_DATA_DIR: mirror };
    for (const step of ['migrate', 'seed']) expect((await runCli([step], env)).code).toBe(0);
    const once = await runCli(['sync', '--once'], env);
    expect(once.code, once.stderr).toBe(0);
    expect(once.stdout).toMatch(/imported Monthly-AE-June-2024\.csv \(nhse-ae-monthly\): \d+ inserted, 0 revised/);
    // The mirror's three reference files are read too (and recorded): the organisations come from them.
    expect((await runCli(['sync', '--once'], env)).stdout).toContain('4 files read: 0 new or changed, 4 unchanged');
    writeFileSync(path.join(monthly, 'Monthly-AE-July-2024-revised.csv'), readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-July-2024-revised.csv')).subarray(0, 9_000));
    const refused = await runCli(['sync', '--once'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused Monthly-AE-July-2024-revised.csv (nhse-ae-monthly): INVALID_FILE');

    const server = await startServer({ ...env, PUBLICATIONS_POLL_SECONDS: '1' }, ['--watch-publications']);
    try {
      copyFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-August-2024.csv'), path.join(monthly, 'Monthly-AE-August-2024.csv'));
      const deadline = Date.now() + 20_000;
      while (!server.logs().includes('"file":"Monthly-AE-August-2024.csv"') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.logs()).toMatch(/"message":"publication file imported","publication":"nhse-ae-monthly","file":"Monthly-AE-August-2024.csv"/);
      // The refused file is not read again while its bytes stay the same.
      expect(server.logs()).not.toContain('"file":"Monthly-AE-July-2024-revised.csv"');
      const august = await ask(server.url, '{ organisation(odsCode: "X24") { latest(metricCode: "AE_4HR") { period } } }');
      expect(august.data!.organisation.latest.period).toBe('2024-08');
      // While the server holds an embedded database, `sync --once` asks the server to run it.
      const viaServer = await runCli(['sync', '--once'], env);
      expect(viaServer.code, viaServer.stderr).toBe(0);
      expect(viaServer.stdout).toContain('6 files read: 0 new or changed, 6 unchanged');
      if (TEST_DATABASE_KIND === 'pglite') {
        const looping = await runCli(['sync'], env);
        expect(looping.code).toBe(2);
        expect(looping.stderr).toContain('run `sync --once` (the server runs it), or serve with --watch-publications');
      }
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('downloads what the mirror lacks from the publishers: sync --once prints what it fetched, and a first start fetches the months while serving', async () => {
    const publisher = await startPublisherStandIn();
    try {
      const mirror = path.join(scratch, 'reference-only-mirror');
      mkdirSync(path.join(mirror, 'reference'), { recursive: true });
      mkdirSync(path.join(mirror, 'ambulance-ambsys'));
      mkdirSync(path.join(mirror, 'cancer-cwt'));
      for (const name of readdirSync(path.join(MONTHLY_AE_DIR, '..', 'reference'))) copyFileSync(path.join(MONTHLY_AE_DIR, '..', 'reference', name), path.join(mirror, 'reference', name));
      const june = publisher.publish('Monthly-AE-June-2024.csv', readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv')), { uploaded: '2024/07' });
      const store = path.join(scratch, 'downloaded');
      const env = { DATABASE_URL: await freshDatabaseUrl('downloads'), NHS_DATA_DIR: mirror, PUBLISHERS_VIA: publisher.via, PUBLICATIONS_DIR: store, PUBLICATIONS_SINCE: '2024-04' };
      for (const step of ['migrate', 'seed']) expect((await runCli([step], env)).code).toBe(0);
      const once = await runCli(['sync', '--once'], env);
      expect(once.code, once.stderr).toBe(0);
      expect(once.stdout).toContain(`fetched Monthly-AE-June-2024.csv (nhse-ae-monthly) from ${june}`);
      expect(once.stdout).toMatch(/imported Monthly-AE-June-2024\.csv \(nhse-ae-monthly\): \d+ inserted, 0 revised/);
      expect(once.stdout).toContain('4 files read: 4 new or changed, 0 unchanged; 1 fetched from the publishers');
      expect(readFileSync(path.join(store, 'ae-monthly-2024-25', 'Monthly-AE-June-2024.csv'))).toEqual(readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv')));
      expect((await runCli(['sync', '--once'], env)).stdout).toContain('4 files read: 0 new or changed, 4 unchanged');
      publisher.behave(june, 'server-error');
      const failing = await runCli(['sync', '--once'], { ...env, PUBLICATIONS_TIMEOUT_SECONDS: '2' });
      expect(failing.code).toBe(1);
      expect(failing.stderr).toContain(`could not fetch ${june} (nhse-ae-monthly)`);
      publisher.behave(june);

      // A first start on an empty database: the server answers at once, and the months arrive.
      const fresh = { ...env, DATABASE_URL: await freshDatabaseUrl('first-download'), PUBLICATIONS_DIR: path.join(scratch, 'downloaded-at-start') };
      const server = await startServer(fresh);
      try {
        expect(server.logs()).toMatch(/"message":"publications missing: serving without them".*"downloading":\["nhse-ae-monthly"\]/);
        const deadline = Date.now() + 30_000;
        while (!server.logs().includes('"message":"publication file imported"') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
        const latest = await ask(server.url, '{ organisation(odsCode: "X24") { latest(metricCode: "AE_4HR") { period } } }');
        expect(latest.data!.organisation.latest.period).toBe('2024-06');
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      await publisher.close();
    }
  });

  it('on a machine with no mirror, serves real data from the publishers alone: the organisations from ODS and ONS, then the months', async () => {
    const publisher = await startPublisherStandIn();
    try {
      await publishReferenceFiles(publisher, path.join(MONTHLY_AE_DIR, '..', 'reference'));
      publisher.publish('Monthly-AE-June-2024.csv', readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv')), { uploaded: '2024/07' });
      const env = { DATABASE_URL: await freshDatabaseUrl('publishers-only'), NHS_DATA_DIR: 'none', PUBLISHERS_VIA: publisher.via, PUBLICATIONS_DIR: path.join(scratch, 'publishers-only'), PUBLICATIONS_SINCE: '2024-04' };
      const server = await startServer(env);
      try {
        expect(server.logs()).toMatch(/"downloading":\["ons-sicbl-icb-nhser-2022","ods-etr-2025","nhse-ae-monthly","nhse-ambsys","nhse-cwt-provider"\]/);
        const deadline = Date.now() + 30_000;
        while (!server.logs().includes('"file":"Monthly-AE-June-2024.csv"') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
        const result = await ask(server.url, '{ icbs: organisations(filter: { types: [ICB] }) { totalCount } regions: organisations(filter: { types: [REGION] }) { totalCount } trusts: organisations(filter: { types: [TRUST] }) { totalCount } organisation(odsCode: "X24") { latest(metricCode: "AE_4HR") { period } } trustsSource: source(key: "ods-etr-2025") { files { name location outcome } } }');
        expect(result.data).toMatchObject({
          icbs: { totalCount: 42 },
          regions: { totalCount: 7 },
          organisation: { latest: { period: '2024-06' } },
          trustsSource: { files: [{ name: 'etr.csv', location: 'https://files.digital.nhs.uk/assets/ods/current/etr.zip', outcome: 'IMPORTED' }] },
        });
        expect(result.data!.trusts.totalCount).toBeGreaterThanOrEqual(207);
        // What arrived is no longer missing; the lineage (mirror only) still is, and AmbSYS and the cancer extracts, which this stand-in does not publish.
        expect(await (await fetch(`${server.origin}/health`)).json()).toMatchObject({ status: 'degraded', missingSources: ['ons-ccg-stp-sicbl-icb-2022', 'nhse-ambsys', 'nhse-cwt-provider'] });
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      await publisher.close();
    }
  });

  it('imports files from the command line, and refuses a bad one with exit 1', async () => {
    const url = await freshDatabaseUrl('import');
    expect((await runCli(['migrate'], { DATABASE_URL: url })).code).toBe(0);
    expect((await runCli(['seed'], { DATABASE_URL: url })).code).toBe(0);
    const fixture = path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2025.csv');
    const imported = await runCli(['import', 'nhse-ae-monthly', fixture], { DATABASE_URL: url });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('England AE_4HR 2025-06 (Monthly-AE-June-2025.csv): matches the published total');
    expect(imported.stdout).toMatch(/\d+ inserted, 0 revised, 0 unchanged; \d+ roll-ups recomputed/);
    const again = await runCli(['import', 'nhse-ae-monthly', fixture], { DATABASE_URL: url });
    expect(again.stdout).toMatch(/0 inserted, 0 revised, \d+ unchanged; 0 roll-ups recomputed/);

    const bad = path.join(scratch, 'bad.csv');
    writeFileSync(bad, 'metric_code,ods_code,period,value,numerator,denominator\nAE_ATTENDANCES,RJ1,2025-01,-4,,\n');
    const refused = await runCli(['import', 'measurements', bad], { DATABASE_URL: url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing was written: 1 problem(s).');
    expect(refused.stderr).toContain('bad.csv:2: NEGATIVE_VALUE (value)');
    const usage = await runCli(['import', 'spreadsheet', bad], { DATABASE_URL: url });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Name the format: nhse-ae-monthly, ae-attendances, ambsys, cwt-provider, measurements');
    const missing = await runCli(['import', 'measurements', path.join(scratch, 'absent.csv')], { DATABASE_URL: url });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read');
  });

  it('manages API keys; refuses at once to open an embedded database that a running server holds, and imports through its API with a key', async () => {
    const dataDir = path.join(scratch, 'held');
    const env = { DATABASE_URL: `pglite:${dataDir}` };
    for (const step of ['migrate', 'seed']) expect((await runCli([step], env)).code).toBe(0);
    const usage = await runCli(['keys', 'create', '--role', 'boss'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--role must be one of reader, ops, partner, admin');
    const orphan = await runCli(['keys', 'create', '--role', 'partner'], env);
    expect(orphan.code).toBe(1);
    expect(orphan.stderr).toContain('A partner key answers for at least one organisation');
    const created = await runCli(['keys', 'create', '--role', 'partner', '--org', 'rj1', '--label', 'Guy\'s and St Thomas\''], env);
    expect(created.code, created.stderr).toBe(0);
    const partnerKey = created.stdout.trim();
    expect(partnerKey).toMatch(/^nmgk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const spare = (await runCli(['keys', 'create', '--role', 'reader'], env)).stdout.trim();
    const adminKey = (await runCli(['keys', 'create', '--role', 'admin'], env)).stdout.trim();
    const listed = await runCli(['keys', 'list'], env);
    expect(listed.stdout).toContain('partner, for RJ1, "Guy\'s and St Thomas\'", no expiry');
    expect(listed.stdout).not.toContain(parseApiKey(partnerKey)!.secret);
    expect((await runCli(['keys', 'revoke', spare.split('_')[1]!], env)).stdout).toMatch(/Revoked key \d+/);
    expect((await runCli(['keys', 'revoke', spare.split('_')[1]!], env)).stderr).toContain('was already revoked');

    const server = await startServer(env, ['--no-fixtures']);
    try {
      expect(server.logs()).not.toContain('publications imported from the mirror');
      const partnerFile = path.join(scratch, 'partner.csv');
      writeFileSync(partnerFile, 'metric_code,ods_code,period,value,numerator,denominator\nAE_4HR,RJ1,2025-05,,700,1000\n');
      const keyless = await runCli(['import', 'measurements', partnerFile, '--endpoint', server.url]);
      expect(keyless.code).toBe(1);
      expect(keyless.stderr).toContain('UNAUTHENTICATED');
      const viaApi = await runCli(['import', 'measurements', partnerFile, '--endpoint', server.url, '--key', partnerKey]);
      expect(viaApi.code, viaApi.stderr).toBe(0);
      expect(viaApi.stdout).toContain('1 inserted, 0 revised, 0 unchanged; 3 roll-ups recomputed');
      const england = await ask(server.url, '{ organisation(odsCode: "X24") { latest(metricCode: "AE_4HR") { value } } }');
      expect(england.data!.organisation.latest.value).toBe(70);

      // A real month on a database without its providers: created under their region, as from the command line.
      const june2024 = path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv');
      const published = await runCli(['import', 'nhse-ae-monthly', june2024, '--endpoint', server.url, '--key', adminKey]);
      expect(published.code, published.stderr).toBe(0);
      expect(published.stdout).toContain('new provider AQN04');
      expect(published.stdout).toContain('England AE_4HR 2024-06 (Monthly-AE-June-2024.csv): matches the published total');
      const cutShort = path.join(scratch, 'Monthly-AE-August-2024.csv');
      writeFileSync(cutShort, readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-August-2024.csv')).subarray(0, 14_000));
      const refused = await runCli(['import', 'nhse-ae-monthly', cutShort, '--endpoint', server.url, '--key', adminKey]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('has no England total row');
      const august = await ask(server.url, '{ organisation(odsCode: "RTX") { latest(metricCode: "AE_ATTENDANCES") { period } } }');
      expect(august.data!.organisation.latest.period).toBe('2024-06');
      // A workbook travels as its bytes (base64) and is read there as here.
      const cancer = await runCli(['import', 'cwt-provider', path.join(CWT_DIR, 'CWT-CRS-Oct-2023-Data-Extract-Provider.xlsx'), '--endpoint', server.url, '--key', adminKey]);
      expect(cancer.code, cancer.stderr).toBe(0);
      expect(cancer.stdout).toMatch(/CWT-CRS-Oct-2023-Data-Extract-Provider\.xlsx: \d+ values for 2023-10/);
      const diagnosis = await ask(server.url, '{ organisation(odsCode: "X24") { latest(metricCode: "CANCER_FDS") { period numerator denominator } } }');
      expect(diagnosis.data!.organisation.latest).toEqual({ period: '2023-10', numerator: 192880, denominator: 271402 });
      // Keys while the server holds the embedded database: through its operator socket, which only
      // the data directory's owner may open.
      expect(statSync(`${dataDir}.sock`).mode & 0o777).toBe(0o600);
      const live = await runCli(['keys', 'create', '--role', 'admin', '--label', 'made while serving'], env);
      expect(live.code, live.stderr).toBe(0);
      const liveKey = live.stdout.trim();
      const audit = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${liveKey}` }, body: JSON.stringify({ query: '{ auditEntries(first: 1) { totalCount } }' }) });
      expect(audit.status).toBe(200);
      expect((await runCli(['keys', 'list'], env)).stdout).toContain('admin, "made while serving"');
      expect((await runCli(['keys', 'revoke', liveKey.split('_')[1]!], env)).stdout).toMatch(/Revoked key \d+/);
      const refusedRole = await runCli(['keys', 'create', '--role', 'boss'], env);
      expect(refusedRole.code).toBe(2);
      expect(refusedRole.stderr).toContain('--role must be one of');
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
