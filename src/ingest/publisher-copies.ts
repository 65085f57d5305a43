import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  fetchFromPublisher,
  DownloadError,
  linksOnPage,
  looksLikeHtml,
  type DownloadLimits,
  type PageLink,
} from './publisher-download.js';
import { fileNameOf, type Publication, type PublisherListing } from './publication.js';
import { filesInMirror, inReadingOrder } from './publications.js';
import { unpack, UnreadableFile, type Unpacking } from './unpack.js';

/**
 * The copies of the publishers' files that the server downloaded, kept under its data directory in
 * the mirror's layout (one folder per publication, the publisher's file names), with an index of
 * what each address gave last time: its validators for conditional requests, and for a file its
 * SHA-256, size and retrieval time.
 */
const validatorsSchema = z.object({ etag: z.string().optional(), lastModified: z.string().optional() });
const indexSchema = z.object({
  pages: z.record(
    z.string(),
    z.object({ validators: validatorsSchema, links: z.array(z.object({ url: z.string(), text: z.string() })) }),
  ),
  files: z.record(
    z.string(),
    z.object({
      publication: z.string(),
      name: z.string(),
      validators: validatorsSchema,
      sha256: z.string(),
      bytes: z.number(),
      retrievedAt: z.string(),
    }),
  ),
  /** What came in place of a file and was not kept (an HTML page): asked for with its validators, so it is not fetched again while it stands. */
  refused: z
    .record(
      z.string(),
      z.object({
        validators: validatorsSchema,
        sha256: z.string(),
        bytes: z.number(),
        retrievedAt: z.string(),
        reason: z.string(),
      }),
    )
    .default({}),
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
  const files = filesInMirror(mirror, publication).map((file) => ({
    name: path.basename(file),
    path: file,
    location: `mirror:${publication.folder}/${path.basename(file)}`,
  }));
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
export async function obtainFromPublisher(
  publication: Publication,
  access: PublisherAccess,
  now: Date,
): Promise<Obtained> {
  const obtained: Obtained = { files: [], fetched: [], refused: [], unavailable: [] };
  const offer = publication.download;
  if (!offer) return obtained;
  const index = readIndex(access.store);
  const wanted =
    offer.kind === 'listing'
      ? (await listedFiles(publication, offer, access, index, obtained)).map((url) => ({
          url,
          name: fileNameOf(url),
          unpacking: AS_PUBLISHED,
        }))
      : [{ url: offer.url, name: offer.keptAs, unpacking: offer.unpacking }];
  for (const file of wanted) await fetchFile(publication, file, access, index, obtained, now);
  obtained.files = keptFiles(access.store, publication, index);
  return obtained;
}

const AS_PUBLISHED: Unpacking = { kind: 'as-is' };

/** The addresses of the publication's files that the listing pages give, for the months wanted. */
async function listedFiles(
  publication: Publication,
  listing: PublisherListing,
  access: PublisherAccess,
  index: CopiesIndex,
  obtained: Obtained,
): Promise<string[]> {
  const onPublisherHost = (url: string) => {
    const address = new URL(url);
    return address.protocol === 'https:' && listing.hosts.includes(address.host);
  };
  const pageLinks = async (url: string): Promise<PageLink[]> => {
    const known = index.pages[url];
    try {
      const fetched = await fetchFromPublisher(url, known?.validators, { limits: access.limits, via: access.via });
      if (fetched.status === 'unchanged') return known?.links ?? [];
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
  const { listingPage } = listing;
  const listingPages = listingPage
    ? (await pageLinks(listing.index))
        .filter(({ url }) => onPublisherHost(url) && (listingPage(url)?.lastMonth ?? '') >= access.since)
        .map(({ url }) => url)
    : [listing.index];
  const fileUrls = new Set<string>();
  for (const page of new Set(listingPages)) {
    for (const link of await pageLinks(page)) {
      if (!onPublisherHost(link.url) || !listing.isFile(link.url, link.text)) continue;
      if ((publication.monthOf?.(fileNameOf(link.url)) ?? access.since) < access.since) continue;
      fileUrls.add(link.url);
    }
  }
  return [...fileUrls];
}

/**
 * Fetches one file if the publisher's copy is new or changed, and keeps it under its name; an HTML
 * page in its place, bytes that do not unpack, or a file that fails the publication's own check
 * are refused and remembered (so they are not fetched again until the publisher's copy changes),
 * and the copy kept before stays.
 */
async function fetchFile(
  publication: Publication,
  file: { url: string; name: string; unpacking: Unpacking },
  access: PublisherAccess,
  index: CopiesIndex,
  obtained: Obtained,
  now: Date,
): Promise<void> {
  const { url, name } = file;
  const folder = path.join(access.store, publication.folder);
  const known = index.files[url];
  const kept = known && existsSync(path.join(folder, known.name)) ? known.validators : undefined;
  try {
    const fetched = await fetchFromPublisher(url, index.refused[url]?.validators ?? kept, {
      limits: access.limits,
      via: access.via,
      onProgress: access.onProgress && ((received, total) => access.onProgress?.(name, received, total)),
    });
    if (fetched.status === 'unchanged') return;
    const refuse = (reason: string) => {
      const sha256 = createHash('sha256').update(fetched.bytes).digest('hex');
      obtained.refused.push({ name, location: url, sha256, bytes: fetched.bytes.length, reason });
      index.refused[url] = {
        validators: fetched.validators,
        sha256,
        bytes: fetched.bytes.length,
        retrievedAt: now.toISOString(),
        reason,
      };
    };
    if (looksLikeHtml(fetched.bytes, fetched.contentType)) {
      refuse(
        `HTML_IN_PLACE_OF_FILE: the publisher served an HTML page (${fetched.contentType || 'no content type'}) where the file should be; nothing was kept`,
      );
    } else {
      let bytes: Buffer | null = null;
      try {
        bytes = await unpack(fetched.bytes, file.unpacking);
      } catch (error) {
        if (!(error instanceof UnreadableFile)) throw error;
        refuse(`UNREADABLE_FILE: ${error.message}; nothing was kept`);
      }
      const problem = bytes && publication.check?.(bytes.toString('utf8'));
      if (bytes && problem) {
        refuse(`INVALID_FILE: ${problem}; nothing was kept`);
      } else if (bytes) {
        mkdirSync(folder, { recursive: true });
        const partial = path.join(folder, `.${name}.partial`);
        writeFileSync(partial, bytes);
        renameSync(partial, path.join(folder, name));
        obtained.fetched.push({ name, location: url, bytes: bytes.length });
        index.files[url] = {
          publication: publication.key,
          name,
          validators: fetched.validators,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          bytes: bytes.length,
          retrievedAt: now.toISOString(),
        };
        delete index.refused[url];
      }
    }
    writeIndex(access.store, index);
  } catch (error) {
    if (!(error instanceof DownloadError)) throw error;
    obtained.unavailable.push({ location: url, reason: error.message });
  }
}

/** The kept copies of a publication, each under the address it last came from, in reading order. */
function keptFiles(store: string, publication: Publication, index: CopiesIndex): ObtainedFile[] {
  const folder = path.join(store, publication.folder);
  const latest = new Map<string, { location: string; retrievedAt: string }>();
  for (const [url, file] of Object.entries(index.files)) {
    if (file.publication !== publication.key || !existsSync(path.join(folder, file.name))) continue;
    const seen = latest.get(file.name);
    if (!seen || seen.retrievedAt <= file.retrievedAt)
      latest.set(file.name, { location: url, retrievedAt: file.retrievedAt });
  }
  return inReadingOrder(publication, [...latest.keys()]).map((name) => ({
    name,
    path: path.join(folder, name),
    location: latest.get(name)!.location,
  }));
}

function readIndex(store: string): CopiesIndex {
  const file = path.join(store, INDEX_FILE);
  if (!existsSync(file)) return { pages: {}, files: {}, refused: {} };
  try {
    return indexSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // A damaged index costs one full download of each file, nothing more.
    return { pages: {}, files: {}, refused: {} };
  }
}

function writeIndex(store: string, index: CopiesIndex): void {
  mkdirSync(store, { recursive: true });
  const partial = path.join(store, `.${INDEX_FILE}.partial`);
  writeFileSync(partial, `${JSON.stringify(index, null, 1)}\n`);
  renameSync(partial, path.join(store, INDEX_FILE));
}
