import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DM01_SHEETS } from '../src/ingest/diagnostics-dm01.js';
import { PUBLICATIONS } from '../src/ingest/publications.js';
import { syncPublications, withSyncLock } from '../src/services/publication-sync.js';
import { createTestApi, type TestApi } from './support/api.js';
import { TEST_DATABASE_KIND } from './support/database.js';
import { DM01_DIR, MONTHLY_AE_DIR } from './support/mirror.js';
import { subscribeSse } from './support/streams.js';
import { dm01Columns, dm01Keeping, writtenWorkbook } from './support/workbooks.js';

const NOW = new Date('2025-07-15T12:00:00Z');
const mirror = mkdtempSync(path.join(tmpdir(), 'nmg-mirror-'));
const folder = path.join(mirror, PUBLICATIONS.aeMonthly.folder);
const publish = (name: string, text?: string) =>
  text === undefined
    ? copyFileSync(path.join(MONTHLY_AE_DIR, name), path.join(folder, name))
    : writeFileSync(path.join(folder, name), text);

let api: TestApi;
let url: string;
beforeAll(async () => {
  mkdirSync(folder, { recursive: true });
  api = await createTestApi();
  url = await api.app.start(0);
});
afterAll(async () => {
  await api?.close();
  rmSync(mirror, { recursive: true, force: true });
});

const sync = () => syncPublications(api.db, { mirror, now: NOW, only: [PUBLICATIONS.aeMonthly] });
const counts = async () => ({
  measurements: await api.db.prisma.measurement.count(),
  crossings: await api.db.prisma.crossing.count(),
});

describe('syncing the publications from the mirror', () => {
  it('imports each new month once, in month order, and records what it read', async () => {
    publish('Monthly-AE-July-2024-revised.csv');
    publish('Monthly-AE-June-2024.csv');
    const first = await sync();
    expect(first.map((file) => [file.name, file.outcome])).toEqual([
      ['Monthly-AE-June-2024.csv', 'imported'],
      ['Monthly-AE-July-2024-revised.csv', 'imported'],
    ]);
    const before = await counts();
    expect((await sync()).map((file) => file.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(await counts()).toEqual(before);
    const recorded = await api.db.prisma.publicationFile.findMany({ orderBy: { id: 'asc' } });
    expect(recorded).toEqual([
      expect.objectContaining({
        name: 'Monthly-AE-June-2024.csv',
        outcome: 'IMPORTED',
        location: 'mirror:ae-monthly-2024-25/Monthly-AE-June-2024.csv',
        bytes: readFileSync(path.join(folder, 'Monthly-AE-June-2024.csv')).length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
      expect.objectContaining({ name: 'Monthly-AE-July-2024-revised.csv', outcome: 'IMPORTED' }),
    ]);
    // The API shows them on their source.
    const { json } = await api.post({
      query: '{ source(key: "nhse-ae-monthly") { licence files { name location sha256 bytes outcome inserted } } }',
    });
    expect((json.data as any).source).toEqual({
      licence: 'Open Government Licence v3.0',
      files: recorded.map((file) => ({
        name: file.name,
        location: file.location,
        sha256: file.sha256,
        bytes: file.bytes,
        outcome: 'IMPORTED',
        inserted: file.inserted,
      })),
    });
  });

  it('refuses a file cut short with nothing written, does not read it again until it changes, then imports it', async () => {
    const before = await counts();
    const august = readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-August-2024.csv'), 'utf8');
    publish('Monthly-AE-August-2024.csv', august.slice(0, 14_000));
    const refused = (await sync()).find((file) => file.name === 'Monthly-AE-August-2024.csv');
    expect(refused).toMatchObject({
      outcome: 'refused',
      reason: expect.stringContaining('the file is cut short or damaged'),
    });
    expect(await counts()).toEqual(before);
    expect((await sync()).find((file) => file.name === 'Monthly-AE-August-2024.csv')!.outcome).toBe('unchanged');
    expect(
      await api.db.prisma.publicationFile.findFirst({ where: { name: 'Monthly-AE-August-2024.csv' } }),
    ).toMatchObject({ outcome: 'REFUSED', reason: expect.stringContaining('INVALID_FILE') });
    // The publisher puts the whole file up: it is read and imported.
    publish('Monthly-AE-August-2024.csv');
    expect((await sync()).find((file) => file.name === 'Monthly-AE-August-2024.csv')).toMatchObject({
      outcome: 'imported',
    });
    expect((await counts()).measurements).toBeGreaterThan(before.measurements);
  });

  it('revises a republished month, and a subscriber receives exactly the crossings the new months caused', async () => {
    const stream = await subscribeSse(
      url,
      'subscription { thresholdCrossed(filter: { organisationTypes: [ICB, TRUST] }) { cursor period } }',
      {},
      api.adminKey,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logEnd = (await api.db.prisma.crossing.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n;
    // NHS England republishes June with 100 fewer four-hour breaches at RJ1 (and in the total row).
    const june = readFileSync(path.join(MONTHLY_AE_DIR, 'Monthly-AE-June-2024.csv'), 'utf8');
    const [header, ...rows] = june.split(/\r?\n/);
    const column = header!.split(',').findIndex((name) => name.trim() === 'Attendances over 4hrs Type 1');
    const revise = (line: string) =>
      line
        .split(',')
        .map((cell, index) => (index === column ? String(Number(cell) - 100) : cell))
        .join(',');
    publish(
      'Monthly-AE-June-2024-revised.csv',
      [
        header,
        ...rows.map((line) =>
          line.startsWith('MSitAE-JUNE-2024,RJ1,') || /^total,/i.test(line) ? revise(line) : line,
        ),
      ].join('\n'),
    );
    publish('Monthly-AE-September-2024.csv');
    const synced = await sync();
    expect(synced.filter((file) => file.outcome === 'imported').map((file) => [file.name, file.revised > 0])).toEqual([
      ['Monthly-AE-June-2024-revised.csv', true],
      ['Monthly-AE-September-2024.csv', false],
    ]);
    const logged = await api.db.prisma.crossing.findMany({
      where: { sequence: { gt: logEnd }, organisation: { type: { in: ['ICB', 'TRUST'] } } },
      orderBy: { sequence: 'asc' },
    });
    expect(logged.length).toBeGreaterThan(0);
    const received = await stream.waitFor(logged.length, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    stream.close();
    expect(stream.events.map((event) => event.thresholdCrossed.cursor)).toEqual(
      logged.map((crossing) => crossing.sequence.toString()),
    );
    expect(received).toHaveLength(logged.length);
  });

  it.runIf(TEST_DATABASE_KIND === 'postgres')('lets one instance sync at a time', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = withSyncLock(api.db, () => held.then(() => 'first'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await withSyncLock(api.db, async () => 'second')).toBe('busy');
    release();
    expect(await first).toBe('first');
    expect(await withSyncLock(api.db, async () => 'third')).toBe('third');
  });
});

describe('syncing a workbook publication (DM01) from the mirror', () => {
  const dm01Folder = path.join(mirror, PUBLICATIONS.dm01.folder);
  const DECEMBER = 'Monthly-Diagnostics-Web-File-Provider-December-2024.xls';
  const JANUARY = 'Monthly-Diagnostics-Web-File-Provider-January-2025.xls';
  /**
   * NHS England's months cut to three trusts (as the publisher lays them out, the Total row their
   * sum), so that each import takes a moment: RF4, and RPY and RDR, which cross the 95% standard in
   * January (92.8% to 97.2%, 96.6% to 90.3%).
   */
  const TRUSTS = ['RF4', 'RPY', 'RDR'];
  const monthOf = (name: string) => dm01Keeping(readFileSync(path.join(DM01_DIR, name)), TRUSTS);
  const publishDm01 = async (name: string, sheets?: Map<string, unknown[][]>) =>
    writeFileSync(path.join(dm01Folder, name), writtenWorkbook(sheets ?? (await monthOf(name)), 'xls'));
  const syncDm01 = () => syncPublications(api.db, { mirror, now: NOW, only: [PUBLICATIONS.dm01] });
  const RF4_DECEMBER =
    '{ organisation(odsCode: "RF4") { measurements(metricCode: "DIAG_WAITING_LIST", from: "2024-12", to: "2024-12") { edges { node { value revision source revisions { edges { node { value source } } } } } } breakdown(metricCode: "DIAG_WAITING_LIST", breakdown: "MRI", from: "2024-12", to: "2024-12") { value revision } } england: organisation(odsCode: "X24") { latest(metricCode: "DIAG_WAITING_LIST") { period } measurements(metricCode: "DIAG_WAITING_LIST", from: "2024-12", to: "2024-12") { edges { node { value derived revision } } } } }';

  it('imports each month dropped into the mirror, and a subscriber receives exactly the crossings they caused', async () => {
    mkdirSync(dm01Folder, { recursive: true });
    const stream = await subscribeSse(
      url,
      'subscription { thresholdCrossed(filter: { metricCodes: ["DIAG_6WK"], organisationTypes: [NATIONAL_BODY, REGION, ICB, TRUST] }) { cursor period } }',
      {},
      api.adminKey,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logEnd = (await api.db.prisma.crossing.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n;
    await publishDm01(DECEMBER);
    expect((await syncDm01()).map((file) => [file.name, file.outcome])).toEqual([[DECEMBER, 'imported']]);
    await publishDm01(JANUARY);
    expect((await syncDm01()).map((file) => [file.name, file.outcome])).toEqual([
      [DECEMBER, 'unchanged'],
      [JANUARY, 'imported'],
    ]);
    const logged = await api.db.prisma.crossing.findMany({
      where: { sequence: { gt: logEnd }, metric: { code: 'DIAG_6WK' } },
      orderBy: { sequence: 'asc' },
    });
    // January's own crossings (against December), after December's first judgements.
    expect(logged.filter((crossing) => crossing.period === '2025-01').length).toBeGreaterThan(0);
    await stream.waitFor(logged.length, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    stream.close();
    expect(stream.events.map((event) => event.thresholdCrossed.cursor)).toEqual(
      logged.map((crossing) => crossing.sequence.toString()),
    );
  });

  it("revises a month NHS England republished under the same name (its title block's Revised: date), keeping the values it had and saying which edition each came from", async () => {
    const before = (await api.post({ query: RF4_DECEMBER })).json.data as any;
    const [rf4] = before.organisation.measurements.edges.map((edge: any) => edge.node);
    expect(rf4).toMatchObject({ revision: 1, source: `dm01 file ${DECEMBER} (revised 10th July 2025)` });
    // Five more patients waiting for an MRI at RF4: its test, its total on both sheets and England's Total row.
    const republished = await monthOf(DECEMBER);
    for (const [name, rows] of republished) {
      const revised = rows.find((row) => row.includes('Revised:'))!;
      revised[revised.indexOf('Revised:') + 1] = '14th August 2025';
      const { code, test, total, six, share } = dm01Columns(rows.find((row) => row.includes('Provider Code'))!);
      const addFive = (row: unknown[]) => {
        row[total] = (row[total] as number) + 5;
        row[share] = (row[six] as number) / (row[total] as number);
      };
      if (name === DM01_SHEETS.provider) {
        addFive(rows.find((row) => row[code] === 'RF4')!);
        addFive(rows.find((row) => !row[code] && row.includes('Total'))!);
      } else {
        for (const id of [1, 16]) addFive(rows.find((row) => row[code] === 'RF4' && row[test] === id)!);
      }
    }
    await publishDm01(DECEMBER, republished);
    const synced = await syncDm01();
    expect(synced.find((file) => file.name === DECEMBER)).toMatchObject({ outcome: 'imported', revised: 2 });
    const after = (await api.post({ query: RF4_DECEMBER })).json.data as any;
    expect(after.organisation.measurements.edges.map((edge: any) => edge.node)).toEqual([
      {
        value: rf4.value + 5,
        revision: 2,
        source: `dm01 file ${DECEMBER} (revised 14th August 2025)`,
        revisions: { edges: [{ node: { value: rf4.value, source: rf4.source } }] },
      },
    ]);
    expect(after.organisation.breakdown).toEqual([{ value: before.organisation.breakdown[0].value + 5, revision: 2 }]);
    const [englandBefore] = before.england.measurements.edges.map((edge: any) => edge.node);
    expect(after.england.measurements.edges.map((edge: any) => edge.node)).toEqual([
      { value: englandBefore.value + 5, derived: true, revision: 2 },
    ]);
    // January stays the latest month.
    expect(after.england.latest.period).toBe('2025-01');
  });
});
