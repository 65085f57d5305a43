import { Worker } from 'node:worker_threads';
import { unzipSync } from 'fflate';

/**
 * Workbooks read whole by SheetJS (Community Edition, as `@e965/xlsx`): the old Excel format
 * (`.xls`, BIFF8) that exceljs cannot read, and small `.xlsx` files whose sheets are read by
 * position (title blocks, two header rows) rather than streamed. The bytes are a publisher's, or
 * whoever could put a file in the mirror: they are checked to be the format expected, not
 * encrypted and not too large (an `.xlsx` is a zip, and its parts may unpack to far more than its
 * size), then parsed in a worker thread that is stopped at a deadline or when its memory runs
 * out. No formula is evaluated: cells hold the values the publisher saved.
 */
export type WorkbookFormat = 'xls' | 'xlsx';

/** Why a workbook was not read, in words a user can act on. */
export class UnreadableWorkbook extends Error {
  override name = 'UnreadableWorkbook';
}

export interface WorkbookLimits {
  /** The largest file read. */
  maxBytes: number;
  /** The most an `.xlsx` may unpack to, by its own directory. */
  maxUnpackedBytes: number;
  /** How long the parse may take. */
  deadlineMs: number;
  /** The parsing thread's heap. */
  maxHeapMb: number;
}

export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  maxBytes: 32 * 1024 * 1024,
  maxUnpackedBytes: 256 * 1024 * 1024,
  deadlineMs: 30_000,
  maxHeapMb: 512,
};

export interface Workbook {
  sheetNames: string[];
  /**
   * The rows of each sheet asked for and present, from the sheet's first used row and column (find
   * the header by its words, not its place); an empty cell is null, a date a Date.
   */
  sheets: Map<string, unknown[][]>;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const FORMAT_NAMES: Record<WorkbookFormat, string> = {
  xls: 'an Excel 97-2003 workbook (.xls)',
  xlsx: 'an Excel workbook (.xlsx)',
};

export const DAMAGED = 'the workbook is damaged or cut short: obtain it again from the publisher';
const ENCRYPTED = 'the workbook is encrypted (password-protected): save it without a password';

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((byte, index) => bytes[index] === byte);

/** What the bytes are, by their first bytes, in words a user knows. */
function containerOf(bytes: Uint8Array): 'ole' | 'zip' | 'other' {
  if (startsWith(bytes, OLE_SIGNATURE)) return 'ole';
  if (startsWith(bytes, ZIP_SIGNATURE)) return 'zip';
  return 'other';
}

/** UTF-16LE names of the streams an encrypted Office file keeps in its container. */
const ENCRYPTED_STREAMS = ['EncryptedPackage', 'EncryptionInfo'].map((name) => Buffer.from(name, 'utf16le'));

/**
 * Refuses what is not a workbook of the format expected, what is encrypted and what is too large,
 * before any parsing. Throws UnreadableWorkbook with the reason.
 */
export function checkWorkbookBytes(
  bytes: Uint8Array,
  format: WorkbookFormat,
  limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS,
): void {
  if (bytes.byteLength > limits.maxBytes)
    throw new UnreadableWorkbook(
      `the file is ${megabytes(bytes.byteLength)}, over the ${megabytes(limits.maxBytes)} a workbook may be`,
    );
  const container = containerOf(bytes);
  // An encrypted .xlsx is not a zip: Office wraps it in the old format's container.
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (container === 'ole' && ENCRYPTED_STREAMS.some((name) => view.includes(name)))
    throw new UnreadableWorkbook(ENCRYPTED);
  const expected = format === 'xls' ? 'ole' : 'zip';
  if (container !== expected) {
    const found = container === 'other' ? 'not a workbook at all' : FORMAT_NAMES[container === 'ole' ? 'xls' : 'xlsx'];
    throw new UnreadableWorkbook(`${FORMAT_NAMES[format]} is expected, but the file is ${found}`);
  }
  if (format === 'xlsx') {
    let unpacked = 0;
    try {
      // The directory's sizes, read without inflating anything; the worker's memory limit holds a
      // file whose directory lies.
      unzipSync(bytes, {
        filter: (entry) => {
          unpacked += entry.originalSize;
          return false;
        },
      });
    } catch {
      throw new UnreadableWorkbook(DAMAGED);
    }
    if (unpacked > limits.maxUnpackedBytes)
      throw new UnreadableWorkbook(
        `the workbook would unpack to ${megabytes(unpacked)}, over the ${megabytes(limits.maxUnpackedBytes)} allowed: it is not a publisher's workbook`,
      );
  }
}

/**
 * Reads the named sheets of a workbook (those present; `sheetNames` says which the workbook has).
 * Throws UnreadableWorkbook, with a reason a user can act on, for anything else.
 */
export async function readWorkbook(
  bytes: Uint8Array,
  format: WorkbookFormat,
  sheetNames: readonly string[],
  limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS,
): Promise<Workbook> {
  checkWorkbookBytes(bytes, format, limits);
  const worker = new Worker(new URL('./workbook-worker.mjs', import.meta.url), {
    workerData: { bytes, sheets: [...sheetNames] },
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    stdout: true,
    stderr: true,
  });
  type Answer = { sheetNames: string[]; rows: Record<string, unknown[][]> } | { failed: string };
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await new Promise<Answer>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new UnreadableWorkbook(
              `reading the workbook took longer than ${limits.deadlineMs / 1000} s: it is damaged or not a publisher's workbook`,
            ),
          ),
        limits.deadlineMs,
      );
      worker.once('message', resolve);
      worker.once('error', (error: Error & { code?: string }) =>
        reject(
          new UnreadableWorkbook(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `reading the workbook needed more than ${limits.maxHeapMb} MB: it is damaged or not a publisher's workbook`
              : DAMAGED,
          ),
        ),
      );
      worker.once('exit', (code) =>
        reject(new UnreadableWorkbook(`${DAMAGED} (its reader stopped with code ${code})`)),
      );
    });
    if ('failed' in answer) throw new UnreadableWorkbook(readerFailure(answer.failed));
    return { sheetNames: answer.sheetNames, sheets: new Map(Object.entries(answer.rows)) };
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

/** SheetJS's messages are its internals: the user is told what they can act on. */
function readerFailure(message: string): string {
  return /password|encrypt/i.test(message) ? ENCRYPTED : DAMAGED;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A cell of a sheet as trimmed text ('' for an empty one). */
export function textOf(cell: unknown): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

/**
 * The value NHS England's statistical title block gives a label ("Period:", "Month:",
 * "Published:"), in the cells after the label's or in the label's own cell after it; null where
 * the label is absent or has no value (an empty "Revised:").
 */
export function titleBlockValue(rows: readonly unknown[][], label: string): string | null {
  const wanted = label.toLowerCase();
  for (const row of rows.slice(0, 20)) {
    const cells = row.map(textOf);
    const at = cells.findIndex((cell) => cell.toLowerCase().startsWith(wanted));
    if (at < 0) continue;
    const value = [cells[at]!.slice(label.length), ...cells.slice(at + 1)].map((cell) => cell.trim()).find(Boolean);
    return value ?? null;
  }
  return null;
}

/** Which edition of its month a workbook is, by its title block: "revised <date>", else "published <date>", else null. */
export function editionOf(rows: readonly unknown[][]): string | null {
  const revised = titleBlockValue(rows, 'Revised:');
  if (revised) return `revised ${revised}`;
  const published = titleBlockValue(rows, 'Published:');
  return published ? `published ${published}` : null;
}
