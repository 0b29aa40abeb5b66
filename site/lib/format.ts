// Dates, due dates and raw characters as readers see them.
import type { Commitment } from '../../pipeline/generated/model.ts';

/** 2017-01-20 → 2017年1月20日; 2011-12 → 2011年12月; 2020 → 2020年. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  return `${year}年` + (month ? `${Number(month)}月` : '') + (day ? `${Number(day)}日` : '');
}

/** --06-30;--12-31 → 6月30日、12月31日. */
export function formatRecurring(due: string): string {
  return due
    .split(';')
    .map((part) => /^--(\d{2})-(\d{2})$/.exec(part))
    .map((match) => (match ? `${Number(match[1])}月${Number(match[2])}日` : ''))
    .filter(Boolean)
    .join('、');
}

/** The last day a due date covers: 2020 → 2020-12-31, 2011-12 → 2011-12-31. */
export function dueEnd(due: string): string | null {
  if (/^\d{4}$/.test(due)) return `${due}-12-31`;
  const month = /^(\d{4})-(\d{2})$/.exec(due);
  if (month) {
    const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
    return `${due}-${String(last).padStart(2, '0')}`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) return due;
  return null;
}

/** Whether a commitment's date has passed on `today` (YYYY-MM-DD); recurring ones never pass. */
export function isPast(commitment: Pick<Commitment, 'due' | 'due_kind'>, today: string): boolean {
  if (commitment.due_kind === 'recurring') return false;
  const end = dueEnd(commitment.due);
  return end !== null && end < today;
}

// The control characters are the point here.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/**
 * Raw text made visible for the provenance panel: line breaks as ↵, tabs as →, and control,
 * zero-width and bidi characters as ⟨U+XXXX⟩, so nothing removed or kept is invisible.
 */
export function visible(text: string, keepBreaks = false): string {
  return text
    .replace(INVISIBLE, (char) => `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`)
    .replace(/\r/g, '␍')
    .replace(/\n/g, keepBreaks ? '↵\n' : '↵')
    .replace(/\t/g, '→');
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
