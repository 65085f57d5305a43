import { fileNameOf, monthsNamed, type Publication } from './publication.js';

/**
 * NHS England's Cancer Waiting Times provider extracts (read by cancer-waiting-times.ts): workbooks
 * linked from the Cancer Waiting Times page itself, each covering a run of months named in the
 * file ("CWT-CRS-Apr-2023-to-Sep-2023-Data-Extract-Provider-Provisional.xlsx"). Months are first
 * published provisional and restated by later files: a later file's figures for a month revise
 * the earlier ones, so files are read in the order of the last month they cover, a provisional
 * release before the final one.
 */
export const cwtProviderPublication = {
  key: 'nhse-cwt-provider',
  title: 'Cancer Waiting Times: provider-based data extracts (CWT-CRS), monthly workbooks',
  publisher: 'NHS England',
  page: 'https://www.england.nhs.uk/statistics/statistical-work-areas/cancer-waiting-times/',
  licence: 'Open Government Licence v3.0',
  folder: 'cancer-cwt',
  files: /^CWT-CRS-.*Data-Extract-Provider.*\.xlsx$/i,
  monthOf: lastMonthOfCwtFile,
  // Published on the second Thursday, 2 months after the month covered.
  release: { lagMonths: 2 },
  download: {
    kind: 'listing',
    index: 'https://www.england.nhs.uk/statistics/statistical-work-areas/cancer-waiting-times/',
    hosts: ['www.england.nhs.uk'],
    isFile: (url) =>
      /\/CWT-CRS-[^/]*Data-Extract-Provider[^/]*\.xlsx$/i.test(new URL(url).pathname) &&
      lastMonthOfCwtFile(fileNameOf(url)) !== null,
  },
} as const satisfies Publication;

/** The last month a provider extract covers, from its name, or null. */
export function lastMonthOfCwtFile(name: string): string | null {
  return monthsNamed(name).at(-1) ?? null;
}
