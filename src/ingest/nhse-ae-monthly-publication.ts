import { fileNameOf, financialYearPage, monthsNamed, type Publication } from './publication.js';

/** NHS England's monthly A&E provider file (read by nhse-ae-monthly.ts), one per month, listed on a page per financial year. */
export const aeMonthlyPublication = {
  key: 'nhse-ae-monthly',
  title: 'A&E Attendances and Emergency Admissions: monthly provider-level CSV files',
  publisher: 'NHS England',
  page: 'https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/',
  licence: 'Open Government Licence v3.0',
  folder: 'ae-monthly-2024-25',
  // NHS England's names vary (Monthly-AE-June-2024.csv, April-2025-CSV-revised.csv, Monthly-AE-Nov-25-CSV-revised.csv): any CSV named for a month.
  files: /\.csv$/i,
  monthOf: monthOfAeFile,
  // Published on the second Thursday, 1 month after the month covered.
  release: { lagMonths: 1 },
  download: {
    kind: 'listing',
    index: 'https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/',
    hosts: ['www.england.nhs.uk'],
    listingPage: financialYearPage('ae-attendances-and-emergency-admissions'),
    isFile: (url) => /\.csv$/i.test(new URL(url).pathname) && monthOfAeFile(fileNameOf(url)) !== null,
  },
} as const satisfies Publication;

/**
 * The month a monthly A&E file covers, from its name, or null: "Monthly-AE-June-2024-revised.csv",
 * "April-2025-CSV-revised.csv" and "Monthly-AE-Nov-25-CSV-revised.csv" (NHS England's own names vary).
 */
export function monthOfAeFile(name: string): string | null {
  return monthsNamed(name)[0] ?? null;
}
