// Reads one workbook with SheetJS inside a worker thread (see workbook.ts): parsing is synchronous,
// so only a thread can be stopped at a deadline or when its memory runs out, and a hostile file
// then costs the thread, never the server. Plain JavaScript, so that the same file runs beside the
// sources (tests, `npm run dev`) and beside the build (copied into dist/server).
import { parentPort, workerData } from 'node:worker_threads';
import * as XLSX from '@e965/xlsx';

/** @type {{ bytes: Uint8Array; sheets: string[] }} */
const { bytes, sheets } = workerData;

try {
  const workbook = XLSX.read(bytes, {
    type: 'array',
    dense: true,
    // The values the publisher saved, never a formula evaluated or kept.
    cellFormula: false,
    cellHTML: false,
    cellText: false,
    cellStyles: false,
    cellDates: true,
    // Only the sheets asked for are parsed.
    sheets,
    WTF: false,
  });
  const rows = {};
  for (const name of sheets) {
    const sheet = workbook.Sheets[name];
    if (sheet) rows[name] = XLSX.utils.sheet_to_json(sheet, { header: 1, raw: true, defval: null, blankrows: true });
  }
  parentPort.postMessage({ sheetNames: workbook.SheetNames, rows });
} catch (error) {
  parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error) });
}
