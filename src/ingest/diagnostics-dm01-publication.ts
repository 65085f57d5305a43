import { fileNameOf, financialYearPage, monthsNamed, type Publication } from './publication.js';

/**
 * NHS England's monthly diagnostics waiting times (DM01) provider workbooks (read by
 * diagnostics-dm01.ts), one a month in the old Excel format, listed on a page per financial year.
 * NHS England's names sometimes carry a random suffix
 * ("Monthly-Diagnostics-Web-File-Provider-March-2025_SW40K.xls").
 */
export const dm01Publication = {
  key: 'nhse-dm01',
  title: 'Diagnostics Waiting Times and Activity (DM01): monthly provider workbooks',
  publisher: 'NHS England',
  page: 'https://www.england.nhs.uk/statistics/statistical-work-areas/diagnostics-waiting-times-and-activity/',
  licence: 'Open Government Licence v3.0',
  folder: 'diagnostics-dm01',
  files: /^Monthly-Diagnostics-Web-File-Provider-.*\.xls$/i,
  monthOf: monthOfDm01File,
  // Published on the second Thursday, 2 months after the month covered.
  release: { lagMonths: 2 },
  download: {
    kind: 'listing',
    index:
      'https://www.england.nhs.uk/statistics/statistical-work-areas/diagnostics-waiting-times-and-activity/monthly-diagnostics-waiting-times-and-activity/',
    hosts: ['www.england.nhs.uk'],
    listingPage: financialYearPage('monthly-diagnostics-data'),
    isFile: (url) =>
      /\/Monthly-Diagnostics-Web-File-Provider-[^/]*\.xls$/i.test(new URL(url).pathname) &&
      monthOfDm01File(fileNameOf(url)) !== null,
  },
} as const satisfies Publication;

/** The month a DM01 provider workbook covers, from its name, or null. */
export function monthOfDm01File(name: string): string | null {
  return monthsNamed(name)[0] ?? null;
}
