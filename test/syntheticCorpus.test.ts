// Generated documents of the real family, which the code was never tuned on, must give back what
// was put into them: number, script, structure, tasks and citations.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import type { Document } from '../pipeline/generated/model.ts';
import { generateCorpus } from '../scripts/corpus/generateCorpus.ts';
import { harvestMaterials, readGazetteer } from '../scripts/corpus/materials.ts';
import { buildSeeds } from './support/build.ts';

const goldens = readdirSync('test/output/records').filter((name) => /^[a-z0-9-]+\.json$/u.test(name));
const materials = harvestMaterials(
  goldens.map((name) => JSON.parse(readFileSync(`test/output/records/${name}`, 'utf8')) as Document),
  readGazetteer(),
);

describe('synthetic corpus', () => {
  const files = generateCorpus(60, 7, materials);
  const result = buildSeeds(files.map((file) => ({ path: `corpus/${file.name}`, bytes: file.bytes })));
  const byFile = new Map(result.documents.map((document) => [document.source.file, document]));

  it('is deterministic', () => {
    const again = generateCorpus(60, 7, materials);
    expect(again.map((file) => Buffer.from(file.bytes).toString('base64'))).toEqual(
      files.map((file) => Buffer.from(file.bytes).toString('base64')),
    );
  });

  it('builds every generated document', () => {
    expect(result.failures.map((failure) => failure.message)).toEqual([]);
    expect(result.documents).toHaveLength(files.length);
  });

  it.each(files.map((file) => [file.name, file] as const))('%s gives back its truth', (_name, file) => {
    const document = byFile.get(`corpus/${file.name}`)!;
    const { truth } = file;
    expect(document.doc_number).toBe(truth.docNumber);
    expect(document.script).toBe(truth.script);
    expect(document.tasks).toHaveLength(truth.tasks);
    expect(document.provisions.filter((p) => p.kind === 'chapter')).toHaveLength(truth.chapters);
    expect(document.provisions.filter((p) => p.kind === 'article')).toHaveLength(truth.articles);
    for (const task of document.tasks) expect(task.agencies.length).toBeGreaterThan(0);
    const cited = document.references.map((reference) => reference.cited_doc_number);
    for (const number of truth.cites) expect(cited).toContain(number);
    expect(result.files.get(`text/${document.id}.txt`)).not.toMatch(/[\ue000-\uf8ff]|\(\p{Ll}+\)/u);
  });
});
