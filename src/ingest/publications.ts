import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The publications the server knows: who publishes each, where, how its files are named, and the
 * folder a local mirror keeps them in (the publishers' own layout, as `../shared/data` has it). The
 * files are the publishers', never the project's: the server reads them from a mirror.
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
  /** How the publisher offers the files; absent where no address can be relied on, and a mirror is the only way. */
  download?: PublisherListing;
  /** Why there is no download, when there is none. */
  mirrorOnly?: string;
}

/**
 * A publication offered as links on the publisher's pages: an index page that links to the pages
 * listing the files (NHS England keeps one page per financial year), and which of their links are
 * the publication's files.
 */
export interface PublisherListing {
  index: string;
  /** The hosts its pages and files may be on; links elsewhere are not followed. */
  hosts: readonly string[];
  /** Whether a link on the index page is a page listing files, and the last month it can list (to skip years before the ones wanted). */
  listingPage: (url: string) => { lastMonth: string } | null;
  /** Whether a link on a listing page is one of the publication's files. */
  isFile: (url: string, text: string) => boolean;
}

export const PUBLICATIONS = {
  aeMonthly: {
    key: 'nhse-ae-monthly',
    title: 'A&E Attendances and Emergency Admissions: monthly provider-level CSV files',
    publisher: 'NHS England',
    page: 'https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/',
    licence: 'Open Government Licence v3.0',
    folder: 'ae-monthly-2024-25',
    // NHS England's names vary (Monthly-AE-June-2024.csv, April-2025-CSV-revised.csv, Monthly-AE-Nov-25-CSV-revised.csv): any CSV named for a month.
    files: /\.csv$/i,
    monthOf: monthOfAeFile,
    download: {
      index: 'https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/',
      hosts: ['www.england.nhs.uk'],
      listingPage(url) {
        const [, startYear] = /\/ae-attendances-and-emergency-admissions-(\d{4})-\d{2}\/?$/.exec(new URL(url).pathname) ?? [];
        return startYear ? { lastMonth: `${Number(startYear) + 1}-03` } : null;
      },
      isFile: (url) => /\.csv$/i.test(new URL(url).pathname) && monthOfAeFile(fileNameOf(url)) !== null,
    },
  },
  aeAttendances2016To2019: {
    key: 'nhsr-ae-attendances-2016-19',
    title: 'A&E attendances by provider and department type, April 2016 to March 2019',
    publisher: 'NHS England; packaged by the NHS-R community (NHSRdatasets) and the NHS Python community',
    page: 'https://github.com/nhs-r-community/NHSRdatasets',
    licence: 'Open Government Licence v3.0 (statistics); MIT (packaging)',
    folder: 'ae-attendances-2016-19',
    files: /^ae_attendances\.csv$/,
    mirrorOnly: 'NHS-R publishes the series as an R dataset, not as a file to download: export it to CSV into the mirror',
  },
  subIcbLocations: {
    key: 'ons-sicbl-icb-nhser-2022',
    title: 'Sub ICB Location to ICB to NHS England (Region) lookup (July 2022)',
    publisher: 'Office for National Statistics',
    page: 'https://geoportal.statistics.gov.uk/',
    licence: 'Open Government Licence v3.0',
    folder: 'reference',
    files: /^SICBL_ICB_ISDN\.csv$/,
    mirrorOnly: 'ONS publishes the lookup as a workbook on its geography portal, in another layout: put its CSV in the mirror',
  },
  lineage: {
    key: 'ons-ccg-stp-sicbl-icb-2022',
    title: 'CCG (2021) to STP (2021) to Sub ICB Location to ICB (2022) lookup',
    publisher: 'Office for National Statistics',
    page: 'https://geoportal.statistics.gov.uk/',
    licence: 'Open Government Licence v3.0',
    folder: 'reference',
    files: /^ccg_stp_sicbl_icb\.csv$/,
    mirrorOnly: 'ONS publishes the lookup as a workbook on its geography portal, in another layout: put its CSV in the mirror',
  },
  trusts: {
    key: 'ods-etr-2025',
    title: 'NHS Trusts (etr): ODS CSV download',
    publisher: 'NHS England (Organisation Data Service)',
    page: 'https://digital.nhs.uk/services/organisation-data-service/data-downloads',
    licence: 'Open Government Licence v3.0',
    folder: 'reference',
    files: /^etr\.csv$/,
    mirrorOnly: 'ODS publishes it zipped (etr.zip) with the ONS lookups it is read with: put etr.csv in the mirror',
  },
} as const satisfies Record<string, Publication>;

/** The mirror beside the checkout (`../shared/data`), when there is one. */
const BESIDE_THE_CHECKOUT = fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** The mirror folder to read: the one configured (NHS_DATA_DIR; "none" for none), else the one beside the checkout if it exists, else none. */
export function mirrorFolder(configured: string | undefined): string | null {
  if (configured === 'none') return null;
  if (configured) return path.resolve(configured);
  return existsSync(BESIDE_THE_CHECKOUT) ? BESIDE_THE_CHECKOUT : null;
}

/** Whether the mirror keeps the publication (has its folder, even empty): then it is read from there, not downloaded. */
export function mirrorKeeps(mirror: string | null, publication: Publication): mirror is string {
  return mirror !== null && existsSync(path.join(mirror, publication.folder));
}

/** A publication's files in the mirror, in the order they are read; none when the mirror or its folder is missing. */
export function filesInMirror(mirror: string | null, publication: Publication): string[] {
  if (mirror === null) return [];
  const folder = path.join(mirror, publication.folder);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return inReadingOrder(publication, readdirSync(folder).filter((name) => isPublicationFile(publication, name))).map((name) => path.join(folder, name));
}

/** Whether a file name is one of the publication's files (for monthly ones: named for a month). */
export function isPublicationFile(publication: Publication, name: string): boolean {
  return publication.files.test(name) && (publication.monthOf === undefined || publication.monthOf(name) !== null);
}

/**
 * The order a publication's files are read in: month by month for monthly publications, a month's
 * first release before its revision, so that the revision's figures are the ones that stand.
 */
export function inReadingOrder(publication: Publication, names: readonly string[]): string[] {
  const key = (name: string) => `${publication.monthOf?.(name) ?? ''} ${/revised/i.test(name) ? 1 : 0} ${name}`;
  return [...names].sort((a, b) => key(a).localeCompare(key(b)));
}

/** The file name at the end of an address. */
export function fileNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
}

/** The one file of a single-file publication in the mirror, or null. */
export function fileInMirror(mirror: string | null, publication: Publication): string | null {
  return filesInMirror(mirror, publication)[0] ?? null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_IN_NAME = /(?:^|[-_ ])(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[-_ ]?(\d{4}|\d{2})(?=$|[-_ .])/i;

/**
 * The month a monthly A&E file covers, from its name, or null: "Monthly-AE-June-2024-revised.csv",
 * "April-2025-CSV-revised.csv" and "Monthly-AE-Nov-25-CSV-revised.csv" (NHS England's own names vary).
 */
export function monthOfAeFile(name: string): string | null {
  const [, month, year] = MONTH_IN_NAME.exec(name) ?? [];
  if (!month || !year) return null;
  const index = MONTHS.indexOf(month.slice(0, 3).toLowerCase());
  return `${year.length === 2 ? `20${year}` : year}-${String(index + 1).padStart(2, '0')}`;
}

/** The mirror's monthly A&E files, in the order of the months they cover (the order NHS England published them). */
export function monthlyAeFiles(mirror: string | null): string[] {
  return filesInMirror(mirror, PUBLICATIONS.aeMonthly);
}
