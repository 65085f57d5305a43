import type { Publication } from './publication.js';
import { problemWithSubIcbLookup } from './reference-files.js';

/** ONS's sub-ICB location → ICB → region lookup (read by reference-files.ts): the regions, ICBs and sub-ICB locations. */
export const subIcbLookupPublication = {
  key: 'ons-sicbl-icb-nhser-2022',
  title: 'Sub ICB Location to ICB to NHS England (Region) lookup (July 2022)',
  publisher: 'Office for National Statistics',
  page: 'https://geoportal.statistics.gov.uk/documents/locations-to-integrated-care-boards-to-nhs-england-region-july-2022-lookup-in-england/about',
  licence: 'Open Government Licence v3.0',
  folder: 'reference',
  // The mirror's copy carries one more column (ISDN) than ONS's own; both are read by their headers.
  files: /^(SICBL_ICB_ISDN|LOC22_ICB22_NHSER22_EN_LU)\.csv$/,
  check: problemWithSubIcbLookup,
  // ONS serves LOC22_ICB22_NHSER22_EN_LU.xlsx through its ArcGIS item; its sheet is kept as CSV.
  download: {
    kind: 'file',
    url: 'https://www.arcgis.com/sharing/rest/content/items/68981b71bc144e62bf4f11045f5d4ad4/data',
    hosts: ['www.arcgis.com'],
    keptAs: 'LOC22_ICB22_NHSER22_EN_LU.csv',
    unpacking: { kind: 'first-sheet-as-csv' },
  },
} as const satisfies Publication;
