import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';

/**
 * Turning what a publisher serves into the file the readers take: ODS zips its extracts, ONS
 * offers its lookups as workbooks. Each fails with an UnreadableFile naming what was wrong, so the
 * download is refused rather than kept.
 */
export class UnreadableFile extends Error {
  override name = 'UnreadableFile';
}

/** How a publisher's bytes become the kept file. */
export type Unpacking = { kind: 'as-is' } | { kind: 'zip-entry'; entry: string } | { kind: 'first-sheet-as-csv' };

export async function unpack(bytes: Buffer, how: Unpacking): Promise<Buffer> {
  switch (how.kind) {
    case 'as-is':
      return bytes;
    case 'zip-entry':
      return zipEntry(bytes, how.entry);
    case 'first-sheet-as-csv':
      return Buffer.from(await firstSheetAsCsv(bytes));
  }
}

function zipEntry(bytes: Buffer, entry: string): Buffer {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name.split('/').pop() === entry });
  } catch (error) {
    throw new UnreadableFile(`not a zip archive (${(error as Error).message})`);
  }
  const found = Object.values(files)[0];
  if (!found) throw new UnreadableFile(`the archive holds no ${entry}`);
  return Buffer.from(found);
}

/**
 * The first worksheet of a workbook as CSV, row by row as the workbook is streamed (a large
 * workbook never sits in memory as cells): dates as YYYY-MM-DD, numbers as written.
 */
async function firstSheetAsCsv(bytes: Buffer): Promise<string> {
  const lines: string[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = (row.values as unknown[]).slice(1);
        lines.push(values.map(csvCell).join(','));
      }
      break;
    }
  } catch (error) {
    throw new UnreadableFile(`not a readable workbook (${(error as Error).message})`);
  }
  if (lines.length === 0) throw new UnreadableFile('the workbook has no rows');
  return `${lines.join('\n')}\n`;
}

function csvCell(value: unknown): string {
  const text = cellText(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if (cell.result !== undefined) return cellText(cell.result);
    if (cell.text !== undefined) return String(cell.text);
  }
  return String(value);
}
