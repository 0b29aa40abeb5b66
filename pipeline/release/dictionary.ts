// DICTIONARY.md: the data dictionary, generated from schemas/tables.json: every table and column
// with its type, key and description in English and Chinese; how the tables join; the rules for
// missing values, multi-value cells and the spreadsheet variants in excel/.
import { EXCEL_DIR, FORMULA_STARTS } from './csvFormats.ts';
import { isMultiValue, type FieldDescription, type ForeignKey, type TableDescription } from './tables.ts';

/** Escapes text for a Markdown table cell. */
export const cell = (text: string) =>
  text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');

const code = (text: string) => `\`${text}\``;

function reference(key: ForeignKey): string {
  const from = key.fields.length === 1 ? key.fields[0]! : `(${key.fields.join(', ')})`;
  const to =
    key.reference.fields.length === 1 ? key.reference.fields[0]! : `(${key.reference.fields.join(', ')})`;
  return `${from} → ${key.reference.resource}.${to}`;
}

/** One line per foreign key: `provisions.document_id` → `documents.id`. */
export function joinLines(tables: readonly TableDescription[]): string[] {
  return tables.flatMap((table) =>
    (table.schema.foreignKeys ?? []).map((key) => {
      const [from, to] = reference(key).split(' → ');
      return `${code(`${table.name}.${from}`)} → ${code(to!)}`;
    }),
  );
}

export function multiValueColumns(tables: readonly TableDescription[]): string[] {
  return tables.flatMap((table) =>
    table.schema.fields.filter(isMultiValue).map((field) => `${table.name}.${field.name}`),
  );
}

function keyCell(table: TableDescription, field: FieldDescription): string {
  const parts: string[] = [];
  if (table.schema.primaryKey.includes(field.name)) parts.push('PK');
  for (const key of table.schema.foreignKeys ?? []) {
    if (key.fields.includes(field.name)) parts.push(`FK ${reference(key)}`);
  }
  return parts.join('; ');
}

function typeCell(field: FieldDescription): string {
  let text = field.type;
  if (isMultiValue(field)) text += ' (list, `;`)';
  if (field.constraints?.enum) text += `: ${field.constraints.enum.map(code).join(', ')}`;
  return text;
}

function tableSection(table: TableDescription): string[] {
  const lines = [
    `## ${code(table.name)}: ${table.title} · ${table.zh.title}`,
    '',
    table.description,
    '',
    table.zh.description,
    '',
    `File 文件: ${code(`${table.name}.csv`)} (spreadsheet variant 电子表格版本: ${code(`${EXCEL_DIR}/${table.name}.csv`)}). ` +
      `Primary key 主键: ${table.schema.primaryKey.map(code).join(', ')}.`,
    '',
    '| column 列 | type 类型 | key 键 | required 必填 | description | 说明 |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const field of table.schema.fields) {
    const required = field.constraints?.required ? 'yes 是' : '';
    lines.push(
      `| ${code(field.name)} | ${cell(typeCell(field))} | ${cell(keyCell(table, field))} | ${required} | ` +
        `**${cell(field.title)}.** ${cell(field.description)} | **${cell(field.zh.title)}。** ${cell(field.zh.description)} |`,
    );
  }
  lines.push('');
  return lines;
}

export function dictionary(tables: readonly TableDescription[], version: string): string {
  const formulaStarts = FORMULA_STARTS.map((start) =>
    start === '\t' ? 'tab' : start === '\r' ? 'CR' : code(start),
  );
  const lines = [
    '# Data dictionary · 数据字典',
    '',
    `Release ${version}. Generated from the table schemas in ${code('schemas/tables.json')}; the same ` +
      `descriptions are in ${code('datapackage.json')} (Frictionless Data Package v2).`,
    '',
    `版本 ${version}。由 ${code('schemas/tables.json')} 中的表结构生成；${code('datapackage.json')}（Frictionless Data Package v2）载有相同的说明。`,
    '',
    '## Conventions · 约定',
    '',
    '- **CSV files**: RFC 4180, UTF-8 without a byte order mark, CRLF line ends, a header row with the ' +
      'column names below, in that order; a cell holding a line break, a comma or a quote is quoted. ' +
      '每个 CSV 文件：RFC 4180 格式，UTF-8 编码（无 BOM），CRLF 换行，首行为列名；含换行、逗号或引号的单元格加引号。',
    '- **Types**: `string`; `integer`; `number` (decimal); `boolean` (`true` or `false`); `date` ' +
      '(`YYYY-MM-DD`). 类型：字符串、整数、数值、布尔值（`true`/`false`）、日期（`YYYY-MM-DD`）。',
    '- **Missing values**: an empty cell means the value is unknown or does not apply (null); it is never ' +
      'a guess. 缺失值：空单元格表示未知或不适用（null），从不臆测填充。',
    `- **Multi-value cells**: a cell of a column marked "list" holds several values joined with ${code(';')} ` +
      `and no spaces; split on ${code(';')} to get them (no value contains ${code(';')}). Such columns: ` +
      `${multiValueColumns(tables).map(code).join(', ')}. 多值单元格：标为 list 的列以 ${code(';')} ` +
      `（无空格）连接多个值，按 ${code(';')} 拆分即可。`,
    `- **Spreadsheet variants** (${code(`${EXCEL_DIR}/<table>.csv`)}): the same rows for opening in Excel ` +
      'and other spreadsheets: UTF-8 *with* a byte order mark, so that Chinese displays correctly, and ' +
      `formulas neutralised: a text cell that starts with ${formulaStarts.join(', ')} is written with a ` +
      `leading apostrophe ${code("'")}, so that a spreadsheet shows it as text instead of evaluating it ` +
      `(for example the recurring deadline ${code('--06-30;--12-31')} becomes ${code("'--06-30;--12-31")}). ` +
      'Numeric columns are not changed. Use the plain CSVs, the JSON or the SQLite database for ' +
      'anything but a spreadsheet: they keep the exact text. ' +
      `电子表格版本（${code(`${EXCEL_DIR}/<table>.csv`)}）：供 Excel 等电子表格软件打开，带 UTF-8 BOM 以正确显示中文；` +
      `以 ${formulaStarts.join('、')} 开头的文本单元格前加撇号 ${code("'")}，防止被当作公式执行；数值列不变。` +
      '除电子表格外请使用原始 CSV、JSON 或 SQLite，它们保留原文。',
    '',
    '## How the tables join · 表间关联',
    '',
    'Each line is a foreign key: the columns on the left hold a key of the table on the right. ' +
      '每行是一个外键：左侧列的值是右侧表的键。',
    '',
    ...joinLines(tables).map((line) => `- ${line}`),
    '',
    'A document (`documents`) has provisions (`provisions`, a tree through `parent_id`), tasks ' +
      '(`tasks`, each in a provision) with the agencies responsible (`task_agencies` joins `tasks` and ' +
      '`agencies`), references to other documents (`references`: to a document in the archive through ' +
      '`target_document_id`, otherwise to `external_references`), dated commitments (`commitments`), and ' +
      'the repairs made to its scraped text (`repairs`). ' +
      '一份文件（documents）包含条款（provisions，经 parent_id 构成树）、任务（tasks）及其责任单位' +
      '（task_agencies 连接 tasks 与 agencies）、对其他文件的引用（references：文库内文件经 target_document_id，' +
      '否则指向 external_references）、有时限的承诺（commitments），以及对抓取文本所作的修复（repairs）。',
    '',
    ...tables.flatMap(tableSection),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
