import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DM01_DIR, MONTHLY_AE_DIR } from './support/mirror.js';
import { dm01Keeping, writtenWorkbook } from './support/workbooks.js';
import { publishReferenceFiles, startPublisherStandIn } from './support/publisher-stand-in.js';
import { runCli, startServer } from './support/cli.js';
import { ask, cliScratch } from './support/cli-scratch.js';
import { TEST_DATABASE_KIND } from './support/database.js';

const { scratch, freshDatabaseUrl } = cliScratch('cli-publications');

describe('the command line and the publications', { timeout: 180_000 }, () => {
  it('syncs the mirror once (sync --once) and watches it while serving (--watch-publications)', async () => {
    const mirror = path.join(scratch, 'watched-mirror');
    const monthly = path.join(mirror, 'ae-monthly-2024-25');
    mkdirSync(monthly, { recursive: true });
    // The mirror keeps the ambulance, cancer, diagnostics, virtual ward and RTT publications too, with no file yet: nothing to fetch for them.
    mkdirSync(path.join(mirror, 'ambulance-ambsys'));
    mkdirSync(path.join(mirror, 'cancer-cwt'));
    mkdirSync(path.join(mirror, 'diagnostics-dm01'));
    mkdirSync(path.join(mirror, 'rtt-overview'));
    mkdirSync(path.join(mirror, 'virtual-wards'));
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
    writeFileSync(
      path.join(monthly, 'Monthly-AE-July-2024-revised.csv'),
      readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-July-2024-revised.csv')).subarray(0, 9_000),
    );
    const refused = await runCli(['sync', '--once'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused Monthly-AE-July-2024-revised.csv (nhse-ae-monthly): INVALID_FILE');

    const server = await startServer({ ...env, PUBLICATIONS_POLL_SECONDS: '1' }, ['--watch-publications']);
    try {
      // A new month of two publications, one of them a workbook in the old Excel format.
      const dm01 = 'Monthly-Diagnostics-Web-File-Provider-December-2024.xls';
      copyFileSync(
        path.join(MONTHLY_AE_DIR, 'Monthly-AE-August-2024.csv'),
        path.join(monthly, 'Monthly-AE-August-2024.csv'),
      );
      // December's workbook cut to two trusts: the watcher's part, not the size, is what is tested here.
      writeFileSync(
        path.join(mirror, 'diagnostics-dm01', dm01),
        writtenWorkbook(await dm01Keeping(readFileSync(path.join(DM01_DIR, dm01)), ['RF4', 'R1H']), 'xls'),
      );
      const deadline = Date.now() + 40_000;
      const seen = () =>
        ['Monthly-AE-August-2024.csv', dm01].every((file) => server.logs().includes(`"file":"${file}"`));
      while (!seen() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.logs()).toMatch(
        /"message":"publication file imported","publication":"nhse-ae-monthly","file":"Monthly-AE-August-2024.csv"/,
      );
      expect(server.logs()).toContain(
        `"message":"publication file imported","publication":"nhse-dm01","file":"${dm01}"`,
      );
      // The refused file is not read again while its bytes stay the same.
      expect(server.logs()).not.toContain('"file":"Monthly-AE-July-2024-revised.csv"');
      const latest = await ask(
        server.url,
        '{ organisation(odsCode: "X24") { ae: latest(metricCode: "AE_4HR") { period } diagnostics: latest(metricCode: "DIAG_6WK") { period } } }',
      );
      expect(latest.data!.organisation).toEqual({ ae: { period: '2024-08' }, diagnostics: { period: '2024-12' } });
      // While the server holds an embedded database, `sync --once` asks the server to run it.
      const viaServer = await runCli(['sync', '--once'], env);
      expect(viaServer.code, viaServer.stderr).toBe(0);
      expect(viaServer.stdout).toContain('7 files read: 0 new or changed, 7 unchanged');
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
      mkdirSync(path.join(mirror, 'diagnostics-dm01'));
      mkdirSync(path.join(mirror, 'rtt-overview'));
      mkdirSync(path.join(mirror, 'virtual-wards'));
      for (const name of readdirSync(path.join(MONTHLY_AE_DIR, '..', 'reference')))
        copyFileSync(path.join(MONTHLY_AE_DIR, '..', 'reference', name), path.join(mirror, 'reference', name));
      const june = publisher.publish(
        'Monthly-AE-June-2024.csv',
        readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv')),
        { uploaded: '2024/07' },
      );
      const store = path.join(scratch, 'downloaded');
      const env = {
        DATABASE_URL: await freshDatabaseUrl('downloads'),
        NHS_DATA_DIR: mirror,
        PUBLISHERS_VIA: publisher.via,
        PUBLICATIONS_DIR: store,
        PUBLICATIONS_SINCE: '2024-04',
      };
      for (const step of ['migrate', 'seed']) expect((await runCli([step], env)).code).toBe(0);
      const once = await runCli(['sync', '--once'], env);
      expect(once.code, once.stderr).toBe(0);
      expect(once.stdout).toContain(`fetched Monthly-AE-June-2024.csv (nhse-ae-monthly) from ${june}`);
      expect(once.stdout).toMatch(/imported Monthly-AE-June-2024\.csv \(nhse-ae-monthly\): \d+ inserted, 0 revised/);
      expect(once.stdout).toContain('4 files read: 4 new or changed, 0 unchanged; 1 fetched from the publishers');
      expect(readFileSync(path.join(store, 'ae-monthly-2024-25', 'Monthly-AE-June-2024.csv'))).toEqual(
        readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv')),
      );
      expect((await runCli(['sync', '--once'], env)).stdout).toContain('4 files read: 0 new or changed, 4 unchanged');
      publisher.behave(june, 'server-error');
      const failing = await runCli(['sync', '--once'], { ...env, PUBLICATIONS_TIMEOUT_SECONDS: '2' });
      expect(failing.code).toBe(1);
      expect(failing.stderr).toContain(`could not fetch ${june} (nhse-ae-monthly)`);
      publisher.behave(june);

      // A first start on an empty database: the server answers at once, and the months arrive.
      const fresh = {
        ...env,
        DATABASE_URL: await freshDatabaseUrl('first-download'),
        PUBLICATIONS_DIR: path.join(scratch, 'downloaded-at-start'),
      };
      const server = await startServer(fresh);
      try {
        expect(server.logs()).toMatch(
          /"message":"publications missing: serving without them".*"downloading":\["nhse-ae-monthly"\]/,
        );
        const deadline = Date.now() + 30_000;
        while (!server.logs().includes('"message":"publication file imported"') && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 200));
        const latest = await ask(
          server.url,
          '{ organisation(odsCode: "X24") { latest(metricCode: "AE_4HR") { period } } }',
        );
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
      publisher.publish(
        'Monthly-AE-June-2024.csv',
        readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv')),
        { uploaded: '2024/07' },
      );
      const env = {
        DATABASE_URL: await freshDatabaseUrl('publishers-only'),
        NHS_DATA_DIR: 'none',
        PUBLISHERS_VIA: publisher.via,
        PUBLICATIONS_DIR: path.join(scratch, 'publishers-only'),
        PUBLICATIONS_SINCE: '2024-04',
      };
      const server = await startServer(env);
      try {
        expect(server.logs()).toMatch(
          /"downloading":\["ons-sicbl-icb-nhser-2022","ods-etr-2025","nhse-ae-monthly","nhse-ambsys","nhse-cwt-provider","nhse-dm01","nhse-virtual-wards","nhse-rtt-overview"\]/,
        );
        const deadline = Date.now() + 30_000;
        while (!server.logs().includes('"file":"Monthly-AE-June-2024.csv"') && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 200));
        const result = await ask(
          server.url,
          '{ icbs: organisations(filter: { types: [ICB] }) { totalCount } regions: organisations(filter: { types: [REGION] }) { totalCount } trusts: organisations(filter: { types: [TRUST] }) { totalCount } organisation(odsCode: "X24") { latest(metricCode: "AE_4HR") { period } } trustsSource: source(key: "ods-etr-2025") { files { name location outcome } } }',
        );
        expect(result.data).toMatchObject({
          icbs: { totalCount: 42 },
          regions: { totalCount: 7 },
          organisation: { latest: { period: '2024-06' } },
          trustsSource: {
            files: [
              {
                name: 'etr.csv',
                location: 'https://files.digital.nhs.uk/assets/ods/current/etr.zip',
                outcome: 'IMPORTED',
              },
            ],
          },
        });
        expect(result.data!.trusts.totalCount).toBeGreaterThanOrEqual(207);
        // What arrived is no longer missing; the lineage (mirror only) still is, and AmbSYS, the cancer extracts, DM01, virtual wards and RTT, which this stand-in does not publish.
        expect(await (await fetch(`${server.origin}/health`)).json()).toMatchObject({
          status: 'degraded',
          missingSources: [
            'ons-ccg-stp-sicbl-icb-2022',
            'nhse-ambsys',
            'nhse-cwt-provider',
            'nhse-dm01',
            'nhse-virtual-wards',
            'nhse-rtt-overview',
          ],
        });
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      await publisher.close();
    }
  });
});
