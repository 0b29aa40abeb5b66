// What every component needs to render in one script under one base path: labels, conversion
// of record text, and URLs. Interface pages live at <base><path> (simplified) and
// <base>zh-hant/<path> (traditional); a document lives at <base>documents/<id>/ in its original
// script and at <base>documents/<id>/<zh-hans|zh-hant>/ in the other. Links to a document go to
// its original script, the default; the reader's remembered choice (if any) redirects.
import type { Document } from '../../pipeline/generated/model.ts';
import { label, type LabelKey } from './labels.ts';
import { convert, scriptSlug, type Script } from './script.ts';

export const HANT_PREFIX = 'zh-hant/';

export interface Ctx {
  script: Script;
  base: string;
  /** An interface label in the page's script. */
  t(key: LabelKey, values?: Record<string, string | number>): string;
  /** Record text in the page's script; text already in it (`from`) is left exactly as it is. */
  c(text: string, from?: Script): string;
  /** An interface page, e.g. url('documents/') → /zh-hant/documents/. */
  url(path: string, script?: Script): string;
  /** A file that is the same in both scripts (downloads, seeds, feed). */
  file(path: string): string;
  /**
   * A document page with an optional provision anchor: in the document's original script unless
   * `script` is given. A reader who chose a script is taken to it by the page itself.
   */
  doc(document: Pick<Document, 'id' | 'script'>, anchor?: string, script?: Script): string;
}

export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

export function documentPath(document: Pick<Document, 'id' | 'script'>, script: Script): string {
  const tail = script === document.script ? '' : `${scriptSlug(script)}/`;
  return `documents/${document.id}/${tail}`;
}

export function makeCtx(script: Script, base: string): Ctx {
  const root = normaliseBase(base);
  const clean = (path: string) => path.replace(/^\/+/, '');
  return {
    script,
    base: root,
    t: (key, values) => label(key, script, values),
    c: (text, from) => convert(text, script, from),
    url: (path, target = script) => `${root}${target === 'zh-Hant' ? HANT_PREFIX : ''}${clean(path)}`,
    file: (path) => `${root}${clean(path)}`,
    doc: (document, anchor, target = document.script) =>
      `${root}${documentPath(document, target)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`,
  };
}

/** getStaticPaths entries for an interface page in both scripts: <base>… and <base>zh-hant/…. */
export function scriptPaths(): { params: { lang: string | undefined }; props: { script: Script } }[] {
  return [
    { params: { lang: undefined }, props: { script: 'zh-Hans' } },
    { params: { lang: HANT_PREFIX.slice(0, -1) }, props: { script: 'zh-Hant' } },
  ];
}

/** The hreflang alternates of an interface page. */
export function interfaceAlternates(ctx: Ctx, path: string): Alternates {
  return {
    'zh-Hans': ctx.url(path, 'zh-Hans'),
    'zh-Hant': ctx.url(path, 'zh-Hant'),
    default: ctx.url(path, 'zh-Hans'),
  };
}

/** The hreflang alternates of a document page: the original script is the default. */
export function documentAlternates(ctx: Ctx, document: Pick<Document, 'id' | 'script'>): Alternates {
  return {
    'zh-Hans': ctx.doc(document, undefined, 'zh-Hans'),
    'zh-Hant': ctx.doc(document, undefined, 'zh-Hant'),
    default: ctx.doc(document, undefined, document.script),
  };
}

export interface Alternates {
  'zh-Hans': string;
  'zh-Hant': string;
  default: string;
}
