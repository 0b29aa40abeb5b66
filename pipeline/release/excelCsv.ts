// The spreadsheet variant of a table: the same rows with a UTF-8 byte order mark, so that Excel
// reads Chinese correctly, and with formulas neutralised by csv-stringify's escape_formulas:
// a text cell starting with = + - @ (or their full-width forms), a tab or a CR gets a leading '.
// Numeric columns are written as numbers and left alone. The plain CSVs keep the exact text.
import { stringify } from 'csv-stringify/sync';
import { parseTableCsv, typedRows, type TableDescription } from './tables.ts';

export const EXCEL_DIR = 'excel';

/** The characters that make csv-stringify's escape_formulas prefix a text cell with '. */
export const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

export function excelCsv(table: TableDescription, csv: string, source: string): Uint8Array {
  const parsed = parseTableCsv(csv, table, source);
  const text = stringify(typedRows(table, parsed), {
    header: true,
    columns: parsed.columns,
    record_delimiter: '\r\n',
    bom: true,
    escape_formulas: true,
    cast: { boolean: String },
  });
  return Buffer.from(text, 'utf8');
}
