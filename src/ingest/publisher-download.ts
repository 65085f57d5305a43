import { Parser } from 'htmlparser2';

/**
 * Fetching the publishers' pages and files over HTTPS, as a careful client does: every request has
 * a deadline, a failure that may pass (no answer, a 5xx, a 429, a cut-off body) is tried again
 * after a growing pause, a body larger than the limit is refused before it fills memory, and a
 * file fetched before is asked for conditionally (ETag, Last-Modified), so an unchanged file is
 * never downloaded again.
 */
export interface DownloadLimits {
  /** The whole of one attempt, headers and body. */
  timeoutMs: number;
  attempts: number;
  /** The pause before the second attempt; it doubles after each. */
  backoffMs: number;
  maxBytes: number;
}

export const DEFAULT_DOWNLOAD_LIMITS: DownloadLimits = {
  timeoutMs: 60_000,
  attempts: 3,
  backoffMs: 2_000,
  maxBytes: 100 * 1024 * 1024,
};

/** A publisher asks for no longer pause than this, whatever its Retry-After says. */
const LONGEST_PAUSE_MS = 60_000;

/** What identifies the copy fetched last time, for a conditional request. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type Fetched =
  { status: 'unchanged' } | { status: 'fetched'; bytes: Buffer; contentType: string; validators: Validators };

export interface FetchOptions {
  limits: DownloadLimits;
  /**
   * Fetch through this origin instead, the publisher's host as the first path segment
   * (http://relay/www.england.nhs.uk/statistics/…): a caching relay, or a test's stand-in.
   */
  via?: string | undefined;
  /** Bytes received so far, and the whole when the publisher said it. */
  onProgress?: ((received: number, total: number | null) => void) | undefined;
}

/** A page or file that could not be had this time, after every attempt. */
export class DownloadError extends Error {
  override name = 'DownloadError';
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}

/** An answer worth asking again for: the publisher or the network may recover. */
class PassingFault extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** Where a publisher's address is fetched from: itself, or the relay. */
export function addressToFetch(url: string, via: string | undefined): string {
  if (!via) return url;
  const address = new URL(url);
  return `${via.replace(/\/+$/, '')}/${address.host}${address.pathname}${address.search}`;
}

/** Fetches a publisher's page or file; 'unchanged' when the known copy is still current. */
export async function fetchFromPublisher(
  url: string,
  known: Validators | undefined,
  options: FetchOptions,
): Promise<Fetched> {
  if (new URL(url).protocol !== 'https:')
    throw new DownloadError(`${url} is not an https:// address: publishers' files are fetched over HTTPS only`, url);
  const { limits } = options;
  let lastFault = '';
  for (let attempt = 1; attempt <= limits.attempts; attempt += 1) {
    try {
      return await attemptFetch(url, known, options);
    } catch (error) {
      if (!(error instanceof PassingFault)) throw error;
      lastFault = error.message;
      if (attempt === limits.attempts) break;
      const pause = Math.min(error.retryAfterMs ?? limits.backoffMs * 2 ** (attempt - 1), LONGEST_PAUSE_MS);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  throw new DownloadError(`${url} could not be fetched after ${limits.attempts} attempts: ${lastFault}`, url);
}

async function attemptFetch(
  url: string,
  known: Validators | undefined,
  { limits, via, onProgress }: FetchOptions,
): Promise<Fetched> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.timeoutMs);
  try {
    const headers: Record<string, string> = { 'user-agent': 'nhs-mandate-graph (publication watcher)' };
    if (known?.etag) headers['if-none-match'] = known.etag;
    if (known?.lastModified) headers['if-modified-since'] = known.lastModified;
    let response: Response;
    try {
      response = await fetch(addressToFetch(url, via), { headers, signal: deadline.signal, redirect: 'follow' });
    } catch (error) {
      throw new PassingFault(
        deadline.signal.aborted ? `no answer within ${limits.timeoutMs / 1000} s` : describeNetworkFault(error),
      );
    }
    if (!via && new URL(response.url).protocol !== 'https:')
      throw new DownloadError(`${url} redirected to ${response.url}, which is not HTTPS`, url);
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'unchanged' };
    }
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      await response.body?.cancel();
      throw new PassingFault(
        `the publisher answered ${response.status} ${response.statusText}`.trim(),
        retryAfter(response.headers.get('retry-after')),
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new DownloadError(`${url}: the publisher answered ${response.status} ${response.statusText}`.trim(), url);
    }
    const declared = response.headers.get('content-length');
    const total = declared === null ? null : Number(declared);
    if (total !== null && total > limits.maxBytes) {
      await response.body?.cancel();
      throw new DownloadError(`${url} is ${total} bytes, more than the limit of ${limits.maxBytes}`, url);
    }
    const bytes = await readBody(response, url, limits, total, deadline.signal, onProgress);
    const validators: Validators = {};
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (etag) validators.etag = etag;
    if (lastModified) validators.lastModified = lastModified;
    return { status: 'fetched', bytes, contentType: response.headers.get('content-type') ?? '', validators };
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(
  response: Response,
  url: string,
  limits: DownloadLimits,
  total: number | null,
  deadline: AbortSignal,
  onProgress: FetchOptions['onProgress'],
): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limits.maxBytes) {
        await reader.cancel();
        throw new DownloadError(`${url} is more than the limit of ${limits.maxBytes} bytes`, url);
      }
      chunks.push(value);
      onProgress?.(received, total);
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    throw new PassingFault(
      deadline.aborted
        ? `the file did not arrive within ${limits.timeoutMs / 1000} s (${received} bytes came)`
        : `the answer was cut off after ${received}${total === null ? '' : ` of ${total}`} bytes`,
    );
  }
  if (total !== null && received !== total)
    throw new PassingFault(`the answer was cut off after ${received} of ${total} bytes`);
  return Buffer.concat(chunks);
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function describeNetworkFault(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code
    ? `${cause.code}${cause.message ? ` (${cause.message})` : ''}`
    : String((error as Error).message ?? error);
}

/** A link on a publisher's page: where it goes (absolute) and what it says. */
export interface PageLink {
  url: string;
  text: string;
}

/** The links of an HTML page, resolved against the page's own address; links that are not addresses are left out. */
export function linksOnPage(html: string, pageUrl: string): PageLink[] {
  const links: PageLink[] = [];
  let open: { href: string; text: string } | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'a' && attributes.href) open = { href: attributes.href, text: '' };
      },
      ontext(text) {
        if (open) open.text += text;
      },
      onclosetag(name) {
        if (name !== 'a' || !open) return;
        try {
          links.push({ url: new URL(open.href, pageUrl).toString(), text: open.text.replace(/\s+/g, ' ').trim() });
        } catch {
          // An href that is no address (a typo on the page) leads nowhere.
        }
        open = null;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return links;
}

/** A publisher's error or login page served where a data file should be. */
export function looksLikeHtml(bytes: Buffer, contentType: string): boolean {
  if (/\btext\/html\b/i.test(contentType)) return true;
  const start = bytes
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return (
    start.startsWith('<!doctype html') ||
    start.startsWith('<html') ||
    start.startsWith('<head') ||
    start.startsWith('<body')
  );
}
