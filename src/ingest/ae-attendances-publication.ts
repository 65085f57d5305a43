import type { Publication } from './publication.js';

/** The April 2016 to March 2019 A&E series in the long layout (read by ae-attendances.ts). */
export const aeAttendances2016To2019Publication = {
  key: 'nhsr-ae-attendances-2016-19',
  title: 'A&E attendances by provider and department type, April 2016 to March 2019',
  publisher: 'NHS England; packaged by the NHS-R community (NHSRdatasets) and the NHS Python community',
  page: 'https://github.com/nhs-r-community/NHSRdatasets',
  licence: 'Open Government Licence v3.0 (statistics); MIT (packaging)',
  folder: 'ae-attendances-2016-19',
  files: /^ae_attendances\.csv$/,
  mirrorOnly: 'NHS-R publishes the series as an R dataset, not as a file to download: export it to CSV into the mirror',
} as const satisfies Publication;
