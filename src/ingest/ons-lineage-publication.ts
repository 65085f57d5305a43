import type { Publication } from './publication.js';

/** The CCG → STP → sub-ICB location → ICB lookup (read by reference-files.ts): the names the ICBs and sub-ICB locations had before July 2022. */
export const lineagePublication = {
  key: 'ons-ccg-stp-sicbl-icb-2022',
  title: 'CCG (2021) to STP (2021) to Sub ICB Location to ICB (2022) lookup',
  publisher: 'Office for National Statistics',
  page: 'https://geoportal.statistics.gov.uk/',
  licence: 'Open Government Licence v3.0',
  folder: 'reference',
  files: /^ccg_stp_sicbl_icb\.csv$/,
  mirrorOnly:
    'it joins two ONS lookups (CCG to STP, April 2021; CCG to sub-ICB location, July 2022) into one file; without it the ICBs and sub-ICB locations are seeded without their former STP and CCG names: put ccg_stp_sicbl_icb.csv in the mirror',
} as const satisfies Publication;
