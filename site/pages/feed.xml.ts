// feed.xml: an Atom feed of the documents and the data releases, newest first.
import type { APIRoute } from 'astro';
import { getArchive } from '../lib/data.ts';
import { releases } from '../lib/downloads.ts';
import { makeCtx } from '../lib/ctx.ts';
import { LABELS } from '../lib/labels.ts';

const escape = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!,
  );

export const GET: APIRoute = () => {
  const ctx = makeCtx('zh-Hans', import.meta.env.BASE_URL);
  const entries: { id: string; title: string; href: string; updated: string }[] = [];
  for (const document of getArchive().documents) {
    const date = document.issued_date ?? document.repost.date;
    if (!date) continue;
    entries.push({
      id: `urn:pprd-archive:document:${document.id}`,
      title: document.doc_number ? `${document.title}（${document.doc_number}）` : document.title,
      href: ctx.doc(document, undefined, document.script),
      updated: `${date}T00:00:00Z`,
    });
  }
  for (const release of releases()) {
    if (!release.date) continue;
    entries.push({
      id: `urn:pprd-archive:release:${release.version}`,
      title: `${LABELS.dataReleases['zh-Hans']} ${release.version}`,
      href: `${ctx.url('data/')}#v-${release.version}`,
      updated: `${release.date}T00:00:00Z`,
    });
  }
  entries.sort((a, b) => b.updated.localeCompare(a.updated));
  const updated = entries[0]?.updated ?? '1970-01-01T00:00:00Z';
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh">',
    `  <title>${escape(LABELS.siteName['zh-Hans'])}</title>`,
    `  <id>urn:pprd-archive:feed</id>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="alternate" href="${escape(ctx.url(''))}"/>`,
    ...entries.map(
      (entry) =>
        `  <entry>\n    <title>${escape(entry.title)}</title>\n    <id>${entry.id}</id>\n    <updated>${entry.updated}</updated>\n    <link rel="alternate" href="${escape(entry.href)}"/>\n  </entry>`,
    ),
    '</feed>',
    '',
  ].join('\n');
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
