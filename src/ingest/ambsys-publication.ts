import { financialYearPage, type Publication } from './publication.js';

/**
 * NHS England's Ambulance System Indicators (read by ambsys.ts): one CSV of every month since
 * August 2017, republished each month on the financial year's Ambulance Quality Indicators page.
 */
export const ambsysPublication = {
  key: 'nhse-ambsys',
  title: 'Ambulance Quality Indicators: Ambulance System Indicators (AmbSYS), monthly CSV',
  publisher: 'NHS England',
  page: 'https://www.england.nhs.uk/statistics/statistical-work-areas/ambulance-quality-indicators/',
  licence: 'Open Government Licence v3.0',
  folder: 'ambulance-ambsys',
  files: /^AmbSYS.*\.csv$/i,
  download: {
    kind: 'listing',
    index: 'https://www.england.nhs.uk/statistics/statistical-work-areas/ambulance-quality-indicators/',
    hosts: ['www.england.nhs.uk'],
    listingPage: financialYearPage('ambulance-quality-indicators-data'),
    isFile: (url) => /\/AmbSYS[^/]*\.csv$/i.test(new URL(url).pathname),
  },
} as const satisfies Publication;
