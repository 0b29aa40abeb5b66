// Hand-built provisions for tests of the stages that read them.
import type { Provision } from '../../pipeline/generated/model.ts';

/** One provision's content: a bare string is a paragraph, otherwise its kind and text. */
export type Part = string | [Provision['kind'], string];

/** Hand-built provisions, one per part, ids p0, p1, … in document order. */
export function provisions(documentId: string, ...parts: Part[]): Provision[] {
  return parts.map((part, position) => {
    const [kind, text] = typeof part === 'string' ? (['paragraph', part] as const) : part;
    return {
      id: `p${position}`,
      document_id: documentId,
      parent_id: null,
      kind,
      label: null,
      heading: null,
      text,
      position,
      depth: 0,
    };
  });
}
