import * as XLSX from '@e965/xlsx';
import { DM01_SHEETS } from '../../src/ingest/diagnostics-dm01.js';
import { readWorkbook, type WorkbookFormat } from '../../src/ingest/workbook.js';

/** Sheets of rows written as a workbook in the format given (SheetJS writes the old format, BIFF8, as it reads it). */
export function writtenWorkbook(sheets: ReadonlyMap<string, unknown[][]>, format: WorkbookFormat): Uint8Array {
  const workbook = XLSX.utils.book_new();
  for (const [name, rows] of sheets) XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), name);
  return XLSX.write(workbook, { bookType: format, type: 'buffer' }) as Uint8Array;
}

/** A publisher's workbook with the test's own change to the named sheets' rows, written back in its format (only those sheets). */
export async function rewrittenWorkbook(
  bytes: Uint8Array,
  format: WorkbookFormat,
  sheetNames: readonly string[],
  change: (sheets: Map<string, unknown[][]>) => void,
): Promise<Uint8Array> {
  const { sheets } = await readWorkbook(bytes, format, sheetNames);
  change(sheets);
  return writtenWorkbook(sheets, format);
}

/** Where a DM01 sheet's columns are, by its header row's words (both sheets name them alike). */
export function dm01Columns(header: readonly unknown[]) {
  const at = (name: string) => header.indexOf(name);
  return {
    code: at('Provider Code'),
    test: at('Diagnostic ID'),
    total: at('Total Waiting List'),
    six: at('Number waiting 6+ Weeks'),
    share: at('Percentage waiting 6+ weeks'),
  };
}

/**
 * A DM01 workbook's sheets cut down to the providers named, laid out as NHS England lays it out
 * (the Provider sheet's Total row their sum, its share recomputed): rows for a test to change and
 * write, and a month small enough to import in a moment.
 */
export async function dm01Keeping(bytes: Uint8Array, odsCodes: readonly string[]): Promise<Map<string, unknown[][]>> {
  const { sheets } = await readWorkbook(bytes, 'xls', Object.values(DM01_SHEETS));
  for (const [name, rows] of sheets) {
    const headerAt = rows.findIndex((row) => row.includes('Provider Code'));
    const { code, total, six, share } = dm01Columns(rows[headerAt]!);
    const after = rows.slice(headerAt + 1);
    const england = after.find((row) => !row[code] && row.includes('Total'))!;
    const kept = after.filter((row) => odsCodes.includes(row[code] as string));
    if (name === DM01_SHEETS.provider) {
      england.forEach((cell, column) => {
        if (typeof cell === 'number') england[column] = kept.reduce((sum, row) => sum + (row[column] as number), 0);
      });
      england[share] = (england[six] as number) / (england[total] as number);
    }
    sheets.set(name, [...rows.slice(0, headerAt + 1), england, [], ...kept]);
  }
  return sheets;
}
