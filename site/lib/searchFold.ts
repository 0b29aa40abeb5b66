// The folding table search uses, generated from OpenCC's own dictionaries when the site is built
// (never written by hand): characters that OpenCC converts into one another — traditional and
// simplified forms, Taiwan and Hong Kong variants, and the characters of its phrase conversions —
// form one class, and every member of a class folds to one of them. So a document and its
// converted twin fold to the same text, and a query folds the same whichever script it is typed in.
import STCharacters from 'opencc-js/dict/STCharacters';
import STPhrases from 'opencc-js/dict/STPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariants from 'opencc-js/dict/TWVariants';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsPhrases from 'opencc-js/dict/TWVariantsPhrases';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import HKVariants from 'opencc-js/dict/HKVariants';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsPhrases from 'opencc-js/dict/HKVariantsPhrases';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';

/**
 * The dictionaries the site's conversions use (script.ts: cn ↔ tw; the pipeline: hk → cn). The
 * regional vocabulary tables (TWPhrases, HKPhrases: 软件 → 軟體) are not conversions of the same
 * characters and stay out.
 */
const DICTIONARIES = [
  STCharacters,
  STPhrases,
  TSCharacters,
  TSPhrases,
  TWVariants,
  TWVariantsRev,
  TWVariantsPhrases,
  TWVariantsRevPhrases,
  HKVariants,
  HKVariantsRev,
  HKVariantsPhrases,
  HKVariantsRevPhrases,
];

/** Entries of an OpenCC dictionary: `key value1 value2|key value …`. */
function entries(dictionary: string): [string, string[]][] {
  return dictionary.split('|').map((entry) => {
    const [key = '', ...values] = entry.split(' ');
    return [key, values];
  });
}

let cached: string | undefined;

/** Every folding pair `from` → `to` as concatenated code points, sorted (see makeFolder). */
export function foldPairs(): string {
  if (cached !== undefined) return cached;
  const parent = new Map<string, string>();
  const find = (char: string): string => {
    let root = char;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    let at = char;
    while (parent.get(at) !== undefined && parent.get(at) !== root) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (!parent.has(ra)) parent.set(ra, ra);
    if (!parent.has(rb)) parent.set(rb, rb);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const dictionary of DICTIONARIES) {
    for (const [key, values] of entries(dictionary)) {
      const from = [...key];
      for (const value of values) {
        const to = [...value];
        // Phrase entries pair their characters one by one; a pair of different lengths says nothing.
        if (to.length !== from.length) continue;
        for (let i = 0; i < from.length; i++) if (from[i] !== to[i]) union(from[i]!, to[i]!);
      }
    }
  }
  const traditional = new Set(entries(TSCharacters).map(([key]) => key));
  const classes = new Map<string, string[]>();
  for (const char of parent.keys()) {
    const root = find(char);
    classes.set(root, [...(classes.get(root) ?? []), char]);
  }
  const pairs: [string, string][] = [];
  const byCodePoint = (a: string, b: string) => a.codePointAt(0)! - b.codePointAt(0)!;
  for (const members of classes.values()) {
    // The class's simplified form where there is one (a member OpenCC never converts to simplified).
    const plain = members.filter((char) => !traditional.has(char)).sort(byCodePoint);
    const canonical = plain[0] ?? [...members].sort(byCodePoint)[0]!;
    for (const char of members) if (char !== canonical) pairs.push([char, canonical]);
  }
  pairs.sort((a, b) => byCodePoint(a[0], b[0]));
  cached = pairs.map(([from, to]) => from + to).join('');
  return cached;
}

/** The pairs whose canonical character occurs in `folded` text: all a query needs to be folded. */
export function pairsFor(pairs: string, folded: Iterable<string>): string {
  const present = new Set<string>();
  for (const text of folded) for (const char of text) present.add(char);
  const chars = [...pairs];
  let out = '';
  for (let i = 0; i + 1 < chars.length; i += 2)
    if (present.has(chars[i + 1]!)) out += chars[i]! + chars[i + 1]!;
  return out;
}
