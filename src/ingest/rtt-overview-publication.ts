import { fileNameOf, financialYearPage, monthsNamed, type Publication } from './publication.js';

/**
 * NHS England's Referral to Treatment overview time series for England (read by rtt-overview.ts):
 * one workbook, republished each month with the series to date, on the RTT page of each financial
 * year. The latest file holds every month, so the files are read in the order of the last month
 * each covers and a later one revises what it restates.
 */
export const rttOverviewPublication = {
  key: 'nhse-rtt-overview',
  title:
    'Referral to Treatment waiting times: overview time series for England, including estimates for missing trusts',
  publisher: 'NHS England',
  page: 'https://www.england.nhs.uk/statistics/statistical-work-areas/rtt-waiting-times/',
  licence: 'Open Government Licence v3.0',
  folder: 'rtt-overview',
  files: /^RTT-Overview-Timeseries.*\.xlsx$/i,
  monthOf: lastMonthOfRttFile,
  // Published on the second Thursday, 2 months after the month covered.
  release: { lagMonths: 2 },
  download: {
    kind: 'listing',
    index: 'https://www.england.nhs.uk/statistics/statistical-work-areas/rtt-waiting-times/',
    hosts: ['www.england.nhs.uk'],
    listingPage: financialYearPage('rtt-data'),
    isFile: (url) =>
      /\/RTT-Overview-Timeseries[^/]*\.xlsx$/i.test(new URL(url).pathname) &&
      lastMonthOfRttFile(fileNameOf(url)) !== null,
  },
} as const satisfies Publication;

/** The last month an overview time series covers, from its name ("…-Aug23.xlsx"), or null. */
export function lastMonthOfRttFile(name: string): string | null {
  return monthsNamed(name).at(-1) ?? null;
}
