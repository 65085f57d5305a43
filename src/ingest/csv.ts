/**
 * A small RFC 4180 CSV reader for published files: quoted fields with embedded commas, quotes and
 * line breaks; CRLF or LF line endings; a leading byte-order mark. Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          quoted = false;
        }
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      endRow();
    } else if (char === '\r') {
      if (text[index + 1] === '\n') index += 1;
      endRow();
    } else {
      field += char;
    }
  }
  if (quoted) throw new CsvFormatError('The file ends inside a quoted field.');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

export class CsvFormatError extends Error {
  override name = 'CsvFormatError';
}

/** Rows as records keyed by the header row's names (trimmed). */
export function parseCsvWithHeader(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const names = header.map((name) => name.trim());
  return rows.map((cells) => Object.fromEntries(names.map((name, column) => [name, cells[column] ?? ''])));
}

/**
 * A spreadsheet reads a cell beginning with one of these as a formula (OWASP: CSV injection), and the
 * exports carry text that partners and publishers wrote (a measurement's source, an organisation's name).
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A cell for a spreadsheet: text that it would run as a formula is prefixed with a single quote, as
 * OWASP recommends, so it opens as the text it is; numbers are written as numbers, negative ones too.
 */
function spreadsheetCell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return csvField(typeof value === 'string' && FORMULA_TRIGGER.test(text) ? `'${text}` : text);
}

/** RFC 4180 text for spreadsheets: a header row, then one row per record, CRLF line endings, no cell a formula. */
export function writeCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return [header, ...rows].map((row) => `${row.map(spreadsheetCell).join(',')}\r\n`).join('');
}
