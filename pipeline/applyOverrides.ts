// Human decisions: spans the automatic repairs cannot settle (a character lost in the scrape)
// are decided in the reviewed overrides file, each with its reason. The raw seeds are never edited.
import { InputError } from './inputError.ts';
import type { Edit } from './textEdits.ts';

export interface Override {
  seed: string;
  /** The exact span as the automatic stages leave it, with enough context to be unique. */
  original: string;
  replacement: string;
  reason: string;
}

export const OVERRIDES_FILE = 'overrides.json';

/** The overrides that name a seed (by its file name, wherever the seeds folder is). */
export function overridesFor(overrides: readonly Override[], sourceFile: string): Override[] {
  const name = sourceFile.split('/').at(-1);
  return overrides.filter((override) => override.seed === name);
}

/** Parses the overrides file, naming the entry (JSON pointer) of any malformed one. */
export function parseOverrides(json: string, file: string): Override[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new InputError(file, undefined, `not valid JSON (${(error as Error).message})`, 'Fix the syntax');
  }
  const entries = (data as { overrides?: unknown }).overrides;
  if (!Array.isArray(entries)) {
    throw new InputError(file, undefined, 'expected an object with an "overrides" array', 'See the README');
  }
  return entries.map((entry: Record<string, unknown>, index) => {
    for (const key of ['seed', 'original', 'replacement', 'reason'] as const) {
      if (typeof entry[key] !== 'string' || (key !== 'replacement' && entry[key] === '')) {
        throw new InputError(
          file,
          undefined,
          `/overrides/${index}/${key}: expected a non-empty string`,
          'Every override names the seed, the exact original span, the replacement and the reason',
        );
      }
    }
    return entry as unknown as Override;
  });
}

/** Edits for one seed's overrides; an override whose original does not match exactly once is an error. */
export function applyOverrides(text: string, overrides: readonly Override[], file: string): Edit[] {
  return overrides.map((override) => {
    const first = text.indexOf(override.original);
    const count = first < 0 ? 0 : text.split(override.original).length - 1;
    if (count !== 1) {
      throw new InputError(
        file,
        undefined,
        `override ${JSON.stringify(override.original)} matches ${count} times in ${override.seed}, expected exactly once`,
        count === 0
          ? 'The text changed under it: review the override against the new text and update or remove it'
          : 'Add context to the original so it is unique',
      );
    }
    // Only the differing middle is the edit, so the log shows exactly what the human changed.
    let prefix = 0;
    while (prefix < override.original.length && override.original[prefix] === override.replacement[prefix]) {
      prefix++;
    }
    let suffix = 0;
    while (
      suffix < override.original.length - prefix &&
      suffix < override.replacement.length - prefix &&
      override.original.at(-1 - suffix) === override.replacement.at(-1 - suffix)
    ) {
      suffix++;
    }
    return {
      start: first + prefix,
      end: first + override.original.length - suffix,
      replacement: override.replacement.slice(prefix, override.replacement.length - suffix),
      kind: 'override',
      rule: 'reviewed-override',
      confidence: 1,
      note: override.reason,
    };
  });
}
