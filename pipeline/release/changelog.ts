// The list of every release, for the repository (data/CHANGELOG.md) and for feed readers
// (data/releases/feed.xml, Atom), rebuilt from the releases' changes.json after each release.
import { compareVersions, parseVersion } from './semver.ts';
import type { Changes } from './diff.ts';
import { CREATOR, LICENSE, TITLE, TITLE_ZH } from './metadata.ts';

export function newestFirst(releases: readonly Changes[]): Changes[] {
  return [...releases].sort((a, b) => compareVersions(parseVersion(b.version), parseVersion(a.version)));
}

function counts(changes: Changes): { documents: string; rows: string } {
  const { documents, rows } = changes.summary;
  if (changes.previous === null) {
    return { documents: `${documents.total} (first release)`, rows: `${rows.total}` };
  }
  return {
    documents: `${documents.total} (+${documents.added} −${documents.removed} ~${documents.changed})`,
    rows: `${rows.total} (+${rows.added} −${rows.removed} ~${rows.changed})`,
  };
}

/** data/CHANGELOG.md; `base` is the releases folder relative to it, e.g. `releases`. */
export function changelogMarkdown(releases: readonly Changes[], base: string): string {
  const lines = [
    '# Releases · 版本发布',
    '',
    'Every release of the open data, newest first. A release folder is frozen: its files never ' +
      'change, `SHA256SUMS` and its BagIt manifests pin them, and `npm run build` checks them. ' +
      'Counts are totals, with rows added (+), removed (−) and changed (~) since the previous release.',
    '',
    '每个开放数据版本，按新到旧排列。版本目录一经发布即冻结：其文件不再改动，由 `SHA256SUMS` 与 BagIt 清单校验，`npm run build` 会检查。',
    '',
    '| version 版本 | date 日期 | documents 文件 | rows 数据行 | changes 变更 |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const release of newestFirst(releases)) {
    const { documents, rows } = counts(release);
    lines.push(
      `| [${release.version}](${base}/${release.version}/) | ${release.date} | ${documents} | ${rows} | ` +
        `[CHANGES.md](${base}/${release.version}/CHANGES.md) |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const xml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const FEED_ID = 'tag:pprd-archive.org,2026:releases';

function summary(release: Changes): string {
  const { documents, rows } = counts(release);
  const step = release.previous === null ? 'First release' : `Changes since ${release.previous}`;
  return `${step}. Documents: ${documents}. Rows: ${rows}.`;
}

/** data/releases/feed.xml; links are relative to the feed. */
export function atomFeed(releases: readonly Changes[]): string {
  const sorted = newestFirst(releases);
  const updated =
    sorted
      .map((release) => release.date)
      .sort()
      .at(-1) ?? '1970-01-01';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${FEED_ID}</id>`,
    `  <title>${xml(`${TITLE} · ${TITLE_ZH}: data releases`)}</title>`,
    `  <updated>${updated}T00:00:00Z</updated>`,
    `  <author><name>${xml(CREATOR)}</name></author>`,
    `  <rights>${xml(`Data: ${LICENSE.title} (${LICENSE.name})`)}</rights>`,
    '  <link rel="self" type="application/atom+xml" href="feed.xml"/>',
  ];
  for (const release of sorted) {
    lines.push(
      '  <entry>',
      `    <id>${FEED_ID}/${xml(release.version)}</id>`,
      `    <title>${xml(`Release ${release.version} (${release.date})`)}</title>`,
      `    <updated>${release.date}T00:00:00Z</updated>`,
      `    <link rel="alternate" type="text/markdown" href="${xml(release.version)}/CHANGES.md"/>`,
      `    <link rel="related" type="application/json" href="${xml(release.version)}/data/datapackage.json"/>`,
      `    <summary>${xml(summary(release))}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}
