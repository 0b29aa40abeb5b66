// README.md of a release: what the files and tables are, how the tables join, how the text was
// cleaned, how to cite the release and its licence.
import { cell, joinLines } from './dictionary.ts';
import { FULL_TEXT } from './sqliteArchive.ts';
import {
  DESCRIPTION,
  DESCRIPTION_ZH,
  LICENSE,
  LICENSE_NOTE,
  LICENSE_NOTE_ZH,
  TITLE,
  TITLE_ZH,
  bibtex,
  citation,
} from './metadata.ts';
import type { TableDescription } from './tables.ts';

export interface ReadmeInput {
  version: string;
  date: string;
  previous: string | null;
  tables: readonly TableDescription[];
  rowCounts: ReadonlyMap<string, number>;
  documentCount: number;
}

const FILES: [string, string][] = [
  [
    'data/datapackage.json',
    'Frictionless Data Package (v2) descriptor: every table with its schema, sizes and SHA-256 hashes, the sources, the licence. 数据包描述文件。',
  ],
  [
    'data/<table>.csv',
    'one CSV per table (below): RFC 4180, UTF-8, CRLF, exact text. 每表一个 CSV 文件，保留原文。',
  ],
  [
    'data/excel/<table>.csv',
    'the same tables for spreadsheets: UTF-8 with BOM, formulas neutralised (see DICTIONARY.md). 供电子表格软件打开的版本。',
  ],
  [
    'data/documents/<id>.json',
    'the full record of each document (metadata, provisions, tasks, agencies, references, commitments, repairs), valid against data/schemas/document.schema.json. 每份文件的完整记录。',
  ],
  ['data/text/<id>.txt', 'the clean body of each document, UTF-8, LF. 每份文件的净化正文。'],
  [
    'data/archive.json',
    'every document record and the external references in one JSON file. 全部记录合一的 JSON 文件。',
  ],
  [
    'data/archive.sqlite',
    `all tables in one SQLite database with keys and full-text indexes (${Object.keys(FULL_TEXT)
      .map((name) => `${name}_fts`)
      .join(', ')}); open it with Datasette or any SQLite client. 含全文索引的 SQLite 数据库。`,
  ],
  [
    'data/ingest.json',
    'how each raw file was decoded, and the characters still marked 〓. 原始文件的解码记录。',
  ],
  ['data/DICTIONARY.md', 'the data dictionary: every table and column in English and Chinese. 数据字典。'],
  [
    'data/schemas/',
    'the JSON Schemas and table schemas this release was validated against; vendor/ holds the Data Package profile. 本版本据以校验的结构定义。',
  ],
  ['CHANGES.md, changes.json', 'what changed since the previous release. 与上一版本相比的变更。'],
  ['SHA256SUMS', 'the SHA-256 of every other file: run `sha256sum -c SHA256SUMS` in this folder. 校验和。'],
  [
    'bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt',
    'this folder is a BagIt bag (RFC 8493) with its payload in data/. BagIt 封装。',
  ],
];

export function releaseReadme(input: ReadmeInput): string {
  const { version, date } = input;
  const lines = [
    `# ${TITLE} · ${TITLE_ZH}: release ${version}`,
    '',
    `Version ${version}, released ${date}` +
      (input.previous
        ? `; changes since ${input.previous} are in [CHANGES.md](CHANGES.md).`
        : '; the first release.') +
      ` ${input.documentCount} documents. 版本 ${version}，发布日期 ${date}，共 ${input.documentCount} 份文件。`,
    '',
    DESCRIPTION,
    '',
    DESCRIPTION_ZH,
    '',
    '## Files · 文件',
    '',
    '| file 文件 | what 内容 |',
    '| --- | --- |',
    ...FILES.map(([path, what]) => `| \`${path}\` | ${cell(what)} |`),
    '',
    '## Tables · 数据表',
    '',
    'Every column is described, in English and Chinese, in [data/DICTIONARY.md](data/DICTIONARY.md). ' +
      '各列的中英文说明见 data/DICTIONARY.md。',
    '',
    '| table 表 | rows 行数 | what | 说明 |',
    '| --- | ---: | --- | --- |',
    ...input.tables.map(
      (table) =>
        `| \`${table.name}\` | ${input.rowCounts.get(table.name) ?? 0} | **${cell(table.title)}.** ${cell(table.description)} | ` +
        `**${cell(table.zh.title)}。** ${cell(table.zh.description)} |`,
    ),
    '',
    '## How the tables join · 表间关联',
    '',
    'Each line is a foreign key: the columns on the left hold a key of the table on the right. ' +
      'Cells of list columns hold several values joined with `;`. ' +
      '每行是一个外键；多值列以 `;` 连接多个值。',
    '',
    ...joinLines(input.tables).map((line) => `- ${line}`),
    '',
    'For example, the tasks whose text mentions 大通关, with their documents, from the SQLite database:',
    '',
    '```sql',
    'SELECT d.title, t.label, t.responsibility',
    'FROM tasks_fts',
    'JOIN tasks t ON t.rowid = tasks_fts.rowid',
    'JOIN documents d ON d.id = t.document_id',
    "WHERE tasks_fts MATCH '大通关';",
    '```',
    '',
    'The full-text indexes use the trigram tokenizer: any string of three or more characters matches ' +
      'wherever it occurs; for shorter strings use `LIKE`. 全文索引采用 trigram 分词，三字及以上的任意子串均可检索。',
    '',
    '## How the text was cleaned · 文本如何净化',
    '',
    'The sources are copies of the documents scraped from government and news websites; each raw ' +
      'file is named, with its SHA-256, in `sources` of data/datapackage.json and in the ' +
      '`source_file` and `source_sha256` columns of documents.csv. Each raw file was decoded (UTF-8, ' +
      'UTF-16, GB18030/GBK or Big5, detected and recorded in data/ingest.json), normalised (LF line ' +
      'ends, Unicode NFC), repaired (runs of GBK text decoded one byte off realigned, pinyin readings ' +
      'a site inserted after characters removed, and reviewed human decisions applied), and stripped ' +
      'of what belongs to the website rather than the document (navigation, bylines, counters, ' +
      'related links). **Every change is a row of [data/repairs.csv](data/repairs.csv)**: the ' +
      'document, the stage and rule, the line and column in the decoded raw file, the original and ' +
      'the replacement text, and a confidence; undoing them gives back the raw text exactly. A ' +
      'character whose bytes the scrape lost is marked 〓 and counted in data/ingest.json.',
    '',
    '原始资料是从政府及新闻网站抓取的文件副本；每个原始文件及其 SHA-256 见 data/datapackage.json 的 `sources` ' +
      '以及 documents.csv 的 `source_file`、`source_sha256` 列。每个文件经过解码（自动识别 UTF-8、UTF-16、' +
      'GB18030/GBK 或 Big5，记录于 data/ingest.json）、规范化（LF 换行、Unicode NFC）、修复（重新对齐错位一字节的 ' +
      'GBK 文本、删除网站插入的拼音注音、应用人工审定的修订），并删除属于网站而非文件本身的内容（导航、署名、' +
      '浏览计数、相关链接）。**每一处改动都是 data/repairs.csv 中的一行**：所属文件、阶段与规则、在解码后原文中的' +
      '行与列、原文与替换文本、置信度；逆向应用即可得到原文。抓取中丢失字节的字符标为 〓，并在 data/ingest.json 中计数。',
    '',
    '## How to cite · 引用方式',
    '',
    `> ${citation(version, date)}`,
    '',
    '```bibtex',
    bibtex(version, date),
    '```',
    '',
    `Please cite the version you used: releases never change once published. 请注明所用版本号（${version}）与发布日期（${date}）；已发布的版本不会再改动。`,
    '',
    '## Licence · 许可',
    '',
    `Data: [${LICENSE.title}](${LICENSE.path}) (${LICENSE.name}). ${LICENSE_NOTE}`,
    '',
    LICENSE_NOTE_ZH,
    '',
    '## Checking the files · 校验',
    '',
    '```sh',
    'sha256sum -c SHA256SUMS',
    '```',
    '',
    'checks every file in this folder. The folder is also a BagIt bag (RFC 8493): any BagIt ' +
      'validator checks the payload in data/ against manifest-sha256.txt and Payload-Oxum in ' +
      'bag-info.txt. 在本目录运行上述命令即可校验全部文件；本目录同时是 BagIt 封装，可用任何 BagIt 校验工具检查。',
  ];
  return `${lines.join('\n')}\n`;
}
