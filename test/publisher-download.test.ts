import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublisherAccess } from '../src/ingest/publisher-copies.js';
import { addressToFetch, fetchFromPublisher, linksOnPage, looksLikeHtml } from '../src/ingest/publisher-download.js';
import { lastMonthOfCwtFile } from '../src/ingest/cancer-waiting-times-publication.js';
import { monthOfAeFile } from '../src/ingest/nhse-ae-monthly-publication.js';
import { problemWithSubIcbLookup, problemWithTrustsExtract } from '../src/ingest/reference-files.js';
import { inReadingOrder, PUBLICATIONS } from '../src/ingest/publications.js';
import { syncPublications } from '../src/services/publication-sync.js';
import { createTestApi, type TestApi } from './support/api.js';
import { AMBSYS_EXTRACT, cwtProviderImportFiles, MONTHLY_AE_DIR } from './support/mirror.js';
import {
  INDEX_PATH,
  publishReferenceFiles,
  startPublisherStandIn,
  type PublisherStandIn,
} from './support/publisher-stand-in.js';
import { subscribeSse } from './support/streams.js';

const NOW = new Date('2025-07-15T12:00:00Z');
const month = (name: string) => readFileSync(path.join(MONTHLY_AE_DIR, name), 'utf8');
const store = mkdtempSync(path.join(tmpdir(), 'nmg-publications-'));

let api: TestApi;
let url: string;
let publisher: PublisherStandIn;
let access: PublisherAccess;
beforeAll(async () => {
  api = await createTestApi();
  url = await api.app.start(0);
  publisher = await startPublisherStandIn();
  access = {
    store,
    via: publisher.via,
    since: '2024-04',
    limits: { timeoutMs: 1_500, attempts: 2, backoffMs: 20, maxBytes: 5 * 1024 * 1024 },
  };
});
afterAll(async () => {
  await api?.close();
  await publisher?.close();
  rmSync(store, { recursive: true, force: true });
});

const sync = (over: Partial<PublisherAccess> = {}) =>
  syncPublications(api.db, {
    mirror: null,
    publishers: { ...access, ...over },
    now: NOW,
    only: [PUBLICATIONS.aeMonthly],
  });
const counts = async () => ({
  measurements: await api.db.prisma.measurement.count(),
  crossings: await api.db.prisma.crossing.count(),
  providers: await api.db.prisma.organisation.count(),
});
const summary = (synced: Awaited<ReturnType<typeof sync>>) =>
  synced.map((file) => [file.name, file.outcome, file.fetched]);
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const roundStart = () => publisher.requests.length;

describe("reading the publications from NHS England's pages", () => {
  const june = 'https://www.england.nhs.uk/statistics/wp-content/uploads/sites/2/2024/07/Monthly-AE-June-2024.csv';

  it('downloads every month its pages list, imports them in month order, and keeps each copy with its checksum and address', async () => {
    publisher.publish('Monthly-AE-July-2024-revised.csv', month('Monthly-AE-July-2024-revised.csv'), {
      uploaded: '2024/11',
    });
    publisher.publish('Monthly-AE-June-2024.csv', month('Monthly-AE-June-2024.csv'), { uploaded: '2024/07' });
    const synced = await sync();
    expect(summary(synced)).toEqual([
      ['Monthly-AE-June-2024.csv', 'imported', true],
      ['Monthly-AE-July-2024-revised.csv', 'imported', true],
    ]);
    expect(synced[0]).toMatchObject({ location: june, inserted: expect.any(Number) });
    expect(synced[0]!.inserted).toBeGreaterThan(500);
    // The year before the months wanted is not read, nor anything off the publisher's site.
    expect(
      publisher.requests.map((request) => request.path).filter((requested) => requested.includes('2016-17')),
    ).toEqual([]);

    const kept = path.join(store, PUBLICATIONS.aeMonthly.folder, 'Monthly-AE-June-2024.csv');
    expect(readFileSync(kept, 'utf8')).toBe(month('Monthly-AE-June-2024.csv'));
    const index = JSON.parse(readFileSync(path.join(store, 'index.json'), 'utf8'));
    expect(index.files[june]).toMatchObject({
      name: 'Monthly-AE-June-2024.csv',
      sha256: sha256(month('Monthly-AE-June-2024.csv')),
      bytes: Buffer.byteLength(month('Monthly-AE-June-2024.csv')),
      retrievedAt: NOW.toISOString(),
      validators: { etag: expect.any(String), lastModified: expect.any(String) },
    });

    const { json } = await api.post({
      query: '{ source(key: "nhse-ae-monthly") { files { name location sha256 bytes retrievedAt outcome } } }',
    });
    expect((json.data as any).source.files).toContainEqual({
      name: 'Monthly-AE-June-2024.csv',
      location: june,
      sha256: sha256(month('Monthly-AE-June-2024.csv')),
      bytes: Buffer.byteLength(month('Monthly-AE-June-2024.csv')),
      retrievedAt: NOW.toISOString(),
      outcome: 'IMPORTED',
    });
  });

  it('asks again only conditionally, and downloads nothing the publisher has not changed', async () => {
    const before = await counts();
    const start = roundStart();
    expect(summary(await sync())).toEqual([
      ['Monthly-AE-June-2024.csv', 'unchanged', false],
      ['Monthly-AE-July-2024-revised.csv', 'unchanged', false],
    ]);
    const round = publisher.requests.slice(start);
    // The index, the year's page and two files: each asked conditionally, each answered 304.
    expect(round).toHaveLength(4);
    expect(round.every((request) => request.conditional && request.status === 304)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('imports a new month and revises a republished one, and a subscriber receives exactly the crossings they caused', async () => {
    const stream = await subscribeSse(
      url,
      'subscription { thresholdCrossed(filter: { organisationTypes: [ICB, TRUST] }) { cursor period } }',
      {},
      api.adminKey,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logEnd = (await api.db.prisma.crossing.aggregate({ _max: { sequence: true } }))._max.sequence ?? 0n;
    // NHS England republishes June at the same address with 100 fewer four-hour breaches at RJ1 (and in the total row).
    const [header, ...rows] = month('Monthly-AE-June-2024.csv').split(/\r?\n/);
    const column = header!.split(',').findIndex((name) => name.trim() === 'Attendances over 4hrs Type 1');
    const revise = (line: string) =>
      line
        .split(',')
        .map((cell, index) => (index === column ? String(Number(cell) - 100) : cell))
        .join(',');
    publisher.publish(
      'Monthly-AE-June-2024.csv',
      [
        header,
        ...rows.map((line) =>
          line.startsWith('MSitAE-JUNE-2024,RJ1,') || /^total,/i.test(line) ? revise(line) : line,
        ),
      ].join('\n'),
      { uploaded: '2024/07' },
    );
    // NHS England's names vary from year to year: this is how it named 2025's months.
    publisher.publish('August-2024-CSV-revised.csv', month('Monthly-AE-August-2024.csv'), {
      uploaded: '2024/09',
      linkText: 'Monthly A&E August 2024 revised (CSV, 60KB)',
    });

    const synced = await sync();
    expect(
      synced.filter((file) => file.outcome === 'imported').map((file) => [file.name, file.fetched, file.revised > 0]),
    ).toEqual([
      ['Monthly-AE-June-2024.csv', true, true],
      ['August-2024-CSV-revised.csv', true, false],
    ]);
    const logged = await api.db.prisma.crossing.findMany({
      where: { sequence: { gt: logEnd }, organisation: { type: { in: ['ICB', 'TRUST'] } } },
      orderBy: { sequence: 'asc' },
    });
    expect(logged.length).toBeGreaterThan(0);
    await stream.waitFor(logged.length, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    stream.close();
    expect(stream.events.map((event) => event.thresholdCrossed.cursor)).toEqual(
      logged.map((crossing) => crossing.sequence.toString()),
    );
    // Both copies of June are on record, the revision the later.
    const recorded = await api.db.prisma.publicationFile.findMany({
      where: { name: 'Monthly-AE-June-2024.csv' },
      orderBy: { id: 'asc' },
    });
    expect(recorded.map((file) => [file.location, file.outcome, file.revised > 0])).toEqual([
      [june, 'IMPORTED', false],
      [june, 'IMPORTED', true],
    ]);
  });

  it('writes nothing for a 500, a slow answer, a cut-off body, an HTML page, a truncated file or one without its total row, and tries each again only as it should', async () => {
    const september = publisher.publish('Monthly-AE-September-2024.csv', month('Monthly-AE-September-2024.csv'), {
      uploaded: '2024/10',
      misbehaviour: 'server-error',
    });
    publisher.publish('Monthly-AE-October-2024-revised.csv', month('Monthly-AE-October-2024-revised.csv'), {
      uploaded: '2025/05',
      misbehaviour: 'slow',
    });
    publisher.publish('Monthly-AE-November-2024-revised.csv', month('Monthly-AE-November-2024-revised.csv'), {
      uploaded: '2025/05',
      misbehaviour: 'cut-off',
    });
    const december = publisher.publish('Monthly-AE-December-2024.csv', month('Monthly-AE-December-2024.csv'), {
      uploaded: '2025/01',
      misbehaviour: 'html',
    });
    publisher.publish('Monthly-AE-January-2025.csv', month('Monthly-AE-January-2025.csv').slice(0, 14_000), {
      uploaded: '2025/02',
    });
    const withoutTotal = month('Monthly-AE-February-2025-revised.csv')
      .split(/\r?\n/)
      .filter((line) => !/^total/i.test(line))
      .join('\n');
    publisher.publish('Monthly-AE-February-2025-revised.csv', withoutTotal, { uploaded: '2025/05' });
    // March: one provider's attendances raised by 1,000 while the total row stays as published.
    const [header, ...rows] = month('Monthly-AE-March-2025.csv').split(/\r?\n/);
    const attendances = header!.split(',').findIndex((name) => name.trim() === 'A&E attendances Type 1');
    const raised = rows.map((line) =>
      line.startsWith('MSitAE-MARCH-2025,RJ1,')
        ? line
            .split(',')
            .map((cell, index) => (index === attendances ? String(Number(cell) + 1_000) : cell))
            .join(',')
        : line,
    );
    publisher.publish('Monthly-AE-March-2025.csv', [header, ...raised].join('\n'), { uploaded: '2025/04' });
    publisher.publish('Monthly-AE-April-2025.csv', 'Month,Provider,Attendances\n2025-04,RJ1,12000\n', {
      uploaded: '2025/05',
    });
    const before = await counts();

    const synced = (await sync()).filter((file) => file.outcome !== 'unchanged');
    const outcome = (name: string) => synced.find((file) => file.name === name);
    expect(outcome('Monthly-AE-September-2024.csv')).toMatchObject({
      outcome: 'unavailable',
      reason: expect.stringContaining('answered 500'),
    });
    expect(outcome('Monthly-AE-October-2024-revised.csv')).toMatchObject({
      outcome: 'unavailable',
      reason: expect.stringContaining('no answer within 1.5 s'),
    });
    expect(outcome('Monthly-AE-November-2024-revised.csv')).toMatchObject({
      outcome: 'unavailable',
      reason: expect.stringContaining('cut off'),
    });
    expect(outcome('Monthly-AE-December-2024.csv')).toMatchObject({
      outcome: 'refused',
      fetched: true,
      reason: expect.stringContaining('HTML_IN_PLACE_OF_FILE'),
    });
    expect(outcome('Monthly-AE-January-2025.csv')).toMatchObject({
      outcome: 'refused',
      fetched: true,
      reason: expect.stringContaining('cut short'),
    });
    expect(outcome('Monthly-AE-February-2025-revised.csv')).toMatchObject({
      outcome: 'refused',
      fetched: true,
      reason: expect.stringMatching(/total row/i),
    });
    expect(outcome('Monthly-AE-March-2025.csv')).toMatchObject({
      outcome: 'refused',
      fetched: true,
      reason: expect.stringContaining('TOTAL_MISMATCH'),
    });
    expect(outcome('Monthly-AE-April-2025.csv')).toMatchObject({
      outcome: 'refused',
      fetched: true,
      reason: expect.stringMatching(/column|layout|header/i),
    });
    expect(synced).toHaveLength(8);
    expect(await counts()).toEqual(before);
    // Each passing fault was tried twice (the attempts allowed); the HTML page was not kept as the file.
    expect(publisher.requestsFor(september).filter((request) => request.status === 500)).toHaveLength(2);
    expect(existsSync(path.join(store, PUBLICATIONS.aeMonthly.folder, 'Monthly-AE-December-2024.csv'))).toBe(false);
    expect(
      await api.db.prisma.publicationFile.findFirst({ where: { name: 'Monthly-AE-December-2024.csv' } }),
    ).toMatchObject({ outcome: 'REFUSED', location: december });

    // Next round: the refused files are not downloaded again while the publisher's copies stand (304);
    // the faults that may pass are asked for again.
    const start = roundStart();
    const again = (await sync()).filter((file) => file.outcome !== 'unchanged');
    expect(again.map((file) => [file.name, file.outcome]).sort()).toEqual([
      ['Monthly-AE-November-2024-revised.csv', 'unavailable'],
      ['Monthly-AE-October-2024-revised.csv', 'unavailable'],
      ['Monthly-AE-September-2024.csv', 'unavailable'],
    ]);
    expect(
      publisher.requests
        .slice(start)
        .filter((request) => request.path.includes('December'))
        .map((request) => request.status),
    ).toEqual([304]);

    // The publisher mends its server and replaces the maintenance page: both months arrive and import.
    publisher.behave(september);
    publisher.behave(december);
    const mended = (await sync()).filter((file) => file.outcome === 'imported');
    expect(mended.map((file) => file.name)).toEqual(['Monthly-AE-September-2024.csv', 'Monthly-AE-December-2024.csv']);
    expect((await counts()).measurements).toBeGreaterThan(before.measurements);
  });

  it('refuses a file over the size limit before reading it whole', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'nmg-publications-'));
    try {
      const synced = await sync({ store: elsewhere, limits: { ...access.limits, maxBytes: 10_000 } });
      expect(synced.find((file) => file.name === 'Monthly-AE-June-2024.csv')).toMatchObject({
        outcome: 'unavailable',
        reason: expect.stringContaining('more than the limit of 10000'),
      });
      expect(existsSync(path.join(elsewhere, PUBLICATIONS.aeMonthly.folder, 'Monthly-AE-June-2024.csv'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe("reading the ambulance indicators from NHS England's AQI pages", () => {
  it("follows the index to the financial year's page and its AmbSYS file, imports it, and asks again only conditionally", async () => {
    const aqi = 'https://www.england.nhs.uk/statistics/statistical-work-areas/ambulance-quality-indicators/';
    const year = `${aqi}ambulance-quality-indicators-data-2025-26/`;
    const file = 'https://www.england.nhs.uk/statistics/wp-content/uploads/sites/2/2025/07/AmbSYS-to-Jun-2025.csv';
    publisher.putPage(aqi, 'Ambulance Quality Indicators', [
      { href: `${aqi}ambulance-quality-indicators-data-2019-20/`, text: 'Ambulance Quality Indicators Data 2019-20' },
      { href: year, text: 'Ambulance Quality Indicators Data 2025-26' },
    ]);
    publisher.putPage(year, 'Ambulance Quality Indicators Data 2025-26', [
      { href: file, text: 'AmbSYS Time Series to June 2025 (CSV, 2MB)' },
      {
        href: 'https://www.england.nhs.uk/statistics/wp-content/uploads/sites/2/2025/07/AmbCO-to-Jun-2025.csv',
        text: 'AmbCO Time Series (CSV)',
      },
    ]);
    publisher.put(file, readFileSync(AMBSYS_EXTRACT), 'text/csv');
    const only = [PUBLICATIONS.ambsys];
    const first = await syncPublications(api.db, { mirror: null, publishers: access, now: NOW, only });
    expect(first.map((synced) => [synced.name, synced.outcome, synced.fetched, synced.location])).toEqual([
      ['AmbSYS-to-Jun-2025.csv', 'imported', true, file],
    ]);
    expect(first[0]!.inserted).toBeGreaterThan(1_000);
    // The older year's page is before the months wanted; the other series is not AmbSYS.
    expect(
      publisher.requests.some((request) => request.path.includes('2019-20') || request.path.includes('AmbCO')),
    ).toBe(false);
    const start = roundStart();
    expect(
      (await syncPublications(api.db, { mirror: null, publishers: access, now: NOW, only })).map(
        (synced) => synced.outcome,
      ),
    ).toEqual(['unchanged']);
    expect(publisher.requests.slice(start).every((request) => request.conditional && request.status === 304)).toBe(
      true,
    );
  });
});

describe("reading the cancer waiting times from NHS England's Cancer Waiting Times page", () => {
  it('takes the provider extracts the page itself lists, reads them in the order of the months they cover, and asks again only conditionally', async () => {
    const cwt = 'https://www.england.nhs.uk/statistics/statistical-work-areas/cancer-waiting-times/';
    const uploads = 'https://www.england.nhs.uk/statistics/wp-content/uploads/sites/2/2023/12/';
    const [provisional, october] = cwtProviderImportFiles();
    // Listed newest first, as the page lists them; the commissioner extract and the time series are other publications.
    publisher.putPage(cwt, 'Cancer Waiting Times', [
      { href: `${uploads}${october!.name}`, text: 'CWT CRS Provider Extract Oct 2023 (XLSX, 458KB)' },
      { href: `${uploads}${provisional!.name}`, text: 'CWT CRS Provider Extract Apr-Sep 2023 Provisional (XLSX, 2MB)' },
      {
        href: `${uploads}CWT-CRS-Apr-23-to-Oct-23-Data-Extract-ICB-Sub-Location.xlsx`,
        text: 'CWT CRS ICB Sub-Location Extract (XLSX)',
      },
      {
        href: `${uploads}CWT-CRS-National-Time-Series-Oct-2009-Oct-2023-with-Revisions.xlsx`,
        text: 'National Time Series (XLSX)',
      },
    ]);
    const workbook = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    for (const file of [provisional!, october!])
      publisher.put(`${uploads}${file.name}`, Buffer.from(file.bytes), workbook);
    const only = [PUBLICATIONS.cwtProvider];
    // Months from April 2023 are wanted (the server's default); an extract ending before that would not be fetched.
    const publishers = { ...access, since: '2023-04' };
    const first = await syncPublications(api.db, { mirror: null, publishers, now: NOW, only });
    expect(first.map((synced) => [synced.name, synced.outcome, synced.fetched])).toEqual([
      [provisional!.name, 'imported', true],
      [october!.name, 'imported', true],
    ]);
    expect(publisher.requests.some((request) => /ICB-Sub-Location|National-Time-Series/.test(request.path))).toBe(
      false,
    );
    expect(
      await api.db.prisma.measurement.findFirst({
        where: { period: '2023-10', metric: { code: 'CANCER_FDS' }, organisation: { odsCode: 'X24' } },
        select: { numerator: true, denominator: true },
      }),
    ).toEqual({ numerator: 192880, denominator: 271402 });
    const start = roundStart();
    expect(
      (await syncPublications(api.db, { mirror: null, publishers, now: NOW, only })).map((synced) => synced.outcome),
    ).toEqual(['unchanged', 'unchanged']);
    expect(publisher.requests.slice(start).every((request) => request.conditional && request.status === 304)).toBe(
      true,
    );
  });
});

describe('reading the reference files from ODS and ONS', () => {
  const reference = path.join(MONTHLY_AE_DIR, '..', 'reference');
  const referenceOnly = [PUBLICATIONS.subIcbLocations, PUBLICATIONS.trusts];
  const syncReference = (over: Partial<PublisherAccess> = {}) =>
    syncPublications(api.db, { mirror: null, publishers: { ...access, ...over }, now: NOW, only: referenceOnly });

  it("unzips ODS's trusts and reads ONS's workbook, seeding from them only what differs; a zip that is none, or a lookup without its columns, is refused with nothing written", async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'nmg-publications-'));
    try {
      await publishReferenceFiles(publisher, reference);
      const synced = await syncReference({ store: elsewhere });
      expect(synced.map((file) => [file.name, file.outcome, file.fetched])).toEqual([
        ['LOC22_ICB22_NHSER22_EN_LU.csv', 'imported', true],
        ['etr.csv', 'imported', true],
      ]);
      // The same organisations as the mirror's files gave: nothing to write.
      expect(synced.every((file) => file.inserted === 0 && file.revised === 0)).toBe(true);
      expect(readFileSync(path.join(elsewhere, 'reference', 'etr.csv'))).toEqual(
        readFileSync(path.join(reference, 'etr.csv')),
      );

      const organisations = await api.db.prisma.organisation.count();
      publisher.put(
        'https://files.digital.nhs.uk/assets/ods/current/etr.zip',
        Buffer.from('PK\u0003\u0004 not really a zip'),
        'application/zip',
      );
      const broken = await syncReference({ store: elsewhere });
      expect(broken.find((file) => file.publication === 'ods-etr-2025' && file.outcome !== 'unchanged')).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('UNREADABLE_FILE: not a zip archive'),
      });
      // The copy kept before stays, and is what the seed reads.
      expect(readFileSync(path.join(elsewhere, 'reference', 'etr.csv'))).toEqual(
        readFileSync(path.join(reference, 'etr.csv')),
      );

      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('LOC22_ICB22_NHSER22_EN_LU').addRows([
        ['LOC22CD', 'LOC22CDH', 'LOC22NM'],
        ['E38000240', '93C', 'NHS North Central London ICB - 93C'],
      ]);
      publisher.put(
        'https://www.arcgis.com/sharing/rest/content/items/68981b71bc144e62bf4f11045f5d4ad4/data',
        Buffer.from(await workbook.xlsx.writeBuffer()),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const refused = (await syncReference({ store: elsewhere })).find(
        (file) => file.publication === 'ons-sicbl-icb-nhser-2022',
      );
      expect(refused).toMatchObject({
        outcome: 'refused',
        fetched: true,
        reason: expect.stringContaining(
          'INVALID_FILE: the lookup lacks the columns ICB22CD, ICB22CDH, ICB22NM, NHSER22CD, NHSER22CDH, NHSER22NM',
        ),
      });
      expect(await api.db.prisma.organisation.count()).toBe(organisations);
      expect(readFileSync(path.join(elsewhere, 'reference', 'LOC22_ICB22_NHSER22_EN_LU.csv'), 'utf8')).toContain(
        'NHSER22CDH',
      );
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe("the publishers' pages and files", () => {
  it('name the month of every monthly A&E file, whichever way NHS England spelled it', () => {
    expect(
      [
        'Monthly-AE-June-2024.csv',
        'Monthly-AE-July-2024-revised.csv',
        'April-2025-CSV-revised.csv',
        'Monthly-AE-Nov-25-CSV-revised.csv',
        'February-2026-CSV-Dl8t54.csv',
        'Monthly-AE-October-2025-revised-fly02sk.csv',
        'Monthly-AE-Sept-2024.csv',
      ].map(monthOfAeFile),
    ).toEqual(['2024-06', '2024-07', '2025-04', '2025-11', '2026-02', '2025-10', '2024-09']);
    expect(monthOfAeFile('AE-Attendances-Emergency-Definitions.csv')).toBeNull();
    expect(monthOfAeFile('Mayday-2024.csv')).toBeNull();
  });

  it("name the last month each cancer waiting times extract covers, so that a month's final figures are read after its provisional ones", () => {
    expect(
      [
        'CWT-CRS-Apr-2023-to-Sep-2023-Data-Extract-Provider-Provisional.xlsx',
        'CWT-CRS-Oct-2023-Data-Extract-Provider.xlsx',
        'CWT-CRS-Apr-23-to-Oct-23-Data-Extract-Provider-Final.xlsx',
      ].map(lastMonthOfCwtFile),
    ).toEqual(['2023-09', '2023-10', '2023-10']);
    expect(
      inReadingOrder(PUBLICATIONS.cwtProvider, [
        'CWT-CRS-Oct-2023-Data-Extract-Provider-Final.xlsx',
        'CWT-CRS-Oct-2023-Data-Extract-Provider-Provisional.xlsx',
        'CWT-CRS-Apr-2023-to-Sep-2023-Data-Extract-Provider.xlsx',
      ]),
    ).toEqual([
      'CWT-CRS-Apr-2023-to-Sep-2023-Data-Extract-Provider.xlsx',
      'CWT-CRS-Oct-2023-Data-Extract-Provider-Provisional.xlsx',
      'CWT-CRS-Oct-2023-Data-Extract-Provider-Final.xlsx',
    ]);
  });

  it('give their links resolved against the page, with the text they show', () => {
    const page =
      '<p><a href="/statistics/a.csv">Monthly A&amp;E June 2024 <b>(CSV)</b></a> <a href="https://www.gov.uk/">GOV.UK</a><a name="top">no link</a><a href="http://[bad">broken</a></p>';
    expect(linksOnPage(page, `https://www.england.nhs.uk${INDEX_PATH}`)).toEqual([
      { url: 'https://www.england.nhs.uk/statistics/a.csv', text: 'Monthly A&E June 2024 (CSV)' },
      { url: 'https://www.gov.uk/', text: 'GOV.UK' },
    ]);
  });

  it('are fetched over HTTPS only, through a relay when one is given', async () => {
    await expect(
      fetchFromPublisher('http://www.england.nhs.uk/statistics/', undefined, {
        limits: { timeoutMs: 1_000, attempts: 1, backoffMs: 0, maxBytes: 1_000 },
      }),
    ).rejects.toThrow('not an https:// address');
    expect(addressToFetch('https://www.england.nhs.uk/statistics/a.csv?x=1', 'http://127.0.0.1:9/')).toBe(
      'http://127.0.0.1:9/www.england.nhs.uk/statistics/a.csv?x=1',
    );
    expect(addressToFetch('https://www.england.nhs.uk/a.csv', undefined)).toBe('https://www.england.nhs.uk/a.csv');
  });

  it('are checked whole before a copy replaces the one kept', () => {
    expect(problemWithTrustsExtract('"RJ1","GUY\'S AND ST THOMAS\' NHS FOUNDATION TRUST","Y56"\n')).toBe(
      "row 1 has 3 columns, not the etr layout's 27",
    );
    expect(problemWithTrustsExtract('')).toBe('the extract has no rows');
    expect(
      problemWithTrustsExtract(readFileSync(path.join(MONTHLY_AE_DIR, '..', 'reference', 'etr.csv'), 'utf8')),
    ).toBeNull();
    expect(
      problemWithSubIcbLookup('LOC22CD,LOC22CDH,LOC22NM,ICB22CD,ICB22CDH,ICB22NM,NHSER22CD,NHSER22CDH,NHSER22NM\n'),
    ).toBe('the lookup has no rows');
    expect(
      problemWithSubIcbLookup(readFileSync(path.join(MONTHLY_AE_DIR, '..', 'reference', 'SICBL_ICB_ISDN.csv'), 'utf8')),
    ).toBeNull();
  });

  it('tell an HTML page from a data file by its type or its first bytes', () => {
    expect(looksLikeHtml(Buffer.from('Period,Org Code\n'), 'text/html; charset=UTF-8')).toBe(true);
    expect(looksLikeHtml(Buffer.from('\uFEFF  <!DOCTYPE html><html>'), 'text/csv')).toBe(true);
    expect(looksLikeHtml(Buffer.from('Period,Org Code\n'), 'text/csv')).toBe(false);
  });
});
