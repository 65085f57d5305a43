import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fetchFromPublisher, DownloadError, linksOnPage, looksLikeHtml, type DownloadLimits, type PageLink } from './publisher-download.js';
import { fileNameOf, type Publication } from './publication.js';
import { filesInMirror, inReadingOrder } from './publications.js';

/**
 * The copies of the publishers' files that the server downloaded, kept under its data directory in
 * the mirror's layout (one folder per publication, the publisher's file names), with an index of
 * what each address gave last time: its validators for conditional requests, and for a file its
 * SHA-256, size and retrieval time.
 */
const validatorsSchema = z.object({ etag: z.string().optional(), lastModified: z.string().optional() });
const indexSchema = z.object({
  pages: z.record(z.string(), z.object({ validators: validatorsSchema, links: z.array(z.object({ url: z.string(), text: z.string() })) })),
  files: z.record(
    z.string(),
    z.object({
      publication: z.string(),
      name: z.string(),
      validators: validatorsSchema,
      sha256: z.string(),
      bytes: z.number(),
      retrievedAt: z.string(),
      /** Set when what came was not the file (an HTML page): nothing was kept. */
      refused: z.string().optional(),
    }),
  ),
});
type CopiesIndex = z.infer<typeof indexSchema>;

const INDEX_FILE = 'index.json';

/** A file of a publication, ready to be read: where it lies and where it came from. */
export interface ObtainedFile {
  name: string;
  path: string;
  /** The publisher's address, or mirror:<folder>/<name>. */
  location: string;
}

/** Bytes that came in place of a file and were not kept (an HTML page where a CSV should be). */
export interface RefusedOnArrival {
  name: string;
  location: string;
  sha256: string;
  bytes: number;
  reason: string;
}

/** What reading a publication gave this time. */
export interface Obtained {
  /** Every file of the publication at hand, in reading order. */
  files: ObtainedFile[];
  /** Addresses downloaded this time (new or changed at the publisher). */
  fetched: { name: string; location: string; bytes: number }[];
  refused: RefusedOnArrival[];
  /** Pages and files that could not be had this time; they are asked for again next time. */
  unavailable: { location: string; reason: string }[];
}

/** A publication's files in the mirror folder. */
export function obtainFromMirror(mirror: string, publication: Publication): Obtained {
  const files = filesInMirror(mirror, publication).map((file) => ({ name: path.basename(file), path: file, location: `mirror:${publication.folder}/${path.basename(file)}` }));
  return { files, fetched: [], refused: [], unavailable: [] };
}

export interface PublisherAccess {
  /** Where the downloaded copies are kept. */
  store: string;
  limits: DownloadLimits;
  via?: string | undefined;
  /** The first month wanted (YYYY-MM): earlier files of monthly publications are not fetched. */
  since: string;
  /** A file's download progress, for a progress bar. */
  onProgress?: ((name: string, received: number, total: number | null) => void) | undefined;
}

/**
 * Reads a publication from its publisher: the index page, the listing pages it links to for the
 * months wanted, and every file they list that is new or changed since last time (asked for
 * conditionally, so an unchanged file costs one small answer). A page or file that cannot be had
 * is reported and asked for again next time; the copies already kept still count.
 */
export async function obtainFromPublisher(publication: Publication, access: PublisherAccess, now: Date): Promise<Obtained> {
  const listing = publication.download;
  if (!listing) return { files: [], fetched: [], refused: [], unavailable: [] };
  const index = readIndex(access.store);
  const obtained: Obtained = { files: [], fetched: [], refused: [], unavailable: [] };
  const onPublisherHost = (url: string) => {
    const address = new URL(url);
    return address.protocol === 'https:' && listing.hosts.includes(address.host);
  };

  const pageLinks = async (url: string): Promise<PageLink[]> => {
    const known = index.pages[url];
    try {
      const fetched = await fetchFromPublisher(url, known?.validators, { limits: access.limits, via: access.via });
      if (fetched.status === 'unchanged' && known) return known.links;
      if (fetched.status === 'unchanged') return [];
      const links = linksOnPage(fetched.bytes.toString('utf8'), url);
      index.pages[url] = { validators: fetched.validators, links };
      writeIndex(access.store, index);
      return links;
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      obtained.unavailable.push({ location: url, reason: error.message });
      return known?.links ?? [];
    }
  };

  const listingPages = (await pageLinks(listing.index)).filter(({ url }) => onPublisherHost(url) && (listing.listingPage(url)?.lastMonth ?? '') >= access.since);
  const fileUrls = new Set<string>();
  for (const page of unique(listingPages.map(({ url }) => url))) {
    for (const link of await pageLinks(page)) {
      const name = fileNameOf(link.url);
      if (!onPublisherHost(link.url) || !listing.isFile(link.url, link.text)) continue;
      if ((publication.monthOf?.(name) ?? access.since) < access.since) continue;
      fileUrls.add(link.url);
    }
  }

  const folder = path.join(access.store, publication.folder);
  for (const url of fileUrls) {
    const name = fileNameOf(url);
    const known = index.files[url];
    const kept = known && (known.refused !== undefined || existsSync(path.join(folder, known.name)));
    try {
      const fetched = await fetchFromPublisher(url, kept ? known.validators : undefined, {
        limits: access.limits,
        via: access.via,
        onProgress: access.onProgress && ((received, total) => access.onProgress?.(name, received, total)),
      });
      if (fetched.status === 'unchanged') continue;
      const sha256 = createHash('sha256').update(fetched.bytes).digest('hex');
      const record = { publication: publication.key, name, validators: fetched.validators, sha256, bytes: fetched.bytes.length, retrievedAt: now.toISOString() };
      if (looksLikeHtml(fetched.bytes, fetched.contentType)) {
        const reason = `HTML_IN_PLACE_OF_FILE: the publisher served an HTML page (${fetched.contentType || 'no content type'}) where the file should be; nothing was kept`;
        obtained.refused.push({ name, location: url, sha256, bytes: fetched.bytes.length, reason });
        index.files[url] = { ...record, refused: reason };
      } else {
        mkdirSync(folder, { recursive: true });
        const partial = path.join(folder, `.${name}.partial`);
        writeFileSync(partial, fetched.bytes);
        renameSync(partial, path.join(folder, name));
        obtained.fetched.push({ name, location: url, bytes: fetched.bytes.length });
        index.files[url] = record;
      }
      writeIndex(access.store, index);
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      obtained.unavailable.push({ location: url, reason: error.message });
    }
  }

  obtained.files = keptFiles(access.store, publication, index);
  return obtained;
}

/** The kept copies of a publication, each under the address it last came from, in reading order. */
function keptFiles(store: string, publication: Publication, index: CopiesIndex): ObtainedFile[] {
  const folder = path.join(store, publication.folder);
  const latest = new Map<string, { location: string; retrievedAt: string }>();
  for (const [url, file] of Object.entries(index.files)) {
    if (file.publication !== publication.key || file.refused !== undefined || !existsSync(path.join(folder, file.name))) continue;
    const seen = latest.get(file.name);
    if (!seen || seen.retrievedAt <= file.retrievedAt) latest.set(file.name, { location: url, retrievedAt: file.retrievedAt });
  }
  return inReadingOrder(publication, [...latest.keys()]).map((name) => ({ name, path: path.join(folder, name), location: latest.get(name)!.location }));
}

function readIndex(store: string): CopiesIndex {
  const file = path.join(store, INDEX_FILE);
  if (!existsSync(file)) return { pages: {}, files: {} };
  try {
    return indexSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // A damaged index costs one full download of each file, nothing more.
    return { pages: {}, files: {} };
  }
}

function writeIndex(store: string, index: CopiesIndex): void {
  mkdirSync(store, { recursive: true });
  const partial = path.join(store, `.${INDEX_FILE}.partial`);
  writeFileSync(partial, `${JSON.stringify(index, null, 1)}\n`);
  renameSync(partial, path.join(store, INDEX_FILE));
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
