import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApiKey } from '../src/domain/access.js';
import { CWT_DIR, MONTHLY_AE_DIR } from './support/mirror.js';
import { runCli, startServer } from './support/cli.js';
import { ask, cliScratch } from './support/cli-scratch.js';
import { createTestDataDirectory } from './support/database.js';

const { scratch, freshDatabaseUrl } = cliScratch('cli-keys');

describe('the command line: imports and keys', { timeout: 180_000 }, () => {
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
    expect(usage.stderr).toContain(
      'Name the format: nhse-ae-monthly, ae-attendances, ambsys, cwt-provider, dm01, virtual-wards, rtt-overview, measurements',
    );
    const missing = await runCli(['import', 'measurements', path.join(scratch, 'absent.csv')], { DATABASE_URL: url });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read');
  });

  it('manages API keys; refuses at once to open an embedded database that a running server holds, and imports through its API with a key', async () => {
    const dataDir = path.join(scratch, 'held');
    const env = { DATABASE_URL: createTestDataDirectory(dataDir) };
    for (const step of ['migrate', 'seed']) expect((await runCli([step], env)).code).toBe(0);
    const usage = await runCli(['keys', 'create', '--role', 'boss'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--role must be one of reader, ops, partner, admin');
    const orphan = await runCli(['keys', 'create', '--role', 'partner'], env);
    expect(orphan.code).toBe(1);
    expect(orphan.stderr).toContain('A partner key answers for at least one organisation');
    const created = await runCli(
      ['keys', 'create', '--role', 'partner', '--org', 'rj1', '--label', "Guy's and St Thomas'"],
      env,
    );
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
      writeFileSync(
        partnerFile,
        'metric_code,ods_code,period,value,numerator,denominator\nAE_4HR,RJ1,2025-05,,700,1000\n',
      );
      const keyless = await runCli(['import', 'measurements', partnerFile, '--endpoint', server.url]);
      expect(keyless.code).toBe(1);
      expect(keyless.stderr).toContain('UNAUTHENTICATED');
      const viaApi = await runCli([
        'import',
        'measurements',
        partnerFile,
        '--endpoint',
        server.url,
        '--key',
        partnerKey,
      ]);
      expect(viaApi.code, viaApi.stderr).toBe(0);
      expect(viaApi.stdout).toContain('1 inserted, 0 revised, 0 unchanged; 3 roll-ups recomputed');
      const england = await ask(
        server.url,
        '{ organisation(odsCode: "X24") { latest(metricCode: "AE_4HR") { value } } }',
      );
      expect(england.data!.organisation.latest.value).toBe(70);

      // A real month on a database without its providers: created under their region, as from the command line.
      const june2024 = path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv');
      const published = await runCli([
        'import',
        'nhse-ae-monthly',
        june2024,
        '--endpoint',
        server.url,
        '--key',
        adminKey,
      ]);
      expect(published.code, published.stderr).toBe(0);
      expect(published.stdout).toContain('new provider AQN04');
      expect(published.stdout).toContain(
        'England AE_4HR 2024-06 (Monthly-AE-June-2024.csv): matches the published total',
      );
      const cutShort = path.join(scratch, 'Monthly-AE-August-2024.csv');
      writeFileSync(
        cutShort,
        readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-August-2024.csv')).subarray(0, 14_000),
      );
      const refused = await runCli([
        'import',
        'nhse-ae-monthly',
        cutShort,
        '--endpoint',
        server.url,
        '--key',
        adminKey,
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('has no England total row');
      const august = await ask(
        server.url,
        '{ organisation(odsCode: "RTX") { latest(metricCode: "AE_ATTENDANCES") { period } } }',
      );
      expect(august.data!.organisation.latest.period).toBe('2024-06');
      // A workbook travels as its bytes (base64) and is read there as here.
      const cancer = await runCli([
        'import',
        'cwt-provider',
        path.join(CWT_DIR, 'CWT-CRS-Oct-2023-Data-Extract-Provider.xlsx'),
        '--endpoint',
        server.url,
        '--key',
        adminKey,
      ]);
      expect(cancer.code, cancer.stderr).toBe(0);
      expect(cancer.stdout).toMatch(/CWT-CRS-Oct-2023-Data-Extract-Provider\.xlsx: \d+ values for 2023-10/);
      const diagnosis = await ask(
        server.url,
        '{ organisation(odsCode: "X24") { latest(metricCode: "CANCER_FDS") { period numerator denominator } } }',
      );
      expect(diagnosis.data!.organisation.latest).toEqual({
        period: '2023-10',
        numerator: 192880,
        denominator: 271402,
      });
      // Keys while the server holds the embedded database: through its operator socket, which only
      // the data directory's owner may open.
      expect(statSync(`${dataDir}.sock`).mode & 0o777).toBe(0o600);
      const live = await runCli(['keys', 'create', '--role', 'admin', '--label', 'made while serving'], env);
      expect(live.code, live.stderr).toBe(0);
      const liveKey = live.stdout.trim();
      const audit = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${liveKey}` },
        body: JSON.stringify({ query: '{ auditEntries(first: 1) { totalCount } }' }),
      });
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
