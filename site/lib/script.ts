// 简/繁 at build time with OpenCC. Documents keep their original script; the other script is a
// conversion, made here and nowhere else.
import { lazyConverter } from '../../pipeline/chineseScript.ts';

export type Script = 'zh-Hans' | 'zh-Hant';
export const SCRIPTS: readonly Script[] = ['zh-Hans', 'zh-Hant'];

/**
 * Traditional in the common character forms (為, not 爲), read in Hong Kong, Macao and Taiwan
 * alike; simplified in mainland forms. Each made when first used: a process that imports this
 * module and converts nothing (the build's integrations) loads no dictionary.
 */
const converters: Record<Script, (text: string) => string> = {
  'zh-Hant': lazyConverter({ from: 'cn', to: 'tw' }),
  'zh-Hans': lazyConverter({ from: 'tw', to: 'cn' }),
};
const cache = new Map<string, string>();
const CACHED_LENGTH = 120;

/** Converts text into `to`. Text already in `to` (`from === to`) is returned untouched. */
export function convert(text: string, to: Script, from?: Script): string {
  if (from === to || text === '') return text;
  // Names, titles and labels recur on many pages; a provision's text is converted once per page
  // that shows it, so long texts are not kept (they would push the short ones out).
  if (text.length > CACHED_LENGTH) return converters[to](text);
  const key = `${to}\u0000${text}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const out = converters[to](text);
  if (cache.size > 50_000) cache.clear();
  cache.set(key, out);
  return out;
}

export function otherScript(script: Script): Script {
  return script === 'zh-Hans' ? 'zh-Hant' : 'zh-Hans';
}

/** URL segment for a script: zh-hans / zh-hant. */
export function scriptSlug(script: Script): string {
  return script.toLowerCase();
}

/**
 * Converts the text of trusted HTML (the hand-written commentary), leaving tags, attributes,
 * character references and the content of <script>, <style>, <code> and <pre> as they are.
 */
export function convertHtml(html: string, to: Script): string {
  let raw = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        if (/^<(script|style|code|pre)\b/i.test(part)) raw += 1;
        else if (/^<\/(script|style|code|pre)\s*>/i.test(part)) raw = Math.max(0, raw - 1);
        return part;
      }
      if (raw > 0) return part;
      return part
        .split(/(&[#a-zA-Z0-9]+;)/)
        .map((piece) => (piece.startsWith('&') ? piece : convert(piece, to)))
        .join('');
    })
    .join('');
}
