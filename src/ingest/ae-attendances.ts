import { parseCsvWithHeader } from './csv.js';
import { countCell, emptyParsedFile, type ParsedFile } from './types.js';

/**
 * The long-format A&E file of April 2016 to March 2019 (`period` as the month's first day,
 * `org_code`, `type` of department, `attendances`, `breaches` over four hours, `admissions`).
 * Department types are summed per provider and month into AE_4HR and AE_ATTENDANCES.
 */
export function parseAeAttendances(file: string, text: string): ParsedFile {
  const parsed = emptyParsedFile(file);
  const problem = (line: number | null, message: string) => parsed.problems.push({ file, line, message });
  const rows = parseCsvWithHeader(text);
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const missing = ['period', 'org_code', 'type', 'attendances', 'breaches'].filter(
    (column) => !header.includes(column),
  );
  if (rows.length === 0 || missing.length > 0) {
    problem(
      1,
      rows.length === 0
        ? 'The file has no rows.'
        : `This is not the long-format A&E file: it lacks ${missing.join(', ')}.`,
    );
    return parsed;
  }
  const totals = new Map<
    string,
    { odsCode: string; period: string; attendances: number; breaches: number; line: number }
  >();
  rows.forEach((row, index) => {
    const line = index + 2;
    const match = /^(\d{4})-(\d{2})-01$/.exec(row.period?.trim() ?? '');
    if (!match) return problem(line, `"${row.period}" is not the first day of a month (YYYY-MM-01).`);
    const odsCode = (row.org_code ?? '').trim().toUpperCase();
    if (!/^[A-Z0-9]{3,10}$/.test(odsCode)) return problem(line, `"${row.org_code}" is not an ODS code.`);
    if (!['1', '2', 'other'].includes((row.type ?? '').trim()))
      return problem(line, `"${row.type}" is not a department type (1, 2 or other).`);
    const attendances = countCell(row.attendances);
    const breaches = countCell(row.breaches);
    if (attendances === undefined || breaches === undefined)
      return problem(line, 'attendances and breaches must be whole numbers.');
    if (breaches > attendances) return problem(line, `More breaches (${breaches}) than attendances (${attendances}).`);
    const period = `${match[1]}-${match[2]}`;
    const key = `${odsCode}|${period}`;
    const total = totals.get(key) ?? { odsCode, period, attendances: 0, breaches: 0, line };
    total.attendances += attendances;
    total.breaches += breaches;
    totals.set(key, total);
  });
  const seen = new Set<string>();
  for (const total of totals.values()) {
    if (!seen.has(total.odsCode)) {
      seen.add(total.odsCode);
      parsed.providers.push({ odsCode: total.odsCode, name: total.odsCode, regionOdsCode: null });
    }
    if (total.attendances > 0) {
      parsed.claims.push({
        metricCode: 'AE_4HR',
        odsCode: total.odsCode,
        period: total.period,
        numerator: total.attendances - total.breaches,
        denominator: total.attendances,
      });
      parsed.origins.push({ file, line: total.line });
    }
    parsed.claims.push({
      metricCode: 'AE_ATTENDANCES',
      odsCode: total.odsCode,
      period: total.period,
      value: total.attendances,
    });
    parsed.origins.push({ file, line: total.line });
  }
  return parsed;
}
