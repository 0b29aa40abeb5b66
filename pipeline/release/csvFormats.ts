// The CSV files of a release, both written from the rows read back through the table schema.
// Plain CSV: RFC 4180, UTF-8 without BOM, CRLF, and every cell holding a line break quoted
// (quote_record_delimiter; the pipeline's build can leave a bare LF unquoted, which other CSV
// readers take for the end of a row: on a build without that, this rewrite changes nothing).
// Spreadsheet CSV (excel/): the same rows with a UTF-8 byte order mark, so that Excel reads
// Chinese correctly, and formulas neutralised by csv-stringify's escape_formulas: a text cell
// starting with = + - @ (or their full-width forms), a tab or a CR gets a leading '. Numeric
// columns are written as numbers and left alone. The plain CSVs keep the exact text.
import { stringify } from 'csv-stringify/sync';
import { typedRows, type ParsedTable, type TableDescription } from './tables.ts';

export const EXCEL_DIR = 'excel';

/** The characters that make csv-stringify's escape_formulas prefix a text cell with '. */
export const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

const COMMON = { header: true, record_delimiter: '\r\n', quote_record_delimiter: true } as const;

export function plainCsv(parsed: ParsedTable): Uint8Array {
  return Buffer.from(stringify(parsed.rows, { ...COMMON, columns: parsed.columns }), 'utf8');
}

export function excelCsv(table: TableDescription, parsed: ParsedTable): Uint8Array {
  const text = stringify(typedRows(table, parsed), {
    ...COMMON,
    columns: parsed.columns,
    bom: true,
    escape_formulas: true,
    cast: { boolean: String },
  });
  return Buffer.from(text, 'utf8');
}
