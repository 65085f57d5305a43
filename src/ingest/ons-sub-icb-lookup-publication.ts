import type { Publication } from './publication.js';

/** ONS's sub-ICB location → ICB → region lookup (read by reference-files.ts): the regions, ICBs and sub-ICB locations. */
export const subIcbLookupPublication = {
  key: 'ons-sicbl-icb-nhser-2022',
  title: 'Sub ICB Location to ICB to NHS England (Region) lookup (July 2022)',
  publisher: 'Office for National Statistics',
  page: 'https://geoportal.statistics.gov.uk/documents/locations-to-integrated-care-boards-to-nhs-england-region-july-2022-lookup-in-england/about',
  licence: 'Open Government Licence v3.0',
  folder: 'reference',
  files: /^SICBL_ICB_ISDN\.csv$/,
  mirrorOnly: 'ONS publishes the lookup as a workbook on its geography portal, in another layout: put its CSV in the mirror',
} as const satisfies Publication;
