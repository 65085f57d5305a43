import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseCsv, parseCsvWithHeader } from '../../src/ingest/csv.js';

describe('reading CSV', () => {
  it('handles quotes, embedded commas, doubled quotes and line breaks in quotes', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\n')).toEqual([['a', 'b, c', 'say "hi"', 'two\nlines']]);
  });

  it('handles CRLF, a byte-order mark, blank lines and a missing final newline', () => {
    expect(parseCsv('\uFEFFx,y\r\n1,2\r\n\r\n3,4')).toEqual([
      ['x', 'y'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps empty trailing columns', () => {
    expect(parseCsv('a,b,,\n')).toEqual([['a', 'b', '', '']]);
  });

  it('keys rows by trimmed header names', () => {
    expect(parseCsvWithHeader("Org Code ,Name\nRJ1,Guy's\n")).toEqual([{ 'Org Code': 'RJ1', Name: "Guy's" }]);
  });

  it('refuses a file that ends inside quotes', () => {
    expect(() => parseCsv('a,"unterminated\n')).toThrow(CsvFormatError);
  });
});
