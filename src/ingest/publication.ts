import type { ReleaseCadence } from '../domain/release.js';
import type { Unpacking } from './unpack.js';

/**
 * What the server knows of a publication: who publishes it, where, how its files are named, the
 * folder a local mirror keeps them in (the publishers' own layout, as `../shared/data` has it), and
 * how the publisher lists them for download. The files are the publishers', never the project's.
 * Each publication is described in a module beside its parser; `publications.ts` is the catalogue.
 */
export interface Publication {
  /** The `Source` key its facts are recorded against. */
  key: string;
  title: string;
  publisher: string;
  /** The publisher's page that lists the files. */
  page: string;
  licence: string;
  /** The mirror's folder for it. */
  folder: string;
  /** The names of its files in that folder. */
  files: RegExp;
  /** The month a file covers, from its name, for publications released month by month: files are read in month order. */
  monthOf?: (name: string) => string | null;
  /** When its months are released (NHS England's statistical calendar), for those with `monthOf`: a release not there a day after it was due is news. */
  release?: ReleaseCadence;
  /** How the publisher offers the files; absent where no address can be relied on, and a mirror is the only way. */
  download?: PublisherListing | PublisherFile;
  /** Why there is no download, when there is none. */
  mirrorOnly?: string;
  /** Checks a downloaded copy before it replaces the one kept: why it is refused, or null. */
  check?: (text: string) => string | null;
}

/**
 * A publication offered as links on the publisher's pages: an index page that links to the pages
 * listing the files (NHS England keeps one page per financial year), and which of their links are
 * the publication's files.
 */
export interface PublisherListing {
  kind: 'listing';
  index: string;
  /** The hosts its pages and files may be on; links elsewhere are not followed. */
  hosts: readonly string[];
  /**
   * Whether a link on the index page is a page listing files, and the last month it can list (to
   * skip years before the ones wanted); absent where the index page lists the files itself.
   */
  listingPage?: (url: string) => { lastMonth: string } | null;
  /** Whether a link on a listing page is one of the publication's files. */
  isFile: (url: string, text: string) => boolean;
}

/**
 * A publication offered as one file at a fixed address, kept in the mirror's layout under its
 * mirror name (ODS zips its extract; ONS's lookup is a workbook, kept as the CSV of its sheet).
 */
export interface PublisherFile {
  kind: 'file';
  url: string;
  hosts: readonly string[];
  keptAs: string;
  unpacking: Unpacking;
}

/**
 * NHS England's pages per financial year ("…/<slug>-2024-25/"): whether a link is one, and the last
 * month it can list (March of the year's end).
 */
export function financialYearPage(slug: string): PublisherListing['listingPage'] {
  const pattern = new RegExp(`/${slug}-(\\d{4})-\\d{2}/?$`);
  return (url) => {
    const [, startYear] = pattern.exec(new URL(url).pathname) ?? [];
    return startYear ? { lastMonth: `${Number(startYear) + 1}-03` } : null;
  };
}

/** The file name at the end of an address. */
export function fileNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_IN_NAME =
  /(?:^|[-_ ])(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[-_ ]?(\d{4}|\d{2})(?=$|[-_ .])/gi;

/**
 * The months a publisher's file name gives, in the order written (YYYY-MM): "June-2024",
 * "Nov-25" and "Apr-2023-to-Sep-2023" as NHS England writes them.
 */
export function monthsNamed(name: string): string[] {
  return [...name.matchAll(MONTH_IN_NAME)].map(([, month, year]) => {
    const index = MONTHS.indexOf(month!.slice(0, 3).toLowerCase());
    return `${year!.length === 2 ? `20${year}` : year}-${String(index + 1).padStart(2, '0')}`;
  });
}
