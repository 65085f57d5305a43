import { Readable } from 'node:stream';
import { unzipSync, zipSync } from 'fflate';

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
  bytes = inReadingOrder(bytes);
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
  } catch (error) {
    // exceljs's messages are its internals: the user is told what they can act on.
    throw new UnreadableWorkbook(DAMAGED, { cause: error });
  }
  throw new UnreadableWorkbook(
    sheetName === undefined
      ? 'the workbook has no sheet'
      : `the workbook has no sheet "${sheetName}" (it has ${sheets.map((sheet) => `"${sheet}"`).join(', ') || 'none'})`,
  );
}

/** The parts exceljs's streaming reader needs before any worksheet, in the order Excel writes them. */
const FIRST_PARTS = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];

/**
 * The workbook with its parts in the order Excel writes them. Other tools (SheetJS, for one) may
 * put a worksheet before xl/workbook.xml, which is valid, but exceljs's streaming reader then reads
 * the sheet before it knows the workbook, now and then failing outright; such a workbook is
 * repacked (its size already bounded by checkWorkbookBytes). Excel's own files pass untouched.
 */
function inReadingOrder(bytes: Uint8Array): Uint8Array {
  const order: string[] = [];
  unzipSync(bytes, {
    filter: (entry) => {
      order.push(entry.name);
      return false;
    },
  });
  const workbookAt = order.indexOf('xl/workbook.xml');
  const firstSheetAt = order.findIndex((name) => name.startsWith('xl/worksheets/'));
  if (workbookAt < 0 || firstSheetAt < 0 || workbookAt < firstSheetAt) return bytes;
  const parts = unzipSync(bytes);
  const names = [
    ...FIRST_PARTS.filter((name) => name in parts),
    ...order.filter((name) => !FIRST_PARTS.includes(name) && name in parts),
  ];
  return zipSync(Object.fromEntries(names.map((name) => [name, parts[name]!])), { level: 1 });
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
