import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLICATIONS } from '../src/ingest/publications.js';
import { syncPublications, withSyncLock } from '../src/services/publication-sync.js';
import { createTestApi, type TestApi } from './support/api.js';
import { TEST_DATABASE_KIND } from './support/database.js';
import { MONTHLY_AE_DIR } from './support/mirror.js';
import { subscribeSse } from './support/streams.js';

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
