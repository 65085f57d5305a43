import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Publication } from '../../src/ingest/publication.js';
import { filesInMirror, mirrorFolder, monthlyAeFiles, PUBLICATIONS } from '../../src/ingest/publications.js';
import { RTT_SHEET } from '../../src/ingest/rtt-overview.js';
import { rewrittenWorkbook } from './workbooks.js';

/** The publishers' files the suite reads: ../shared/data beside the checkout (never a copy in the repository). */
export const MIRROR = (() => {
  const folder = mirrorFolder(process.env.NHS_DATA_DIR);
  if (!folder)
    throw new Error(
      "The suite reads the publishers' files from ../shared/data beside the checkout (or NHS_DATA_DIR): neither is there.",
    );
  return folder;
})();

/** The mirror's monthly A&E files folder. */
export const MONTHLY_AE_DIR = path.join(MIRROR, PUBLICATIONS.aeMonthly.folder);

/** The 13 monthly A&E files (June 2024 to June 2025), in month order, as an import takes them. */
export function monthlyAeImportFiles() {
  return monthlyAeFiles(MIRROR).map((file) => ({ name: path.basename(file), text: readFileSync(file, 'utf8') }));
}

/** The April 2016 to March 2019 long file. */
export const AE_ATTENDANCES_2016_19 = path.join(
  MIRROR,
  PUBLICATIONS.aeAttendances2016To2019.folder,
  'ae_attendances.csv',
);

/** A publication's workbooks in the mirror, in the order an import takes them, as their bytes. */
function workbookImportFiles(publication: Publication) {
  return filesInMirror(MIRROR, publication).map((file) => ({ name: path.basename(file), bytes: readFileSync(file) }));
}

/** NHS England's AmbSYS extract, April 2023 to June 2025 (England and the 11 ambulance services). */
export const AMBSYS_EXTRACT = path.join(MIRROR, PUBLICATIONS.ambsys.folder, 'AmbSYS-Apr-2023-to-Jun-2025-extract.csv');

/** NHS England's Cancer Waiting Times workbooks (provider extracts, the sub-ICB extract, the national time series). */
export const CWT_DIR = path.join(MIRROR, PUBLICATIONS.cwtProvider.folder);

/** The provider extracts as an import takes them: April to September 2023 (provisional), then October 2023. */
export const cwtProviderImportFiles = () => workbookImportFiles(PUBLICATIONS.cwtProvider);

/** NHS England's monthly DM01 provider workbooks (.xls), August 2024 to June 2025. */
export const DM01_DIR = path.join(MIRROR, PUBLICATIONS.dm01.folder);

/** The 11 DM01 workbooks in month order, as an import takes them. */
export const dm01ImportFiles = () => workbookImportFiles(PUBLICATIONS.dm01);

/** NHS England's monthly virtual ward workbooks, August 2024 to June 2025. */
export const VIRTUAL_WARDS_DIR = path.join(MIRROR, PUBLICATIONS.virtualWards.folder);

/** NHS England's RTT overview time series for England (April 2007 to August 2023). */
export const rttOverviewImportFiles = () => workbookImportFiles(PUBLICATIONS.rttOverview);

/**
 * The RTT overview's sheet as the test changes it (its rows and the column names of its header row),
 * written back as an .xlsx: a month's figures made wrong, or the series cut at a month.
 */
export function rewrittenRttOverview(
  change: (rows: unknown[][], header: string[]) => unknown[][],
): Promise<Uint8Array> {
  return rewrittenWorkbook(rttOverviewImportFiles()[0]!.bytes, 'xlsx', [RTT_SHEET], (sheets) => {
    const rows = sheets.get(RTT_SHEET)!;
    const header = rows.find((row) => row.includes('Total waiting (mil)'))!.map(String);
    sheets.set(RTT_SHEET, change(rows, header));
  });
}

/** The month (YYYY-MM) a row of the RTT overview is for, if it is a month's row. */
export const rttMonthOf = (row: unknown[]) =>
  row
    .find((cell): cell is Date => cell instanceof Date)
    ?.toISOString()
    .slice(0, 7);

/** The 11 virtual ward workbooks in month order, as an import takes them. */
export const virtualWardImportFiles = () => workbookImportFiles(PUBLICATIONS.virtualWards);
