import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { parseCsv } from '../../src/ingest/csv.js';

/**
 * A stand-in for NHS England's statistics pages, served the way the publisher serves them: an
 * index page linking to one page per financial year, each listing the month files under
 * wp-content/uploads, every answer with an ETag and Last-Modified and a 304 for a conditional
 * request that still holds. A file can be made to misbehave: a 500, an answer slower than any
 * deadline, a body cut off mid-transfer, an HTML page in its place.
 */
export type Misbehaviour = 'server-error' | 'slow' | 'cut-off' | 'html';

export interface Request {
  path: string;
  conditional: boolean;
  status: number;
}

const HOST = 'www.england.nhs.uk';
export const INDEX_PATH = '/statistics/statistical-work-areas/ae-waiting-times-and-activity/';
const yearPagePath = (startYear: number) =>
  `${INDEX_PATH}ae-attendances-and-emergency-admissions-${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}/`;

interface Resource {
  body: Buffer;
  contentType: string;
  modified: Date;
  misbehaviour?: Misbehaviour;
}

export async function startPublisherStandIn() {
  const resources = new Map<string, Resource>();
  const yearFiles = new Map<number, { path: string; text: string }[]>();
  const requests: Request[] = [];
  let clock = Date.parse('2025-01-01T09:30:00Z');
  const nextModified = () => new Date((clock += 60_000));

  const put = (path: string, body: Buffer | string, contentType: string, misbehaviour?: Misbehaviour, host = HOST) => {
    resources.set(`${host}${path}`, {
      body: Buffer.from(body),
      contentType,
      modified: nextModified(),
      ...(misbehaviour ? { misbehaviour } : {}),
    });
  };
  const page = (title: string, links: { href: string; text: string }[]) =>
    `<!DOCTYPE html><html><head><title>${title} - NHS England</title></head><body><main><h1>${title}</h1>\n${links
      .map((link) => `<p><a href="${link.href}">${link.text.replace(/&/g, '&amp;')}</a></p>`)
      .join(
        '\n',
      )}\n<p><a href="https://www.gov.uk/">GOV.UK</a> <a href="#top">Back to top</a></p></main></body></html>`;
  const renderPages = () => {
    const years = [...yearFiles.keys()].sort();
    put(
      INDEX_PATH,
      page('A&amp;E Attendances and Emergency Admissions', [
        // An old year, before the months wanted: its page is never asked for.
        {
          href: `https://${HOST}${INDEX_PATH}statistical-work-areasae-waiting-times-and-activityae-attendances-and-emergency-admissions-2016-17/`,
          text: 'A&E Attendances and Emergency Admissions 2016-17',
        },
        ...years.map((year) => ({
          href: `https://${HOST}${yearPagePath(year)}`,
          text: `A&E Attendances and Emergency Admissions ${year}-${String((year + 1) % 100).padStart(2, '0')}`,
        })),
      ]),
      'text/html; charset=UTF-8',
    );
    for (const year of years) {
      put(
        yearPagePath(year),
        page(`A&amp;E Attendances and Emergency Admissions ${year}-${(year + 1) % 100}`, [
          ...yearFiles.get(year)!.map((file) => ({ href: `https://${HOST}${file.path}`, text: file.text })),
          {
            href: `https://${HOST}/statistics/wp-content/uploads/sites/2/2025/07/Monthly-AE-Timeseries-June-2025.xls`,
            text: 'A&E Time Series (XLS, 700KB)',
          },
          {
            href: `/statistics/wp-content/uploads/sites/2/2025/07/AE-Attendances-Emergency-Definitions.pdf`,
            text: 'Definitions (PDF)',
          },
        ]),
        'text/html; charset=UTF-8',
      );
    }
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    // The publisher's host is the first path segment (PUBLISHERS_VIA).
    const [, host = '', ...rest] = (request.url ?? '').split('/');
    const path = `/${rest.join('/')}`;
    const resource = resources.get(`${host}${path}`);
    const conditional =
      request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined;
    const answer = (status: number) => requests.push({ path, conditional, status });
    if (!resource) {
      answer(404);
      response.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Page not found</body></html>');
      return;
    }
    if (resource.misbehaviour === 'server-error') {
      answer(500);
      response.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
      return;
    }
    if (resource.misbehaviour === 'slow') {
      answer(0);
      // Never answers within any deadline the tests give; the connection is dropped at close.
      return;
    }
    // A maintenance page in the file's place, as a misconfigured server answers: HTML, with its own ETag.
    const served =
      resource.misbehaviour === 'html'
        ? {
            body: Buffer.from(page('Sorry, this page is temporarily unavailable', [])),
            contentType: 'text/html; charset=UTF-8',
          }
        : resource;
    const etag = `"${createHash('sha1').update(served.body).digest('hex').slice(0, 16)}"`;
    const headers = { etag, 'last-modified': resource.modified.toUTCString(), 'content-type': served.contentType };
    if (request.headers['if-none-match'] === etag) {
      answer(304);
      response.writeHead(304, headers).end();
      return;
    }
    answer(200);
    if (resource.misbehaviour === 'cut-off') {
      response.writeHead(200, { ...headers, 'content-length': String(resource.body.length) });
      response.write(resource.body.subarray(0, Math.floor(resource.body.length / 2)), () => response.socket?.destroy());
      return;
    }
    response.writeHead(200, { ...headers, 'content-length': String(served.body.length) }).end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    /** The origin to fetch the publisher through (PUBLISHERS_VIA). */
    via: `http://127.0.0.1:${port}`,
    requests,
    /** Puts a month file up (or replaces it: same address, new bytes), listed on its financial year's page. */
    publish(
      name: string,
      body: Buffer | string,
      { uploaded, linkText, misbehaviour }: { uploaded: string; linkText?: string; misbehaviour?: Misbehaviour },
    ) {
      const path = `/statistics/wp-content/uploads/sites/2/${uploaded}/${name}`;
      const [, month, year] = /([A-Z][a-z]+)-(\d{4})/.exec(name) ?? [];
      const startYear = ['January', 'February', 'March'].includes(month ?? '') ? Number(year) - 1 : Number(year);
      const files = yearFiles.get(startYear) ?? [];
      if (!files.some((file) => file.path === path))
        files.push({
          path,
          text: linkText ?? `Monthly A&E ${month} ${year} (CSV, ${Math.round(Buffer.byteLength(body) / 1024)}KB)`,
        });
      yearFiles.set(startYear, files);
      put(path, body, 'text/csv', misbehaviour);
      renderPages();
      return `https://${HOST}${path}`;
    },
    /** Puts an HTML page up at any publisher's address, with these links. */
    putPage(url: string, title: string, links: { href: string; text: string }[]) {
      const address = new URL(url);
      put(address.pathname, page(title, links), 'text/html; charset=UTF-8', undefined, address.host);
    },
    /** Puts a file up at any publisher's address (ODS's zip, ONS's workbook). */
    put(url: string, body: Buffer, contentType: string) {
      const address = new URL(url);
      put(address.pathname, body, contentType, undefined, address.host);
    },
    /** Makes a published file behave again (or misbehave another way). */
    behave(url: string, misbehaviour?: Misbehaviour) {
      const address = new URL(url);
      const resource = resources.get(`${address.host}${address.pathname}`)!;
      if (misbehaviour) resource.misbehaviour = misbehaviour;
      else delete resource.misbehaviour;
    },
    /** The requests made for one address. */
    requestsFor(url: string) {
      const path = new URL(url).pathname;
      return requests.filter((request) => request.path === path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type PublisherStandIn = Awaited<ReturnType<typeof startPublisherStandIn>>;

const ODS_TRUSTS = 'https://files.digital.nhs.uk/assets/ods/current/etr.zip';
const ONS_SUB_ICB_LOOKUP = 'https://www.arcgis.com/sharing/rest/content/items/68981b71bc144e62bf4f11045f5d4ad4/data';

/**
 * Puts the reference files up as their publishers serve them, made from the mirror's copies when
 * the test runs (never kept): ODS's trusts zipped as etr.zip, ONS's lookup as a workbook with
 * ONS's own columns (the mirror's copy has one more, ISDN).
 */
export async function publishReferenceFiles(publisher: PublisherStandIn, reference: string): Promise<void> {
  publisher.put(
    ODS_TRUSTS,
    Buffer.from(
      zipSync({
        'etr.csv': new Uint8Array(readFileSync(join(reference, 'etr.csv'))),
        'etr.pdf': new Uint8Array([37, 80, 68, 70]),
      }),
    ),
    'application/x-zip-compressed',
  );
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('LOC22_ICB22_NHSER22_EN_LU');
  for (const row of parseCsv(readFileSync(join(reference, 'SICBL_ICB_ISDN.csv'), 'utf8')))
    sheet.addRow(row.slice(0, 9));
  publisher.put(
    ONS_SUB_ICB_LOOKUP,
    Buffer.from(await workbook.xlsx.writeBuffer()),
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
}
