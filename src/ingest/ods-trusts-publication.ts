import type { Publication } from './publication.js';

/** ODS's NHS trusts extract, etr (read by reference-files.ts). */
export const trustsPublication = {
  key: 'ods-etr-2025',
  title: 'NHS Trusts (etr): ODS CSV download',
  publisher: 'NHS England (Organisation Data Service)',
  page: 'https://digital.nhs.uk/services/organisation-data-service/data-downloads',
  licence: 'Open Government Licence v3.0',
  folder: 'reference',
  files: /^etr\.csv$/,
  mirrorOnly: 'ODS publishes it zipped (etr.zip) with the ONS lookups it is read with: put etr.csv in the mirror',
} as const satisfies Publication;
