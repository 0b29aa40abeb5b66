// Resolves citations to their targets: a document in the archive when it holds the cited one,
// otherwise one external-reference record per cited work, however many documents cite it.
import { parseDocNumber } from './docNumbers.ts';
import { idFromDocNumber, idFromTitle } from './documentId.ts';
import { simplifiedTitle, titleKey, type CitedWork } from './provisionsToReferences.ts';
import type { ExternalReference, Reference } from './generated/model.ts';

export interface ArchiveDocument {
  id: string;
  doc_number: string | null;
  title: string;
}

type Target = Pick<Reference, 'target_document_id' | 'target_external_id'>;

function canonicalNumber(number: string): string {
  return parseDocNumber(number)?.canonical ?? number.replace(/\s/gu, '');
}

/** Where a citation points, before external records get their ids: an archive id or a record key. */
type Resolution = { documentId: string } | { externalKey: string };

class ExternalRecords {
  private readonly byKey = new Map<string, ExternalReference>();
  /** The citing documents of each record, as a set (a common number is cited by thousands). */
  private readonly citedBy = new Map<ExternalReference, Set<string>>();
  private readonly usedIds: Set<string>;

  constructor(documentIds: Iterable<string>) {
    // External ids share URLs with document ids, so they must not collide with them either.
    this.usedIds = new Set(documentIds);
  }

  record(key: string, number: string | null, title: string | null, citedBy: string): ExternalReference {
    let external = this.byKey.get(key);
    if (!external) {
      external = { id: this.uniqueId(number, title), doc_number: number, title, cited_by: [] };
      this.byKey.set(key, external);
      this.citedBy.set(external, new Set());
    }
    external.title ??= title;
    const citing = this.citedBy.get(external)!;
    if (!citing.has(citedBy)) {
      citing.add(citedBy);
      external.cited_by.push(citedBy);
    }
    return external;
  }

  all(): ExternalReference[] {
    return [...this.byKey.values()]
      .map((external) => ({ ...external, cited_by: [...external.cited_by].sort() }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  private uniqueId(number: string | null, title: string | null): string {
    const parsed = number === null ? undefined : parseDocNumber(number);
    const base = parsed ? idFromDocNumber(parsed) : idFromTitle(title ?? '');
    let id = base;
    for (let suffix = 2; this.usedIds.has(id); suffix++) id = `${base}-${suffix}`;
    this.usedIds.add(id);
    return id;
  }
}

function recordTitle(title: string | null): string | null {
  return title === null ? null : simplifiedTitle(title);
}

export function linkReferences(
  documents: ArchiveDocument[],
  cited: CitedWork[],
): { references: Reference[]; externals: ExternalReference[] } {
  const documentByNumber = new Map<string, ArchiveDocument>();
  const documentByTitle = new Map<string, ArchiveDocument>();
  for (const document of documents) {
    if (document.doc_number) documentByNumber.set(canonicalNumber(document.doc_number), document);
    documentByTitle.set(titleKey(document.title), document);
  }
  // A title cited anywhere with a number names that numbered work when cited elsewhere without one.
  const numberByTitle = new Map<string, string>();
  /** The title first printed with each number, for the record of that number. */
  const titleByNumber = new Map<string, string>();
  for (const work of cited) {
    if (work.cited_title === null || work.cited_doc_number === null) continue;
    const number = canonicalNumber(work.cited_doc_number);
    if (!titleByNumber.has(number)) titleByNumber.set(number, work.cited_title);
    if (work.cited_title === '' || work.cited_doc_number === '') continue;
    const key = titleKey(work.cited_title);
    if (!numberByTitle.has(key)) numberByTitle.set(key, number);
  }

  /** What the citation itself settles: a number, or a title the archive holds. */
  function direct(number: string | null, title: string | null): Resolution | undefined {
    const byNumber = number === null ? undefined : documentByNumber.get(number);
    if (byNumber) return { documentId: byNumber.id };
    const byTitle = title === null ? undefined : documentByTitle.get(title);
    // A title match is trusted only when the numbers cannot disagree.
    if (byTitle && (number === null || byTitle.doc_number === null)) return { documentId: byTitle.id };
    return number === null ? undefined : { externalKey: `number:${number}` };
  }

  /** Each document's citations (their indexes, in order): a short title looks only among them. */
  const sameDocument = Map.groupBy(cited.keys(), (index) => cited[index]!.document_id);
  const numbers = cited.map((work) =>
    work.cited_doc_number === null ? null : canonicalNumber(work.cited_doc_number),
  );
  const titles = cited.map((work) => (work.cited_title === null ? null : titleKey(work.cited_title)));
  // Citations with a number always resolve here, so short titles can then borrow their targets.
  const settled = cited.map((_work, index) => direct(numbers[index]!, titles[index]!));
  const resolutions = settled.map((resolution, index): Resolution => {
    if (resolution) return resolution;
    const title = titles[index]!;
    const fullForm = fullFormOf(cited, titles, index, sameDocument.get(cited[index]!.document_id)!);
    if (fullForm !== undefined) return settled[fullForm]!;
    const numberOfTitle = numberByTitle.get(title);
    if (numberOfTitle !== undefined) return direct(numberOfTitle, null)!;
    return { externalKey: `title:${title}` };
  });

  const externals = new ExternalRecords(documents.map((document) => document.id));
  const references = cited.map((work, index): Reference => {
    const resolution = resolutions[index]!;
    let target: Target;
    if ('documentId' in resolution) {
      target = { target_document_id: resolution.documentId, target_external_id: null };
    } else {
      const number = resolution.externalKey.startsWith('number:') ? resolution.externalKey.slice(7) : null;
      const titleOfRecord = recordTitle(
        number === null ? work.cited_title : (titleByNumber.get(number) ?? null),
      );
      const external = externals.record(resolution.externalKey, number, titleOfRecord, work.document_id);
      target = { target_document_id: null, target_external_id: external.id };
    }
    return { ...work, ...target };
  });
  return { references, externals: externals.all() };
}

/**
 * A short title without a number (《指导意见》) that is part of a full title the same document cites
 * with a number: the index of that full citation. The nearest earlier one wins; a later one is used
 * only when none comes before.
 */
function fullFormOf(
  cited: CitedWork[],
  titles: (string | null)[],
  index: number,
  documentCitations: readonly number[],
): number | undefined {
  const short = titles[index]!;
  const isFullForm = (position: number) => {
    const candidate = cited[position]!;
    const full = titles[position]!;
    return (
      candidate.cited_doc_number !== null &&
      full !== null &&
      full.length > short.length &&
      full.includes(short)
    );
  };
  const at = documentCitations.indexOf(index);
  for (let earlier = at - 1; earlier >= 0; earlier--) {
    if (isFullForm(documentCitations[earlier]!)) return documentCitations[earlier]!;
  }
  for (let later = at + 1; later < documentCitations.length; later++) {
    if (isFullForm(documentCitations[later]!)) return documentCitations[later]!;
  }
  return undefined;
}
