// The records of the real seeds: the guarantees, and golden files for review.
import { describe, it, expect, beforeAll } from 'vitest';
import type { Document } from '../pipeline/generated/model.ts';
import type { BuildResult } from '../pipeline/buildArchive.ts';
import { chineseNumeral } from '../scripts/corpus/compose.ts';
import { SEED_FILES, seedBytes, seedPath } from './support/seeds.ts';
import { buildSeeds } from './support/build.ts';
import { expectGolden } from './support/golden.ts';

let result: BuildResult;

const byPrefix = (prefix: string): Document =>
  result.documents.find((document) => document.source.file === seedPath(prefix))!;

beforeAll(() => {
  result = buildSeeds(
    SEED_FILES.map((name) => ({ path: seedPath(name.slice(0, 3)), bytes: seedBytes(name.slice(0, 3)) })),
  );
});

describe('records of the seeds', () => {
  it('builds every seed without failures', () => {
    expect(result.failures.map((failure) => failure.message)).toEqual([]);
    expect(result.documents).toHaveLength(5);
  });

  it('seed 000: 13 chapters and 49 articles in order, parties CN-GD and CN-GX, repost date kept apart', () => {
    const document = byPrefix('000');
    const chapters = document.provisions.filter((provision) => provision.kind === 'chapter');
    const articles = document.provisions.filter((provision) => provision.kind === 'article');
    expect(chapters).toHaveLength(13);
    expect(articles.map((article) => article.label)).toEqual(
      Array.from({ length: 49 }, (_, i) => `第${chineseNumeral(i + 1)}条`),
    );
    expect(document.regions).toEqual(['CN-GD', 'CN-GX']);
    expect(document.issued_date).toBeNull();
    expect(document.repost.date).toBe('2016-07-12');
  });

  it.each([
    ['001', '粤府〔2017〕8号', '2017-01-20'],
    ['002', '川办函〔2016〕212号', '2016-12-30'],
    ['003', '穗府办〔2005〕48号', '2005-11-03'],
    ['004', '湘政发〔2016〕21号', '2016-10-24'],
  ])('seed %s: number %s issued %s', (prefix, number, date) => {
    const document = byPrefix(prefix);
    expect(document.doc_number).toBe(number);
    expect(document.issued_date).toBe(date);
  });

  it('seed 002 is no longer in force; seed 003 keeps its repost date apart', () => {
    expect(byPrefix('002').status).toBe('no-longer-in-force');
    expect(byPrefix('003').repost.date).toBe('2017-05-30');
  });

  it.each([
    ['001', 51],
    ['002', 34],
    ['004', 42],
  ])('seed %s has %i tasks, each with an agency', (prefix, count) => {
    const { tasks } = byPrefix(prefix);
    expect(tasks).toHaveLength(count);
    for (const task of tasks) expect(task.agencies.length, task.text).toBeGreaterThan(0);
  });

  it('国发〔2016〕18号 is one external reference, cited by 001, 002 and 004 only', () => {
    const targets = result.documents.flatMap((document) =>
      document.references.filter((reference) => reference.cited_doc_number === '国发〔2016〕18号'),
    );
    expect(new Set(targets.map((reference) => reference.target_external_id)).size).toBe(1);
    expect([...new Set(targets.map((reference) => reference.document_id))].sort()).toEqual([
      'chuanbanhan-2016-212',
      'xiangzhengfa-2016-21',
      'yuefu-2017-8',
    ]);
  });

  it('provisions read in order reproduce each clean body', () => {
    for (const document of result.documents) {
      expect(document.provisions.map((provision) => provision.text).join('')).toBe(
        result.files.get(`text/${document.id}.txt`),
      );
    }
  });

  it.each(SEED_FILES.map((name) => name.slice(0, 3)))('seed %s matches its golden record', (prefix) => {
    const document = byPrefix(prefix);
    expectGolden(`test/output/records/${document.id}.json`, `${JSON.stringify(document, null, 2)}\n`);
  });
});
