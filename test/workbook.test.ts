import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKBOOK_LIMITS, editionOf, readWorkbook, titleBlockValue } from '../src/ingest/workbook.js';
import { worksheetRows } from '../src/ingest/xlsx.js';
import { DM01_DIR, VIRTUAL_WARDS_DIR } from './support/mirror.js';
import { writtenWorkbook } from './support/workbooks.js';

const dm01 = readFileSync(path.join(DM01_DIR, 'Monthly-Diagnostics-Web-File-Provider-March-2025_SW40K.xls'));
const virtualWards = readFileSync(path.join(VIRTUAL_WARDS_DIR, 'Monthly-Virtual-Ward-Apr2025.xlsx'));

/** An Office container holding the two streams an encrypted workbook is made of (as Office writes them). */
function encryptedContainer(): Uint8Array {
  const container = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(container, '/EncryptionInfo', Buffer.alloc(256, 1));
  XLSX.CFB.utils.cfb_add(container, '/EncryptedPackage', Buffer.alloc(4096, 2));
  return XLSX.CFB.write(container, { type: 'buffer' }) as Uint8Array;
}

describe('workbooks read whole, as hostile bytes', () => {
  it("reads an old-format (.xls) DM01 workbook's sheets as rows of values, and an .xlsx's", async () => {
    const workbook = await readWorkbook(dm01, 'xls', ['Provider', 'Provider by Test', 'Not there']);
    expect(workbook.sheetNames).toEqual(['Provider', 'Provider by Test', 'Guidance & Definitions', 'Notes']);
    expect([...workbook.sheets.keys()]).toEqual(['Provider', 'Provider by Test']);
    const england = workbook.sheets.get('Provider')!.find((row) => row.includes('Total'))!;
    // The README's England for March 2025: 1,703,242 waiting, 312,744 of them six weeks or more.
    expect(england.filter((cell) => typeof cell === 'number').slice(0, 2)).toEqual([1_703_242, 312_744]);

    const wards = await readWorkbook(virtualWards, 'xlsx', ['Virtual Ward Data - ICB']);
    expect(wards.sheets.get('Virtual Ward Data - ICB')!.some((row) => row.includes('England'))).toBe(true);
  });

  it('refuses, with a reason a user can act on and none of the library inside: the other format, no workbook, a file cut short, an encrypted one, one too large or unpacking too far, one that takes too long', async () => {
    const refusal = (bytes: Uint8Array, format: 'xls' | 'xlsx', limits = DEFAULT_WORKBOOK_LIMITS) =>
      readWorkbook(bytes, format, ['Provider'], limits).then(
        () => 'read',
        (error: Error) => `${error.name}: ${error.message}`,
      );
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const cases: [string, Promise<string>, string][] = [
      [
        '.xlsx offered as .xls',
        refusal(virtualWards, 'xls'),
        'an Excel 97-2003 workbook (.xls) is expected, but the file is an Excel workbook (.xlsx)',
      ],
      [
        '.xls offered as .xlsx',
        refusal(dm01, 'xlsx'),
        'an Excel workbook (.xlsx) is expected, but the file is an Excel 97-2003 workbook (.xls)',
      ],
      [
        'a CSV',
        refusal(Buffer.from('Provider Code,Total\nRJ1,4\n'), 'xls'),
        'an Excel 97-2003 workbook (.xls) is expected, but the file is not a workbook at all',
      ],
      [
        '.xls cut short',
        refusal(dm01.subarray(0, 300_000), 'xls'),
        'the workbook is damaged or cut short: obtain it again from the publisher',
      ],
      [
        '.xlsx cut short',
        refusal(virtualWards.subarray(0, 20_000), 'xlsx'),
        'the workbook is damaged or cut short: obtain it again from the publisher',
      ],
      [
        'encrypted',
        refusal(encryptedContainer(), 'xlsx'),
        'the workbook is encrypted (password-protected): save it without a password',
      ],
      [
        'too large',
        refusal(dm01, 'xls', { ...DEFAULT_WORKBOOK_LIMITS, maxBytes: 1024 * 1024 }),
        'the file is 1.1 MB, over the 1.0 MB a workbook may be',
      ],
      [
        'unpacks too far',
        refusal(bomb, 'xlsx', { ...DEFAULT_WORKBOOK_LIMITS, maxUnpackedBytes: 4 * 1024 * 1024 }),
        "the workbook would unpack to 8.0 MB, over the 4.0 MB allowed: it is not a publisher's workbook",
      ],
      [
        'too slow',
        refusal(dm01, 'xls', { ...DEFAULT_WORKBOOK_LIMITS, deadlineMs: 50 }),
        "reading the workbook took longer than 0.05 s: it is damaged or not a publisher's workbook",
      ],
      [
        'too much memory',
        refusal(dm01, 'xls', { ...DEFAULT_WORKBOOK_LIMITS, maxHeapMb: 4 }),
        "reading the workbook needed more than 4 MB: it is damaged or not a publisher's workbook",
      ],
    ];
    for (const [label, answer, reason] of cases) expect(await answer, label).toBe(`UnreadableWorkbook: ${reason}`);
  });
});

describe("NHS England's title block", () => {
  const block = [
    [],
    [null, 'Title:', 'Monthly Diagnostics'],
    [null, 'Period:', '  March 2025 '],
    [null, 'Month: April 2025'],
    [null, 'Published:', null, '15th May 2025'],
    [null, 'Revised:'],
    [null, 'Provider Code', 'Total Waiting List'],
  ];

  it("gives a label's value from the cells after it or from its own cell, and none for a label left empty", () => {
    expect(titleBlockValue(block, 'Period:')).toBe('March 2025');
    expect(titleBlockValue(block, 'Month:')).toBe('April 2025');
    expect(titleBlockValue(block, 'Published:')).toBe('15th May 2025');
    expect(titleBlockValue(block, 'Revised:')).toBeNull();
    expect(titleBlockValue(block, 'Status:')).toBeNull();
  });

  it('names the edition: revised when it says so, else published, else nothing', () => {
    expect(editionOf(block)).toBe('published 15th May 2025');
    expect(editionOf([...block.slice(0, 5), [null, 'Revised:', '10th July 2025']])).toBe('revised 10th July 2025');
    expect(editionOf([[null, 'Title:', 'A sheet with no dates']])).toBeNull();
  });
});

describe('workbooks streamed row by row', () => {
  it("reads a workbook another tool wrote, its sheets before xl/workbook.xml (as SheetJS writes them), every time: the reader's own refusal comes through, never 'damaged'", async () => {
    const rows = Array.from({ length: 5_000 }, (_, index) => [`row ${index}`, index, index * 2]);
    const bytes = writtenWorkbook(new Map([['Sheet1', rows]]), 'xlsx');
    // Read twenty times (exceljs failed on such a workbook now and then), stopping at a different row each time.
    for (let stopAt = 0; stopAt < 20; stopAt += 1) {
      const read = async () => {
        let seen = 0;
        for await (const row of worksheetRows(bytes)) {
          if (seen === stopAt) throw new Error(`refused at row ${String(row[1])}`);
          seen += 1;
        }
      };
      await expect(read()).rejects.toThrow(`refused at row ${stopAt}`);
    }
  });
});
