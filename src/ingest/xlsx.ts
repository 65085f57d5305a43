import { Readable } from 'node:stream';

import { checkWorkbookBytes, DAMAGED, UnreadableWorkbook } from './workbook.js';

/**
 * Workbooks read as they are streamed (exceljs's streaming reader), so that a large extract never
 * sits in memory as cells: the publishers' .xlsx files (ONS's lookups, NHS England's Cancer
 * Waiting Times extracts) are read a row at a time, once their bytes have been checked as
 * workbook.ts checks every workbook (the format, no encryption, the size and what it unpacks to).
 */

/**
 * The rows of one worksheet (the first, or the one named), each as its cells from column A (a cell
 * left empty is null): dates as Date, numbers as numbers, formulas as their results, rich text as
 * its text. Throws UnreadableWorkbook when the bytes are no workbook or the sheet is not there.
 */
export async function* worksheetRows(bytes: Uint8Array, sheetName?: string): AsyncGenerator<unknown[]> {
  checkWorkbookBytes(bytes, 'xlsx');
  // Loaded when a workbook is read: it is the heaviest module of all (about half a second), and
  // most commands and requests never read one.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
    {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    },
  );
  const sheets: string[] = [];
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      sheets.push(name);
      if (sheetName !== undefined && name !== sheetName) {
        for await (const _row of worksheet) void _row;
        continue;
      }
      for await (const row of worksheet) yield Array.from((row.values as unknown[]).slice(1), cellValue);
      return;
    }
  } catch {
    // exceljs's messages are its internals: the user is told what they can act on.
    throw new UnreadableWorkbook(DAMAGED);
  }
  throw new UnreadableWorkbook(
    sheetName === undefined
      ? 'the workbook has no sheet'
      : `the workbook has no sheet "${sheetName}" (it has ${sheets.map((sheet) => `"${sheet}"`).join(', ') || 'none'})`,
  );
}

/** A cell as the value it shows: a formula's result, rich text's text, a hyperlink's text; empty cells null. */
function cellValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  const cell = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
  if (cell.richText) return cell.richText.map((part) => part.text).join('');
  if ('result' in cell) return cellValue(cell.result);
  if (cell.text !== undefined) return String(cell.text);
  return null;
}

/** A cell as text: dates as YYYY-MM-DD, numbers as written, empty as "". */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}
