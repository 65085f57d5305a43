import { unzipSync } from 'fflate';
import { csvField } from './csv.js';
import { UnreadableWorkbook } from './workbook.js';
import { cellText, worksheetRows } from './xlsx.js';

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

/** The first worksheet of a workbook as CSV, row by row as the workbook is streamed. */
async function firstSheetAsCsv(bytes: Buffer): Promise<string> {
  const lines: string[] = [];
  try {
    for await (const row of worksheetRows(bytes)) lines.push(row.map((cell) => csvField(cellText(cell))).join(','));
  } catch (error) {
    if (error instanceof UnreadableWorkbook) throw new UnreadableFile(error.message);
    throw error;
  }
  if (lines.length === 0) throw new UnreadableFile('the workbook has no rows');
  return `${lines.join('\n')}\n`;
}
