import type { Publication } from './publication.js';
import { problemWithTrustsExtract } from './reference-files.js';

/** ODS's NHS trusts extract, etr (read by reference-files.ts). */
export const trustsPublication = {
  key: 'ods-etr-2025',
  title: 'NHS Trusts (etr): ODS CSV download',
  publisher: 'NHS England (Organisation Data Service)',
  page: 'https://digital.nhs.uk/services/organisation-data-service/data-downloads',
  licence: 'Open Government Licence v3.0',
  folder: 'reference',
  files: /^etr\.csv$/,
  // ODS's "current" extract, replaced as trusts open, merge and close; the zip holds etr.csv and its notes.
  check: problemWithTrustsExtract,
  download: {
    kind: 'file',
    url: 'https://files.digital.nhs.uk/assets/ods/current/etr.zip',
    hosts: ['files.digital.nhs.uk'],
    keptAs: 'etr.csv',
    unpacking: { kind: 'zip-entry', entry: 'etr.csv' },
  },
} as const satisfies Publication;
