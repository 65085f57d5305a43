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
}

export const PUBLICATIONS = {
  aeMonthly: {
    key: 'nhse-ae-monthly',
    title: 'A&E Attendances and Emergency Admissions: monthly provider-level CSV files',
    publisher: 'NHS England',
    page: 'https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/',
    licence: 'Open Government Licence v3.0',
    folder: 'ae-monthly-2024-25',
    files: /^Monthly-AE-[A-Za-z]+-\d{4}(-revised)?\.csv$/,
  },
  aeAttendances2016To2019: {
    key: 'nhsr-ae-attendances-2016-19',
    title: 'A&E attendances by provider and department type, April 2016 to March 2019',
    publisher: 'NHS England; packaged by the NHS-R community (NHSRdatasets) and the NHS Python community',
    page: 'https://github.com/nhs-r-community/NHSRdatasets',
    licence: 'Open Government Licence v3.0 (statistics); MIT (packaging)',
    folder: 'ae-attendances-2016-19',
    files: /^ae_attendances\.csv$/,
  },
  subIcbLocations: {
    key: 'ons-sicbl-icb-nhser-2022',
    title: 'Sub ICB Location to ICB to NHS England (Region) lookup (July 2022)',
    publisher: 'Office for National Statistics',
    page: 'https://geoportal.statistics.gov.uk/',
    licence: 'Open Government Licence v3.0',
    folder: 'reference',
    files: /^SICBL_ICB_ISDN\.csv$/,
  },
  lineage: {
    key: 'ons-ccg-stp-sicbl-icb-2022',
    title: 'CCG (2021) to STP (2021) to Sub ICB Location to ICB (2022) lookup',
    publisher: 'Office for National Statistics',
    page: 'https://geoportal.statistics.gov.uk/',
    licence: 'Open Government Licence v3.0',
    folder: 'reference',
    files: /^ccg_stp_sicbl_icb\.csv$/,
  },
  trusts: {
    key: 'ods-etr-2025',
    title: 'NHS Trusts (etr): ODS CSV download',
    publisher: 'NHS England (Organisation Data Service)',
    page: 'https://digital.nhs.uk/services/organisation-data-service/data-downloads',
    licence: 'Open Government Licence v3.0',
    folder: 'reference',
    files: /^etr\.csv$/,
  },
} as const satisfies Record<string, Publication>;

/** The mirror beside the checkout (`../shared/data`), when there is one. */
const BESIDE_THE_CHECKOUT = fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** The mirror folder to read: the one configured (NHS_DATA_DIR), else the one beside the checkout if it exists, else none. */
export function mirrorFolder(configured: string | undefined): string | null {
  if (configured) return path.resolve(configured);
  return existsSync(BESIDE_THE_CHECKOUT) ? BESIDE_THE_CHECKOUT : null;
}

/** A publication's files in the mirror, by name; none when the mirror or its folder is missing. */
export function filesInMirror(mirror: string | null, publication: Publication): string[] {
  if (mirror === null) return [];
  const folder = path.join(mirror, publication.folder);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return readdirSync(folder)
    .filter((name) => publication.files.test(name))
    .sort()
    .map((name) => path.join(folder, name));
}

/** The one file of a single-file publication in the mirror, or null. */
export function fileInMirror(mirror: string | null, publication: Publication): string | null {
  return filesInMirror(mirror, publication)[0] ?? null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The month a monthly A&E file covers, from its name ("Monthly-AE-June-2024-revised.csv" is "2024-06"). */
export function monthOfAeFile(name: string): string {
  const [, month, year] = /Monthly-AE-(\w+?)-(\d{4})/.exec(name) ?? [];
  const index = MONTHS.indexOf(month ?? '');
  if (index < 0 || !year) throw new Error(`${name} is not named like NHS England's monthly A&E files`);
  return `${year}-${String(index + 1).padStart(2, '0')}`;
}

/** The mirror's monthly A&E files, in the order of the months they cover (the order NHS England published them). */
export function monthlyAeFiles(mirror: string | null): string[] {
  return filesInMirror(mirror, PUBLICATIONS.aeMonthly).sort((a, b) => monthOfAeFile(path.basename(a)).localeCompare(monthOfAeFile(path.basename(b))));
}
