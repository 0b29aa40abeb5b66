// CHANGES.md and changes.json: one release's changes against the previous release, for people
// and for programs. changes.json keeps every changed cell's full before and after values;
// CHANGES.md shows long values around the part that changed.
import type { CellChange, Changes, Key } from './diff.ts';

/** A Markdown code span that survives backticks and line breaks in the value. */
export function codeSpan(value: string): string {
  const flat = value.replaceAll('\r', '␍').replaceAll('\n', '⏎');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/gu)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const CONTEXT = 16;
const SHORT = 80;

/** Before and after, shortened to the changed part with some context when either is long. */
export function excerpt(change: CellChange): [string, string] {
  const show = (value: string | null) => (value === null ? '_(empty)_' : codeSpan(value));
  const { before, after } = change;
  if (before === null || after === null || (before.length <= SHORT && after.length <= SHORT)) {
    return [show(before), show(after)];
  }
  const a = [...before];
  const b = [...after];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const cut = (chars: string[]) => {
    const start = Math.max(0, prefix - CONTEXT);
    const end = Math.min(chars.length, chars.length - suffix + CONTEXT);
    return `${start > 0 ? '…' : ''}${codeSpan(chars.slice(start, end).join(''))}${end < chars.length ? '…' : ''}`;
  };
  return [cut(a), cut(b)];
}

const keyText = (key: Key) => Object.values(key).map(codeSpan).join(' · ');
const list = (ids: readonly string[]) => (ids.length ? ids.map(codeSpan).join(', ') : 'none 无');

export function changesJson(changes: Changes): string {
  return `${JSON.stringify(changes, null, 2)}\n`;
}

export function changesMarkdown(changes: Changes): string {
  const lines: string[] = [];
  if (changes.previous === null) {
    lines.push(
      `# Release ${changes.version} · 版本 ${changes.version}`,
      '',
      `Released ${changes.date}. The first release: every document and row is new. ` +
        `发布日期 ${changes.date}。首个版本：所有文件与数据行均为新增。`,
      '',
      `Documents 文件 (${changes.documents.added.length}): ${list(changes.documents.added)}`,
      '',
      '| table 表 | rows 行 |',
      '| --- | ---: |',
      ...changes.tables.map((table) => `| ${codeSpan(table.name)} | ${table.added} |`),
    );
    return `${lines.join('\n')}\n`;
  }
  const { summary, bump } = changes;
  lines.push(
    `# Changes in release ${changes.version} · 版本 ${changes.version} 变更`,
    '',
    `Released ${changes.date}, compared with release ${changes.previous}. ` +
      `发布日期 ${changes.date}，与版本 ${changes.previous} 比较。`,
    '',
    `Version step 版本级别: **${bump.given}**; the changes need at least **${bump.required}**` +
      (bump.reasons.length ? ` (${bump.reasons.join('; ')}).` : ' (corrections only).'),
    '',
    '## Summary · 概要',
    '',
    '| | added 新增 | removed 删除 | changed 修改 |',
    '| --- | ---: | ---: | ---: |',
    `| documents 文件 | ${summary.documents.added} | ${summary.documents.removed} | ${summary.documents.changed} |`,
    ...changes.tables.map(
      (table) => `| ${codeSpan(table.name)} rows 行 | ${table.added} | ${table.removed} | ${table.changed} |`,
    ),
    '',
    '## Documents · 文件',
    '',
    `- Added 新增: ${list(changes.documents.added)}`,
    `- Removed 删除: ${list(changes.documents.removed)}`,
    `- Changed 修改: ${list(changes.documents.changed)}`,
    '',
  );
  const touched = changes.tables.filter(
    (table) =>
      table.added + table.removed + table.changed > 0 ||
      table.columns_added.length + table.columns_removed.length + table.columns_retyped.length > 0 ||
      table.status !== 'kept',
  );
  if (touched.length) lines.push('## Rows · 数据行', '');
  for (const table of touched) {
    lines.push(`### ${codeSpan(table.name)}${table.status === 'kept' ? '' : ` (table ${table.status})`}`, '');
    if (table.columns_added.length) lines.push(`- Columns added 新增列: ${list(table.columns_added)}`);
    if (table.columns_removed.length) lines.push(`- Columns removed 删除列: ${list(table.columns_removed)}`);
    if (table.columns_retyped.length)
      lines.push(`- Columns retyped 类型变更: ${list(table.columns_retyped)}`);
    if (table.primary_key_changed) lines.push('- The primary key changed. 主键已变更。');
    const rows = table.rows;
    if (!rows) continue;
    for (const change of rows.changed) {
      lines.push(`- Changed 修改: ${keyText(change.key)}`);
      for (const [column, cellChange] of Object.entries(change.cells)) {
        const [before, after] = excerpt(cellChange);
        lines.push(`  - ${codeSpan(column)}: ${before} → ${after}`);
      }
    }
    for (const key of rows.added) lines.push(`- Added 新增: ${keyText(key)}`);
    for (const removed of rows.removed) lines.push(`- Removed 删除: ${keyText(removed.key)}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
