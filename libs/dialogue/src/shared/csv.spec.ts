import { ValidationFailed } from './errors';
import { readCsv } from './csv';

function issuesOf(text: string) {
  try {
    readCsv(text, ['code', 'name'], ['note']);
  } catch (error) {
    if (error instanceof ValidationFailed) return error.issues;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readCsv', () => {
  it('numbers rows by the line they start on: blank lines count, a quoted cell may span lines', () => {
    const rows = readCsv('\ufeffcode,name\r\n\r\nA,"two\r\nlines"\r\n\r\n\r\nB,b\r\n', ['code', 'name']);
    expect(rows.map((r) => [r.row, r.cell('code'), r.cell('name')])).toEqual([
      [3, 'A', 'two\r\nlines'],
      [7, 'B', 'b'],
    ]);
  });

  it('names the header line of a column given twice, one without a name, an unknown or a missing one', () => {
    expect(issuesOf('\ncode,Code,,colour\nA,B,C,D')).toEqual([
      { field: 'code', code: 'column-twice', message: 'is given twice', row: 2 },
      { field: 'column 3', code: 'column-unnamed', message: 'has no name', row: 2 },
      { field: 'colour', code: 'column-unknown', message: 'unknown column', row: 2 },
      { field: 'name', code: 'column-missing', message: 'column is missing from the header', row: 2 },
    ]);
  });

  it('names the line where the row at fault starts, even after a CRLF inside a quoted cell', () => {
    expect(issuesOf('code,name\nA,B\n\nC,D,E\n')).toEqual([
      { field: 'csv', code: 'csv-syntax', message: expect.stringContaining('Invalid Record Length'), row: 4 },
    ]);
    expect(issuesOf('code,name\r\nA,"x\r\ny"\r\n\r\nB,"open\r\nC,D\r\n')).toEqual([
      { field: 'csv', code: 'csv-syntax', message: expect.stringContaining('Quote Not Closed'), row: 5 },
    ]);
  });
});
