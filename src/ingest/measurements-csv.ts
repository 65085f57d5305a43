import { parseCsvWithHeader } from './csv.js';
import { emptyParsedFile, type ParsedFile } from './types.js';

const COLUMNS = ['metric_code', 'ods_code', 'period', 'value', 'numerator', 'denominator'];

/**
 * The generic long CSV partners send: `metric_code,ods_code,period,value,numerator,denominator`,
 * one measurement a line, empty cells for what does not apply. The values are checked as the
 * mutation checks them; here only the cells' form.
 */
export function parseMeasurementsCsv(file: string, text: string): ParsedFile {
  const parsed = emptyParsedFile(file);
  const problem = (line: number | null, message: string) => parsed.problems.push({ file, line, message });
  const rows = parseCsvWithHeader(text);
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const missing = COLUMNS.filter((column) => !header.includes(column));
  if (rows.length === 0 || missing.length > 0) {
    problem(
      1,
      rows.length === 0
        ? 'The file has no rows.'
        : `The header lacks ${missing.join(', ')} (expected ${COLUMNS.join(',')}).`,
    );
    return parsed;
  }
  rows.forEach((row, index) => {
    const line = index + 2;
    const numbers: Record<string, number | null> = {};
    for (const column of ['value', 'numerator', 'denominator']) {
      const text = (row[column] ?? '').trim();
      const number = text === '' ? null : Number(text);
      if (
        number !== null &&
        !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) &&
        !/^[-+]?(Infinity|NaN)$/.test(text)
      ) {
        problem(line, `${column} "${text}" is not a number.`);
        return;
      }
      numbers[column] = number;
    }
    parsed.claims.push({
      metricCode: (row.metric_code ?? '').trim(),
      odsCode: (row.ods_code ?? '').trim().toUpperCase(),
      period: (row.period ?? '').trim(),
      value: numbers.value,
      numerator: numbers.numerator,
      denominator: numbers.denominator,
    });
    parsed.origins.push({ file, line });
  });
  return parsed;
}
