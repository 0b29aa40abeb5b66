// A provision's text as reading blocks: the numbered head (label and heading) apart from the
// body, lines as paragraphs, and citations found in the text turned into links. The text is only
// ever cut into pieces, never altered; the pieces are rendered as text (escaped) by components.
import type { Provision, Reference } from '../../pipeline/generated/model.ts';

export interface Piece {
  text: string;
  /** The reference this piece cites, when it is a citation. */
  reference?: Reference;
}

export interface Blocks {
  /** The label and heading as printed (with their full stop), when the text starts with them. */
  head: string | null;
  /** The remaining lines, trimmed, empty ones dropped. */
  lines: string[];
}

/** Splits off the printed `label heading。` from the start of a provision's text. */
export function splitHead(provision: Pick<Provision, 'kind' | 'label' | 'heading' | 'text'>): Blocks {
  const trimmed = provision.text.trim();
  if (provision.kind === 'title') {
    return {
      head: null,
      lines: [
        trimmed
          .split('\n')
          .map((line) => line.trim())
          .join(''),
      ].filter(Boolean),
    };
  }
  let head: string | null = null;
  let rest = trimmed;
  if (provision.label && provision.heading && trimmed.startsWith(provision.label)) {
    const afterLabel = trimmed.slice(provision.label.length);
    const gap = /^\s*/.exec(afterLabel)![0].length;
    if (afterLabel.slice(gap).startsWith(provision.heading)) {
      let end = provision.label.length + gap + provision.heading.length;
      if (/^[。.：:]/.test(trimmed.slice(end))) end += 1;
      head = trimmed.slice(0, end);
      rest = trimmed.slice(end);
    }
  }
  const lines = rest
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return { head, lines };
}

/** The strings in the text that stand for a reference: its number as printed and its title. */
function needles(reference: Reference): string[] {
  return [reference.cited_doc_number_raw, reference.cited_title].filter(
    (needle): needle is string => typeof needle === 'string' && needle.length >= 2,
  );
}

/** Cuts text into plain pieces and citation pieces (every occurrence, longest first, no overlaps). */
export function linkCitations(text: string, references: readonly Reference[]): Piece[] {
  const found: { start: number; end: number; reference: Reference }[] = [];
  const candidates = references
    .flatMap((reference) => needles(reference).map((needle) => ({ needle, reference })))
    .sort((a, b) => b.needle.length - a.needle.length);
  for (const { needle, reference } of candidates) {
    let from = 0;
    for (;;) {
      const start = text.indexOf(needle, from);
      if (start < 0) break;
      const end = start + needle.length;
      if (!found.some((hit) => start < hit.end && end > hit.start)) found.push({ start, end, reference });
      from = end;
    }
  }
  found.sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  let at = 0;
  for (const hit of found) {
    if (hit.start > at) pieces.push({ text: text.slice(at, hit.start) });
    pieces.push({ text: text.slice(hit.start, hit.end), reference: hit.reference });
    at = hit.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

export interface ProvisionNode {
  provision: Provision;
  children: ProvisionNode[];
}

/** The provisions as a tree, in document order. */
export function provisionTree(provisions: readonly Provision[]): ProvisionNode[] {
  const nodes = new Map<string, ProvisionNode>();
  const roots: ProvisionNode[] = [];
  for (const provision of [...provisions].sort((a, b) => a.position - b.position)) {
    const node = { provision, children: [] };
    nodes.set(provision.id, node);
    const parent = provision.parent_id ? nodes.get(provision.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** A short excerpt: the first `length` characters, with an ellipsis when cut. */
export function excerpt(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length <= length ? flat : `${[...flat].slice(0, length).join('')}…`;
}
