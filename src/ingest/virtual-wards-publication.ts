import { fileNameOf, monthsNamed, type Publication } from './publication.js';

/**
 * NHS England's monthly virtual ward capacity and occupancy workbooks (read by virtual-wards.ts),
 * one a month ("Monthly-Virtual-Ward-Apr2025.xlsx"), all listed on the statistics page itself.
 */
export const virtualWardsPublication = {
  key: 'nhse-virtual-wards',
  title: 'Virtual Ward Capacity and Occupancy Statistics: monthly workbooks',
  publisher: 'NHS England',
  page: 'https://www.england.nhs.uk/statistics/statistical-work-areas/virtual-ward-capacity-and-occupancy-statistics/',
  licence: 'Open Government Licence v3.0',
  folder: 'virtual-wards',
  files: /^Monthly-Virtual-Ward-.*\.xlsx$/i,
  monthOf: monthOfVirtualWardFile,
  // Published on the second Thursday, 1 month after the month covered.
  release: { lagMonths: 1 },
  download: {
    kind: 'listing',
    index:
      'https://www.england.nhs.uk/statistics/statistical-work-areas/virtual-ward-capacity-and-occupancy-statistics/',
    hosts: ['www.england.nhs.uk'],
    isFile: (url) =>
      /\/Monthly-Virtual-Ward-[^/]*\.xlsx$/i.test(new URL(url).pathname) &&
      monthOfVirtualWardFile(fileNameOf(url)) !== null,
  },
} as const satisfies Publication;

/** The month a virtual ward workbook covers, from its name ("Monthly-Virtual-Ward-June2025.xlsx"), or null. */
export function monthOfVirtualWardFile(name: string): string | null {
  return monthsNamed(name)[0] ?? null;
}
