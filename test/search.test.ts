// Search without a browser: folding, tokens, query plans, document numbers and the index build.
// The browser side (the search page in Chromium) is test/browser/search.test.ts.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decode, encode } from 'cbor-x';
import { Writer, arrayHead, readWords } from '../site/lib/cborWords.ts';
import fc from 'fast-check';
import { parseDocNumber } from '../pipeline/docNumbers.ts';
import type { Archive } from '../site/lib/data.ts';
import { summaryOf } from '../site/lib/recordFiles.ts';
import {
  agencyPageKey,
  documentPageKey,
  PLAN_FILE,
  planPath,
  referencePageKey,
  regionPageKey,
  runPageKey,
} from '../site/lib/pageCache.ts';
import { convert, otherScript, type Script } from '../site/lib/script.ts';
import { foldPairs, pairsFor } from '../site/lib/searchFold.ts';
import {
  displayFiles,
  documentSetTokens,
  foldedParts,
  indexPage,
  searchFacts,
  searchParts,
  type DisplayHead,
} from '../site/lib/searchRecord.ts';
import { archiveShards, buildSearch, INDEX_LANGUAGE, type SearchSetup } from '../site/lib/searchBuild.ts';
import {
  boundaryPrefixes,
  compareWords,
  indexChunkSize,
  mergeIndexes,
  PAGEFIND_FORMAT,
  pagefindFile,
  readPagefindFile,
  type ShardIndex,
  type FilterFile,
  type IndexWord,
  type Meta,
  type PagefindEntry,
} from '../site/lib/mergeIndexes.ts';
import { planShards, shardLanguage, type ShardDocument } from '../site/lib/searchShards.ts';
import { BLOCK_SIZE, SEARCH_FILES } from '../site/lib/searchFiles.ts';
import { setFiles, setHolders } from '../site/lib/searchSets.ts';
import { archiveSource, folderSource, type SearchSource } from '../site/lib/recordSource.ts';
import {
  PLACEHOLDER,
  agencyToken,
  bucketOf,
  charCode,
  citedNumberToken,
  makeFolder,
  numberRanges,
  occurrences,
  phrasePlan,
  phraseStarts,
  queryPhrases,
  readDocNumber,
  setTokens,
  streamTokens,
} from '../site/lib/searchText.ts';
import { fileTree } from './support/fileTree.ts';
import { seedsArchive } from './support/seedsArchive.ts';
import { editedArchive } from './support/editedArchive.ts';

const folder = makeFolder(foldPairs());
let archive: Archive;

beforeAll(async () => {
  archive = await seedsArchive();
}, 60_000);

describe('the archive the pages read', () => {
  it('holds summaries, and reads a whole record (provisions, repairs) only when asked', () => {
    for (const summary of archive.documents) {
      expect(Object.keys(summary)).not.toContain('provisions');
      expect(Object.keys(summary)).not.toContain('repairs');
      const whole = archive.load(summary.id);
      expect(whole).toEqual(
        JSON.parse(readFileSync(join(archive.dataDir, 'documents', `${summary.id}.json`), 'utf8')),
      );
      expect(summaryOf(whole)).toEqual(summary);
      expect(whole.provisions.length).toBeGreaterThan(0);
    }
    expect(() => archive.load('no-such-document')).toThrow(/no record for document no-such-document/);
  });
});

describe('page plans (the page cache)', () => {
  it('are named for the build and the route, any route name a page uses', () => {
    for (const route of ['documents', 'agencies', 'agency-years']) {
      const name = basename(planPath('/cache/pages', route, 4242));
      expect(PLAN_FILE.exec(name)?.[1]).toBe('4242');
    }
    expect(PLAN_FILE.test('plan-4242-.json')).toBe(false);
    expect(PLAN_FILE.test('plan-x-documents.json')).toBe(false);
  });
});

describe('document page keys (the page cache)', () => {
  const id = 'yuefu-2017-8';
  const key = (from: Archive, script: 'zh-Hans' | 'zh-Hant' = 'zh-Hant', code = 'code-1') =>
    documentPageKey(from, id, script, code);
  const withMap = <K extends keyof Archive>(name: K, value: Archive[K]): Archive => ({
    ...archive,
    [name]: value,
  });

  it('is stable, and changes with the script and the code', () => {
    expect(key(archive)).toBe(key(archive));
    expect(key(archive, 'zh-Hans')).not.toBe(key(archive));
    expect(key(archive, 'zh-Hant', 'code-2')).not.toBe(key(archive));
    // 001's commitments fall due in 2020: a page built before then differs from one built after.
    expect(documentPageKey(archive, id, 'zh-Hant', 'code-1', '2019-06-01')).toBe(
      documentPageKey(archive, id, 'zh-Hant', 'code-1', '2019-07-01'),
    );
    expect(documentPageKey(archive, id, 'zh-Hant', 'code-1', '2021-06-01')).not.toBe(
      documentPageKey(archive, id, 'zh-Hant', 'code-1', '2019-06-01'),
    );
    const recordVersions = new Map(archive.recordVersions);
    recordVersions.set(id, 'another record');
    expect(key(withMap('recordVersions', recordVersions))).not.toBe(key(archive));
  });

  it('changes with what the page shows of its neighbours, and with nothing else', () => {
    const externals = new Map(archive.externals);
    const guidance = externals.get('guofa-2016-18')!;
    externals.set('guofa-2016-18', { ...guidance, ref: { ...guidance.ref, title: '另一个标题' } });
    expect(key(withMap('externals', externals))).not.toBe(key(archive));

    const agencies = new Map(archive.agencies);
    const named = archive.load(id).tasks[0]!.agencies[0]!.agency_id;
    const entry = agencies.get(named)!;
    agencies.set(named, { ...entry, agency: { ...entry.agency, name: '另一个机构' } });
    expect(key(withMap('agencies', agencies))).not.toBe(key(archive));

    const other = archive.byId.get('chuanbanhan-2016-212')!;
    const citation = { document: { ...other, title: '引用它的文件' }, reference: other.references[0]! };
    const relations = new Map(archive.relations);
    relations.set(id, { ...relations.get(id)!, citedBy: [citation] });
    expect(key(withMap('relations', relations))).not.toBe(key(archive));
    relations.set(id, { ...relations.get(id)!, peers: [{ ...other, title: '兄弟文件' }] });
    expect(key(withMap('relations', relations))).not.toBe(key(archive));

    // A document the page does not show changes: the key does not. Nor does it follow the list of
    // the documents citing a reference it cites (a page does not show it; it grows with the archive).
    externals.set('guofa-2016-18', { ...guidance, ref: { ...guidance.ref, cited_by: ['another-2020-1'] } });
    expect(key(withMap('externals', externals))).toBe(key(archive));
    const byId = new Map(archive.byId);
    byId.set(other.id, { ...other, title: '无关的修改' });
    expect(key(withMap('byId', byId))).toBe(key(archive));
  });

  it('for an agency, changes with its tasks’ documents and its namesakes', () => {
    const entry = archive.agencies.get('cn-gd-fagaiwei')!;
    const agencyKey = (changed: typeof entry) => agencyPageKey(changed, 'zh-Hans', 'code-1');
    expect(agencyKey({ ...entry })).toBe(agencyKey(entry));
    expect(agencyPageKey(entry, 'zh-Hant', 'code-1')).not.toBe(agencyKey(entry));
    // Each of its pages (the front page, a year of its tasks) has a key of its own.
    expect(agencyPageKey(entry, 'zh-Hans', 'code-1', '2016')).not.toBe(agencyKey(entry));
    expect(agencyPageKey(entry, 'zh-Hans', 'code-1', '2016')).not.toBe(
      agencyPageKey(entry, 'zh-Hans', 'code-1', '2017'),
    );
    // How many tasks a page holds decides whether the agency's tasks are split by year.
    expect(agencyPageKey(entry, 'zh-Hans', 'code-1', '', 10)).not.toBe(
      agencyPageKey(entry, 'zh-Hans', 'code-1', '', 11),
    );
    const [first, ...rest] = entry.tasks;
    const retitled = { ...first!, document: { ...first!.document, title: '另一个标题' } };
    expect(agencyKey({ ...entry, tasks: [retitled, ...rest] })).not.toBe(agencyKey(entry));
    expect(agencyKey({ ...entry, documents: [{ ...entry.documents[0]!, title: '另一个标题' }] })).not.toBe(
      agencyKey(entry),
    );
    const namesake = archive.agencies.get('cn-sc-fagaiwei')!;
    expect(agencyKey({ ...entry, namesakes: [...entry.namesakes, namesake] })).not.toBe(agencyKey(entry));
  });

  it('for a region, changes with its documents and its agencies’ numbers of tasks', () => {
    const region = archive.regions.get('CN-GD')!;
    const regionKey = (changed: typeof region) => regionPageKey(changed, 'zh-Hans', 'code-1');
    expect(regionKey({ ...region })).toBe(regionKey(region));
    expect(regionPageKey(region, 'zh-Hant', 'code-1')).not.toBe(regionKey(region));
    const [document, ...documents] = region.documents;
    expect(
      regionKey({ ...region, documents: [{ ...document!, title: '另一个标题' }, ...documents] }),
    ).not.toBe(regionKey(region));
    const [agency, ...agencies] = region.agencies;
    const fewer = { ...agency!, tasks: agency!.tasks.slice(1) };
    expect(regionKey({ ...region, agencies: [fewer, ...agencies] })).not.toBe(regionKey(region));
    // How many documents a page lists decides whether the region's are split by year.
    expect(regionPageKey(region, 'zh-Hans', 'code-1', 10)).not.toBe(
      regionPageKey(region, 'zh-Hans', 'code-1', 11),
    );
  });

  it('for an external reference, changes with its documents and the agencies its implementers name', () => {
    const entry = archive.externals.get('guofa-2016-18')!;
    const referenceKey = (changed: typeof entry, from = archive) =>
      referencePageKey(from, changed, 'zh-Hans', 'code-1');
    expect(referenceKey({ ...entry })).toBe(referenceKey(entry));
    expect(referencePageKey(archive, entry, 'zh-Hant', 'code-1')).not.toBe(referenceKey(entry));
    expect(referenceKey({ ...entry, ref: { ...entry.ref, title: '另一个标题' } })).not.toBe(
      referenceKey(entry),
    );
    const [implementer, ...implementers] = entry.implementers;
    const retitled = { ...implementer!, title: '另一个标题' };
    expect(referenceKey({ ...entry, implementers: [retitled, ...implementers] })).not.toBe(
      referenceKey(entry),
    );
    expect(referenceKey({ ...entry, citers: [...entry.citers, retitled] })).not.toBe(referenceKey(entry));
    // An agency a compared task links to, renamed in the archive.
    const named = implementer!.tasks[0]!.agencies[0]!.agency_id;
    const agencies = new Map(archive.agencies);
    const agency = agencies.get(named)!;
    agencies.set(named, { ...agency, agency: { ...agency.agency, name: '另一个机构' } });
    expect(referenceKey(entry, { ...archive, agencies })).not.toBe(referenceKey(entry));
    expect(referencePageKey(archive, entry, 'zh-Hans', 'code-1', 10)).not.toBe(
      referencePageKey(archive, entry, 'zh-Hans', 'code-1', 11),
    );
  });

  it('for a page of a run of years, changes with its documents, its owner and the other runs', () => {
    const documents = [...archive.documents];
    const run = { name: '2016', items: documents.slice(0, 2) };
    const runs = [run, { name: '2017', items: documents.slice(2) }];
    const page: { script: Script; run: typeof run; runs: (typeof run)[] } = { script: 'zh-Hans', run, runs };
    const runKey = (changed: typeof page, owner: unknown = 'CN-GD') =>
      runPageKey('region-years', owner, changed, 'code-1');
    expect(runKey({ ...page })).toBe(runKey(page));
    expect(runKey(page, 'CN-FJ')).not.toBe(runKey(page));
    expect(runKey({ ...page, script: 'zh-Hant' })).not.toBe(runKey(page));
    expect(runPageKey('reference-years', 'CN-GD', page, 'code-1')).not.toBe(runKey(page));
    expect(runPageKey('region-years', 'CN-GD', page, 'code-1', 10)).not.toBe(
      runPageKey('region-years', 'CN-GD', page, 'code-1', 11),
    );
    const retitled = { ...run, items: [{ ...run.items[0]!, title: '另一个标题' }, run.items[1]!] };
    expect(runKey({ ...page, run: retitled })).not.toBe(runKey(page));
    // Another run's size is shown in the pages' navigation; its documents are not.
    const moved = [run, { name: '2017', items: documents.slice(3) }];
    expect(runKey({ ...page, runs: moved })).not.toBe(runKey(page));
    const renamed = [
      run,
      { name: '2017', items: documents.slice(2).map((d) => ({ ...d, title: '另一个标题' })) },
    ];
    expect(runKey({ ...page, runs: renamed })).toBe(runKey(page));
  });
});

describe('folding', () => {
  it('reads simplified, traditional and variant forms, full-width forms and case as one', () => {
    expect(folder.fold('廣東')).toBe(folder.fold('广东'));
    expect(folder.fold('粵港澳大灣區')).toBe(folder.fold('粤港澳大湾区'));
    expect(folder.fold('大通關')).toBe(folder.fold('大通关'));
    expect(folder.fold('省發展改革委')).toBe(folder.fold('省发展改革委'));
    expect(folder.fold('ＣＥＰＡ２０２０')).toBe('cepa2020');
    expect(folder.fold('粤港澳大湾区')).toBe('粤港澳大湾区');
  });

  it('keeps the length in code points and folds a folded text to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = folder.fold(text);
        expect([...once]).toHaveLength([...text].length);
        expect(folder.fold(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('folds every provision of the seeds and its converted twin to the same text', () => {
    let compared = 0;
    for (const { id } of archive.documents) {
      const document = archive.load(id);
      for (const part of searchParts(document)) {
        const twin = convert(part.text, otherScript(document.script), document.script);
        expect(folder.fold(twin), `${document.id} ${part.id}`).toBe(folder.fold(part.text));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('comes from OpenCC’s dictionaries, each pair ending in a character that folds to itself', () => {
    const pairs = [...foldPairs()];
    expect(pairs.length / 2).toBeGreaterThan(3000);
    for (let i = 0; i < pairs.length; i += 2) expect(folder.fold(pairs[i + 1]!)).toBe(pairs[i + 1]);
  });

  it('ships the browser only the pairs whose canonical character occurs in the archive', () => {
    const browser = [...pairsFor(foldPairs(), ['广东合作'])];
    expect(browser.length).toBeGreaterThan(0);
    for (let i = 1; i < browser.length; i += 2) expect('广东合作').toContain(browser[i]);
    expect(makeFolder(browser.join('')).fold('廣東合作')).toBe('广东合作');
  });
});

describe('tokens and query plans', () => {
  it('gives every code point one token: the trigram starting there within a run, else a placeholder', () => {
    const tokens = streamTokens(folder.fold('大通關。 CEPA𠀀x'));
    expect(tokens).toHaveLength(11);
    expect(tokens[0]).toBe(charCode('大') + charCode('通') + charCode('关'));
    expect(tokens[1]).toBe(charCode('通') + charCode('关') + charCode('。'));
    expect(tokens.slice(2, 5)).toEqual([PLACEHOLDER, PLACEHOLDER, PLACEHOLDER]);
    expect(tokens[5]).toBe(charCode('c') + charCode('e') + charCode('p'));
    expect(tokens.slice(9)).toEqual([PLACEHOLDER, PLACEHOLDER]);
    for (const token of tokens)
      expect(token === PLACEHOLDER || /^[0-9a-n][0-9a-z]{11}$/.test(token)).toBe(true);
  });

  it('pins a phrase by trigrams every three characters and one ending each run', () => {
    const plan = phrasePlan(folder.fold('粤港澳大湾区'))!;
    expect(plan.placed.map((at) => at.offset)).toEqual([0, 3]);
    expect(plan.exact).toBe(true);
    expect(phrasePlan('泛珠三角区域合作')!.placed.map((at) => at.offset)).toEqual([0, 3, 5]);
    expect(phrasePlan('合作')).toMatchObject({
      placed: [],
      sets: ['q' + charCode('合') + charCode('作')],
      exact: true,
    });
    expect(phrasePlan('区')).toMatchObject({ placed: [], sets: ['q' + charCode('区')], exact: true });
    expect(phrasePlan('港澳、粤闽')).toMatchObject({ exact: true, sets: [] });
    expect(phrasePlan('港澳 粤闽')!.exact).toBe(false);
    expect(phrasePlan('。，')).toBeUndefined();
  });

  it('finds a phrase exactly where its trigrams sit at their offsets, in any text', () => {
    // A small index with Pagefind's semantics: token → positions, per document.
    const alphabet = fc.constantFrom(...'粤港澳大湾区合作，。廣東广东'.split(''));
    fc.assert(
      fc.property(
        fc.array(
          fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(alphabet, { minLength: 3, maxLength: 7 }).map((chars) => chars.join('')),
        (texts, query) => {
          const [phrase = ''] = queryPhrases(query, folder);
          const plan = phrasePlan(phrase);
          if (!plan || !plan.exact || plan.placed.length === 0) return;
          texts.forEach((text) => {
            const folded = folder.fold(text);
            const index = new Map<string, Set<number>>();
            streamTokens(folded).forEach((token, at) =>
              index.set(token, (index.get(token) ?? new Set()).add(at)),
            );
            const starts = phraseStarts(
              plan,
              plan.placed.map((placed) => index.get(placed.token) ?? new Set()),
            );
            expect(starts).toEqual(occurrences(folded, phrase));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts a query into phrases at spaces and quotes, folded', () => {
    expect(queryPhrases('  粵港澳 “北部灣” 大通關。', folder)).toEqual(['粤港澳', '北部湾', '大通关']);
    expect(phrasePlan('港、')!.exact).toBe(false);
    expect(queryPhrases('。', folder)).toEqual([]);
  });

  it('gives the set tokens of every character and every pair of adjacent word characters', () => {
    const tokens = setTokens('大通关。');
    expect(tokens).toEqual(
      new Set([
        'q' + charCode('大'),
        'q' + charCode('通'),
        'q' + charCode('关'),
        'q' + charCode('大') + charCode('通'),
        'q' + charCode('通') + charCode('关'),
      ]),
    );
  });

  it('lays set tokens out in bucket files and reads back exactly the documents holding each', () => {
    const documents = [
      { resultId: 'und-2016_a1', sets: new Set(['qx', 'qy']) },
      { resultId: 'und-2016_b2', sets: new Set(['qy']) },
      { resultId: 'und-2016_c3', sets: new Set(['qx', 'qy', 'qz']) },
    ];
    const files = setFiles(documents, 'und-2016');
    expect(files.ids).toEqual(['a1', 'b2', 'c3']);
    const read = (token: string) =>
      setHolders(files.buckets[bucketOf(token, files.buckets.length)]!, token, files.ids, 'und-2016');
    expect(read('qx')).toEqual(['und-2016_a1', 'und-2016_c3']);
    expect(read('qy')).toEqual(['und-2016_a1', 'und-2016_b2', 'und-2016_c3']);
    expect(read('qz')).toEqual(['und-2016_c3']);
    expect(read('qw')).toEqual([]);
    expect(read('constructor')).toEqual([]);
    expect(() => setFiles([{ resultId: 'und-2017_a1', sets: new Set() }], 'und-2016')).toThrow(/und-2016/);
    // Many tokens spread over several bucket files, each read back whole.
    const many = Array.from({ length: 300 }, (_, i) => ({
      resultId: `und-x_${i}`,
      sets: new Set(Array.from({ length: 40 }, (_, k) => `q${(i * 7 + k) % 500}`)),
    }));
    const spread = setFiles(many, 'und-x');
    expect(spread.buckets.length).toBeGreaterThan(1);
    for (const token of ['q0', 'q123', 'q499'])
      expect(
        setHolders(spread.buckets[bucketOf(token, spread.buckets.length)]!, token, spread.ids, 'und-x'),
      ).toEqual(many.filter((document) => document.sets.has(token)).map((document) => document.resultId));
  });

  it('makes one agency token of a name, whichever script or punctuation it is typed in', () => {
    expect(agencyToken(folder.fold('省發改委'))).toBe(agencyToken(folder.fold('省发改委')));
    expect(agencyToken(folder.fold('省外事侨务(港澳)办'))).toBe(
      agencyToken(folder.fold('省外事侨务（港澳）办')),
    );
    expect(agencyToken('省发改委')).toMatch(/^t[0-9a-z]+$/);
  });
});

describe('document numbers', () => {
  const variants = [
    '粤府〔2017〕8号',
    '粤府[2017]8号',
    '粵府〔2017〕8號',
    '粤府2017年8号',
    '粤府（2017）第8号',
    '粤府［２０１７］８号',
  ];

  it.each(variants)('reads %s as 粤府〔2017〕8号', (typed) => {
    expect(readDocNumber(typed, folder)).toEqual(readDocNumber('粤府〔2017〕8号', folder));
  });

  it('reads every number the pipeline reads in the seeds, and the same way', () => {
    const numbers = archive.documents.flatMap((document) => [
      document.doc_number,
      document.doc_number_raw,
      ...document.references.flatMap((reference) => [
        reference.cited_doc_number,
        reference.cited_doc_number_raw,
      ]),
    ]);
    let read = 0;
    for (const raw of numbers) {
      if (!raw) continue;
      const pipeline = parseDocNumber(raw);
      const ours = readDocNumber(raw, folder);
      expect(ours !== undefined, raw).toBe(pipeline !== undefined);
      if (!pipeline || !ours) continue;
      expect([ours.prefix, ours.year, ours.serial], raw).toEqual([
        folder.fold(pipeline.prefix),
        pipeline.year,
        pipeline.serial,
      ]);
      read += 1;
    }
    expect(read).toBeGreaterThanOrEqual(20);
  });

  it('refuses what is not a number alone', () => {
    expect(readDocNumber('粤府〔2017〕8号的通知', folder)).toBeUndefined();
    expect(readDocNumber('广东', folder)).toBeUndefined();
  });

  it('finds where a text cites a number, in any bracket style', () => {
    const token = citedNumberToken(readDocNumber('国发〔2016〕18号', folder)!);
    expect(numberRanges('落实《意见》(國發﹝2016﹞18號),推动', token, folder)).toEqual([[7, 18]]);
  });
});

describe('documents as search sees them', () => {
  it('files each document under its codes and simplified issuers, dated or not', () => {
    const facts = searchFacts(archive.load('yuefu-2017-8'));
    expect(facts.filters).toEqual({
      type: ['opinion'],
      issuer: ['广东省人民政府'],
      region: ['CN-GD'],
      year: ['2017'],
      status: ['unknown'],
    });
    expect(facts.sort.date).toBe('2017-01-20');
    expect(facts.meta).toMatchObject({
      title: '廣東省深化泛珠三角區域合作實施意見',
      docnum: '粤府〔2017〕8号',
    });
  });

  it('searches the header, every provision, and responsibilities the provision text does not hold', () => {
    const plan = searchParts(archive.load('chuanbanhan-2016-212'));
    expect(plan[0]).toMatchObject({ id: '', kind: 'header' });
    const tasks = plan.filter((part) => part.kind === 'task');
    expect(tasks.length).toBeGreaterThan(10);
    expect(tasks[0]!.text).toContain('省发展改革委');
    // 001 prints each responsibility inside its provision: no separate parts.
    expect(searchParts(archive.load('yuefu-2017-8')).some((part) => part.kind === 'task')).toBe(false);
  });

  it('indexes one token per character of the searched text, with filters, metadata and the sort key', () => {
    const document = archive.load('yuefu-2017-8');
    const html = indexPage(document, folder);
    const length = searchParts(document).reduce((sum, part) => sum + [...part.text].length, 0);
    const blocks = [...html.matchAll(/<div(?: id="[^"]*" data-pagefind-title="[^"]*")?>([^<]*)<\/div>/g)];
    const tokens = blocks.slice(0, -1).flatMap((block) => block[1]!.split(' ').filter(Boolean));
    expect(tokens).toHaveLength(length);
    expect(html).toContain('<span data-pagefind-filter="year">2017</span>');
    expect(html).toContain('<span data-pagefind-sort="date">2017-01-20</span>');
    expect(html).toContain('<span data-pagefind-meta="docnum">粤府〔2017〕8号</span>');
    expect(html).toContain('<html lang="und">');
  });

  it('shows a document in each script, cut in blocks, with the parts where the index places them', () => {
    const document = archive.load('yuefu-2017-8');
    const hans = displayFiles(document, 'zh-Hans', folder);
    const hant = displayFiles(document, 'zh-Hant', folder);
    expect(hans.head.t).toBe('广东省深化泛珠三角区域合作实施意见');
    expect(hant.head.t).toBe(document.title);
    const parts = searchParts(document);
    let at = 0;
    parts.forEach((part, i) => {
      expect(hans.head.p[i]).toBe(at);
      at += [...part.text].length;
    });
    expect(hans.blocks.length).toBe(Math.ceil(at / BLOCK_SIZE));
    expect(hans.head.b).toHaveLength(hans.blocks.length);
    // Block j holds the parts starting in its stretch of the stream, so a position names its block;
    // each part with its id, kind, label and text in the reader's script.
    const shown = hans.blocks.flatMap((block, j) =>
      block.p.map(([id, kind, labelAt], k) => {
        expect(hans.head.b[j]! + k).toBe(
          hans.blocks.slice(0, j).reduce((sum, before) => sum + before.p.length, 0) + k,
        );
        expect(Math.floor(hans.head.p[hans.head.b[j]! + k]! / BLOCK_SIZE)).toBe(j);
        return { id, kind, label: block.l[labelAt], text: block.x[k] };
      }),
    );
    expect(shown).toEqual(
      parts.map((part) => ({
        id: part.id,
        kind: part.kind,
        label: convert(part.label, 'zh-Hans', document.script),
        text: convert(part.text, 'zh-Hans', document.script),
      })),
    );
    expect(shown.map((part) => part.text).join('')).toContain('大通关');
    expect(hant.blocks.flatMap((block) => block.x).join('')).toContain('大通關');
    // A citation names the part citing it.
    for (const [part, token] of hans.head.r) {
      const reference = document.references.find(
        (ref) =>
          ref.cited_doc_number && citedNumberToken(readDocNumber(ref.cited_doc_number, folder)!) === token,
      )!;
      expect(parts[part]!.id).toBe(reference.provision_id);
    }
    expect(hans.head.r.length).toBeGreaterThan(0);
  });
});

describe('merging shards (Pagefind’s files)', () => {
  it('bounds a chunk by the shortest prefixes that tell it from the next, as Pagefind does', () => {
    expect(boundaryPrefixes('apple', 'apricot')).toEqual(['app', 'apr']);
    expect(boundaryPrefixes('cataraman', 'yacht')).toEqual(['c', 'y']);
    expect(boundaryPrefixes('cath', 'cathartic')).toEqual(['cath', 'catha']);
    expect(boundaryPrefixes('港口岸', '港𠀋')).toEqual(['港口', '港𠀋']);
  });

  it('orders words by code point, as Pagefind sorts them, not by UTF-16 unit', () => {
    const words = ['b', 'a', '\u{ff5e}', '\u{20000}', 'ab', ''];
    expect([...words].sort(compareWords)).toEqual(['', 'a', 'ab', 'b', '\u{ff5e}', '\u{20000}']);
    expect([...words].sort()).not.toEqual([...words].sort(compareWords));
  });

  it('reads and writes Pagefind’s file format, and says what a file that is not one is', () => {
    const value = [[['0abc', [[3, [1, 4], []]], []]]];
    expect(readPagefindFile(pagefindFile(value), 'x.pf_index')).toEqual(value);
    expect(() => readPagefindFile(Buffer.from('plain'), 'index/x.pf_index')).toThrow(
      /index\/x\.pf_index is not gzipped/,
    );
    expect(() => readPagefindFile(gzipSync('pagefind_xyz'), 'y.pf_meta')).toThrow(
      /y\.pf_meta does not start/,
    );
  });

  it('refuses shards another version of Pagefind wrote, saying what to check', async () => {
    const shard = (version: string): ShardIndex => ({
      name: '2016',
      entry: {
        version,
        languages: { 'und-2016': { hash: 'h', wasm: null, page_count: 0 } },
        include_characters: [],
      },
      meta: [version, [], [], [], [], []],
      chunk: () => Promise.resolve([]),
      filter: () => Promise.resolve(['type', []]),
    });
    await expect(mergeIndexes([shard('1.7.0')], 'und', 1000, () => Promise.resolve())).rejects.toThrow(
      /shard 2016 was indexed by Pagefind 1\.7\.0.*check that format/,
    );
  });

  it('reads a chunk’s words as bytes: page range, size, places in the metadata', () => {
    const chunk = encode([
      [
        [
          '0abc',
          [
            [3, [1, 4], []],
            [2, [5], [-2, 0]],
          ],
          [],
        ],
        ['0abd', [[0, [9], []]], []],
      ],
    ]);
    const [first, second] = readWords(Buffer.from(chunk), 'c.pf_index');
    expect(first).toMatchObject({
      word: '0abc',
      count: 2,
      size: 5,
      firstPage: 3,
      lastPage: 5,
      inMetadata: true,
    });
    expect(decode(Buffer.concat([arrayHead(2), first!.postings]))).toEqual([
      [3, [1, 4], []],
      [2, [5], [-2, 0]],
    ]);
    // After the first page delta: the rest of the first posting and the others, as they were.
    expect(decode(Buffer.concat([arrayHead(3), first!.rest]))).toEqual([[1, 4], [], [2, [5], [-2, 0]]]);
    expect(second).toMatchObject({
      word: '0abd',
      count: 1,
      size: 2,
      firstPage: 0,
      lastPage: 0,
      inMetadata: false,
    });
    const twoItems = Buffer.from(encode([[['0abc', [[3, [1, 4]]], []]]]));
    expect(() => readWords(twoItems, 'index/x.pf_index')).toThrow(
      /index\/x\.pf_index: expected a posting of three items at byte \d+/,
    );
    expect(() => readWords(Buffer.concat([Buffer.from(chunk), Buffer.from([0])]), 'y')).toThrow(
      /y: expected the end of the chunk/,
    );
  });

  it('writes CBOR heads in as few bytes as they fit, as Pagefind’s encoder does', () => {
    const values = [0, 23, 24, 255, 256, 65_535, 65_536, 2 ** 32 - 1];
    const writer = new Writer();
    writer.array(values.length);
    for (const value of values) writer.uint(value);
    writer.text('港口');
    expect(writer.take().equals(Buffer.concat([encode(values), encode('港口')]))).toBe(true);
    writer.uint(2 ** 32);
    expect(writer.take().toString('hex')).toBe('1b0000000100000000');
  });

  it('reports a file it could not write as the merge’s failure, even while it reads on', async () => {
    const chunk = (word: string) => readWords(Buffer.from(encode([[[word, [[0, [1], []]], []]]])), word);
    const shard: ShardIndex = {
      name: '2016',
      entry: {
        version: PAGEFIND_FORMAT,
        languages: { 'und-2016': { hash: 'h', wasm: null, page_count: 1 } },
        include_characters: [],
      },
      meta: [
        PAGEFIND_FORMAT,
        [['und-2016_1234567', 1, '']],
        [
          ['0abc', '0abc', '0abc'],
          ['0abd', '0abd', '0abd'],
        ],
        [],
        [],
        [],
      ],
      // The second chunk comes late: the first chunk's write has failed by then.
      chunk: (hash) =>
        hash === '0abc'
          ? Promise.resolve(chunk(hash))
          : new Promise((resolve) => setTimeout(() => resolve(chunk(hash)), 200)),
      filter: () => Promise.resolve(['type', []]),
    };
    const write = () => Promise.reject(new Error('no space left on the device'));
    await expect(mergeIndexes([shard], 'und', 1, write)).rejects.toThrow(/no space left/);
  });

  it('sizes chunks with the square root of the postings, within bounds', () => {
    expect(indexChunkSize(0)).toBe(1000);
    expect(indexChunkSize(13_000_000)).toBe(Math.round(Math.sqrt(5.9 * 13_000_000)));
    expect(indexChunkSize(1e12)).toBe(20_000);
  });
});

describe('the shard plan', () => {
  const dated = (id: string, date: string | null): ShardDocument => ({ id, date });
  const names = (documents: ShardDocument[], max: number) =>
    planShards(documents, max).map((shard) => shard.name);
  const archiveLike = (perYear: Record<string, number>, undated = 0) => [
    ...Object.entries(perYear).flatMap(([year, count]) =>
      Array.from({ length: count }, (_, i) => dated(`d${year}-${i}`, `${year}-0${(i % 9) + 1}-01`)),
    ),
    ...Array.from({ length: undated }, (_, i) => dated(`u${i}`, null)),
  ];

  it('groups consecutive years up to the maximum, oldest first, undated in a shard of their own', () => {
    const documents = archiveLike({ 2005: 3, 2006: 2, 2007: 4, 2009: 1, 2010: 5 }, 2);
    expect(names(documents, 5)).toEqual(['undated', '2005-2006', '2007-2009', '2010']);
    const shards = planShards(documents, 5);
    expect(shards.map((shard) => shard.ids.length)).toEqual([2, 5, 5, 5]);
    expect(shards[1]!.language).toBe(shardLanguage('2005-2006'));
    expect(shards.flatMap((shard) => shard.ids).sort()).toEqual(documents.map((d) => d.id).sort());
  });

  it('cuts a year or the undated documents larger than the maximum into parts of equal size, in date order', () => {
    const documents = archiveLike({ 2015: 1, 2016: 7, 2017: 1 }, 4);
    const shards = planShards(documents, 3);
    expect(shards.map((shard) => [shard.name, shard.ids.length])).toEqual([
      ['undated-p1', 2],
      ['undated-p2', 2],
      ['2015', 1],
      ['2016-p1', 2],
      ['2016-p2', 2],
      ['2016-p3', 3],
      ['2017', 1],
    ]);
    const dates = new Map(documents.map((document) => [document.id, document.date ?? '']));
    const order = shards.flatMap((shard) => shard.ids.map((id) => `${dates.get(id)} ${id}`));
    expect(order).toEqual([...order].sort());
  });

  it('is deterministic, and stable when a document changes or the archive grows at its recent end', () => {
    const documents = archiveLike({ 2010: 4, 2011: 3, 2012: 2, 2013: 3 }, 1);
    const plan = planShards(documents, 6);
    expect(planShards([...documents].reverse(), 6)).toEqual(plan);
    const grown = [...documents, dated('new-1', '2013-12-31'), dated('new-2', '2014-01-02')];
    const after = planShards(grown, 6);
    expect(after.slice(0, -1)).toEqual(plan.slice(0, -1));
    expect(after.at(-1)!.ids).toEqual([...plan.at(-1)!.ids, 'new-1', 'new-2']);
  });

  it('files a shard under a language named after it, and refuses shards of no documents', () => {
    expect(shardLanguage('2016-p2')).toBe('und-2016-p2');
    expect(() => planShards([], 0)).toThrow();
    expect(planShards([], 3)).toEqual([]);
  });
});

/**
 * A built search index read back through its documents: each word's locations by document id,
 * each filter value's documents and each sort's documents in order (result ids differ between
 * layouts; the documents they name do not).
 */
function readIndex(out: string) {
  const bundle = join(out, SEARCH_FILES.pagefindDir);
  const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8')) as PagefindEntry;
  const [language] = Object.values(entry.languages);
  const hash = language!.hash;
  const file = <T>(path: string) => readPagefindFile<T>(readFileSync(join(bundle, path)), path);
  const [, pages, chunks, filterFiles, sorts] = file<Meta>(`pagefind.${hash}.pf_meta`);
  const documentOf = pages.map(([resultId]) => {
    const head = gunzipSync(readFileSync(join(out, SEARCH_FILES.documents, `${resultId}.zh-hans.json.gz`)));
    return (JSON.parse(head.toString()) as DisplayHead).id;
  });
  const words = new Map<string, Map<string, unknown[]>>();
  for (const [, , chunk] of chunks) {
    const [list] = file<[IndexWord[]]>(`index/${chunk}.pf_index`);
    for (const [word, postings] of list) {
      const byDocument = new Map<string, unknown[]>();
      let page = 0;
      for (const [delta, locations, metaLocations] of postings) {
        page += delta;
        byDocument.set(documentOf[page]!, [locations, metaLocations]);
      }
      words.set(word, byDocument);
    }
  }
  const filters = new Map<string, string[]>();
  for (const [, filterHash] of filterFiles) {
    const [name, values] = file<FilterFile>(`filter/${filterHash}.pf_filter`);
    for (const [value, onPages] of values)
      filters.set(`${name}=${value}`, onPages.map((page) => documentOf[page]!).sort());
  }
  return {
    pages: pages.length,
    chunks: chunks.length,
    words,
    filters,
    sorts: sorts.map(([name, order]) => [name, order.map((page) => documentOf[page])]),
  };
}

describe('the built index', () => {
  let out: string;
  let stats: Awaited<ReturnType<typeof buildSearch>>;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'search-index-'));
    stats = await buildSearch(archiveSource(archive), out);
  }, 60_000);

  it('writes Pagefind’s bundle without its fragments and its ready-made interfaces', () => {
    expect(stats.documents).toBe(5);
    expect(existsSync(join(out, SEARCH_FILES.pagefind))).toBe(true);
    expect(existsSync(join(out, SEARCH_FILES.wasm))).toBe(true);
    expect(existsSync(join(out, 'pagefind', 'fragment'))).toBe(false);
    expect(readdirSync(join(out, 'pagefind')).filter((name) => name.includes('-ui'))).toEqual([]);
    expect(readdirSync(join(out, 'pagefind', 'index')).length).toBeGreaterThan(0);
  });

  it('names each document’s display files after its Pagefind result id, in both scripts', () => {
    const heads = readdirSync(join(out, SEARCH_FILES.documents)).filter((name) =>
      /^[^.]+\.zh-han[st]\.json\.gz$/.test(name),
    );
    expect(heads).toHaveLength(10);
    const ids = heads.map(
      (name) =>
        (
          JSON.parse(
            gunzipSync(readFileSync(join(out, SEARCH_FILES.documents, name))).toString(),
          ) as DisplayHead
        ).id,
    );
    expect(new Set(ids)).toEqual(new Set(archive.documents.map((document) => document.id)));
  });

  it('stores each trigram’s positions without a weight marker before them', () => {
    // Pagefind's index chunks are gzipped CBOR after a signature: [[word, [[page, locs, …]], …]].
    type Chunk = [[string, [number, number[], unknown][], unknown][]];
    // A trigram is three code points of four base-36 digits each, the first at most `n`.
    const trigram = /^[0-9a-n][0-9a-z]{11}$/;
    const locs: number[] = [];
    for (const [path, bytes] of Object.entries(fileTree(join(out, 'pagefind')))) {
      if (!path.endsWith('.pf_index')) continue;
      const [words] = decode(
        gunzipSync(Buffer.from(bytes, 'base64')).subarray('pagefind_dcd'.length),
      ) as Chunk;
      for (const [word, pages] of words)
        if (trigram.test(word)) for (const [, positions] of pages) locs.push(...positions);
    }
    // A weight marker is a negative number; without them the positions are the trigrams, each once.
    expect(locs.filter((loc) => loc < 0)).toEqual([]);
    const trigrams = archive.documents.flatMap((summary) => {
      const [, body] = /<main[^>]*>(.*)<\/main>/s.exec(indexPage(archive.load(summary.id), folder))!;
      return body!.split(/[\s<>]+/).filter((token) => trigram.test(token));
    });
    expect(locs).toHaveLength(trigrams.length);
  });

  it('writes the folding table and every agency name, folded, with the agencies that go by it', () => {
    const setup = JSON.parse(
      gunzipSync(readFileSync(join(out, SEARCH_FILES.setup))).toString(),
    ) as SearchSetup;
    const browserFolder = makeFolder(setup.pairs);
    expect(browserFolder.fold('廣東省發展改革委')).toBe(folder.fold('广东省发展改革委'));
    expect(setup.agencies[folder.fold('省发改委')]).toEqual([
      'cn-gd-fagaiwei',
      'cn-hn-fagaiwei',
      'cn-sc-fagaiwei',
    ]);
  });
});

describe('the index in shards, from a cache', () => {
  const cache = mkdtempSync(join(tmpdir(), 'search-cache-'));
  const build = async (from: Archive, cacheDir?: string) => {
    const out = mkdtempSync(join(tmpdir(), 'search-out-'));
    const stats = await buildSearch(archiveSource(from), out, undefined, {
      maxShardDocuments: 2,
      ...(cacheDir ? { cacheDir } : {}),
    });
    return { out, stats };
  };

  /** The archive with one document's title changed. */
  const edited = (id: string): Archive =>
    editedArchive(archive, { [id]: (document) => ({ ...document, title: `${document.title}（修订）` }) });

  it('lists every character and pair of each document beside its shard, and no other', async () => {
    const { out } = await build(archive);
    const setup = JSON.parse(
      gunzipSync(readFileSync(join(out, SEARCH_FILES.setup))).toString(),
    ) as SearchSetup;
    const read = <T>(path: string) => JSON.parse(gunzipSync(readFileSync(join(out, path))).toString()) as T;
    const resultIdOf = new Map<string, string>();
    for (const name of readdirSync(join(out, SEARCH_FILES.documents)))
      if (/^[^.]+\.zh-hans\.json\.gz$/.test(name))
        resultIdOf.set(read<DisplayHead>(`${SEARCH_FILES.documents}${name}`).id, name.split('.')[0]!);
    const holders = (token: string) =>
      setup.shards.flatMap((shard) =>
        setHolders(
          read(`${shard.sets}${bucketOf(token, shard.buckets)}.json.gz`),
          token,
          read(`${shard.sets}ids.json.gz`),
          shard.language,
        ),
      );
    const heldBy = (token: string) =>
      archive.documents
        .filter(({ id }) => documentSetTokens(foldedParts(archive.load(id), folder)).has(token))
        .map((document) => resultIdOf.get(document.id)!);
    for (const query of ['港', '廣東', '合作', '口岸', '鳥', 'CE', '川办']) {
      const [token] = phrasePlan(folder.fold(query))!.sets;
      expect(new Set(holders(token!))).toEqual(new Set(heldBy(token!)));
    }
    expect(holders(phrasePlan('鳥')!.sets[0]!)).toEqual([]);
    expect(holders(phrasePlan('广东')!.sets[0]!).length).toBeGreaterThan(0);
  });

  it('merges the shards into one index, newest shard first in the setup, with result ids that name their shard', async () => {
    const { out, stats } = await build(archive);
    expect(stats.shards.map((shard) => shard.name)).toEqual(['2017', '2016-p2', '2016-p1', '2005']);
    const setup = JSON.parse(
      gunzipSync(readFileSync(join(out, SEARCH_FILES.setup))).toString(),
    ) as SearchSetup;
    expect(setup.shards).toEqual(
      ['2017', '2016-p2', '2016-p1', '2005'].map((name) => ({
        language: `und-${name}`,
        sets: `${SEARCH_FILES.sets}${name}/`,
        buckets: expect.any(Number),
      })),
    );
    expect(readdirSync(join(out, SEARCH_FILES.pagefindDir)).sort()).toEqual([
      'filter',
      'index',
      'pagefind-entry.json',
      'pagefind.js',
      expect.stringMatching(new RegExp(`^pagefind\\.${INDEX_LANGUAGE}_[0-9a-f]+\\.pf_meta$`)),
      'wasm.unknown.pagefind',
    ]);
    // A result id is its shard's language, then Pagefind's hash: `und-2016-p2_1a2b3c4`.
    const languages = readdirSync(join(out, SEARCH_FILES.documents)).map(
      (name) => setup.shards.find((shard) => name.startsWith(`${shard.language}_`))?.language,
    );
    expect(new Set(languages)).toEqual(new Set(setup.shards.map((shard) => shard.language)));
    expect(
      readdirSync(join(out, SEARCH_FILES.documents)).filter((name) =>
        /^[^.]+\.zh-hans\.json\.gz$/.test(name),
      ),
    ).toHaveLength(5);
  });

  it('merges to the index one Pagefind process makes of every document: words, positions, filters and order', async () => {
    const merged = readIndex((await build(archive)).out);
    const out = mkdtempSync(join(tmpdir(), 'search-whole-'));
    await buildSearch(archiveSource(archive), out, undefined, { maxShardDocuments: 100 });
    const whole = readIndex(out);
    expect(merged.pages).toBe(5);
    expect(merged.chunks).toBeGreaterThan(1);
    expect(merged.words.size).toBeGreaterThan(10_000);
    expect(merged.words).toEqual(whole.words);
    expect(merged.filters).toEqual(whole.filters);
    expect(merged.sorts).toEqual(whole.sorts);
  }, 120_000);

  it('builds the same bytes from the output folder, one shard’s records at a time, as from the archive in memory', async () => {
    const folder = folderSource(archive.dataDir);
    const memory = archiveSource(archive);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...folder.documents].sort(byId)).toEqual([...memory.documents].sort(byId));
    expect(new Set(folder.agencies.map((agency) => agency.id))).toEqual(
      new Set(memory.agencies.map((agency) => agency.id)),
    );
    const ids = ['yuefu-2017-8', 'suifuban-2005-48'];
    expect(folder.load(ids)).toEqual(memory.load(ids));
    for (const { id } of memory.documents) expect(folder.recordVersion(id)).toBe(memory.recordVersion(id));
    expect(() => folder.recordVersion('no-such-document')).toThrow(/no record for document no-such-document/);
    expect(() => folder.load(['no-such-document'])).toThrow(/no-such-document\.json.*npm run pipeline/);
    const out = mkdtempSync(join(tmpdir(), 'search-folder-'));
    await buildSearch(folder, out, undefined, { maxShardDocuments: 2 });
    expect(fileTree(out)).toEqual(fileTree((await build(archive)).out));
  }, 120_000);

  it('writes the same bytes from the cache as without it, and rebuilds only the shard of a changed document', async () => {
    const clean = await build(archive);
    const first = await build(archive, cache);
    const second = await build(archive, cache);
    expect(first.stats.shards.every((shard) => !shard.cached)).toBe(true);
    expect(second.stats.shards.every((shard) => shard.cached)).toBe(true);
    expect(fileTree(first.out)).toEqual(fileTree(clean.out));
    expect(fileTree(second.out)).toEqual(fileTree(clean.out));

    const changed = edited('suifuban-2005-48');
    const again = await build(changed, cache);
    expect(again.stats.shards.filter((shard) => !shard.cached).map((shard) => shard.name)).toEqual(['2005']);
    expect(fileTree(again.out)).toEqual(fileTree((await build(changed)).out));
    // Entries no build uses any more are dropped; the ones in use stay.
    expect(readdirSync(cache).filter((name) => statSync(join(cache, name)).isDirectory())).toHaveLength(4);
  }, 120_000);

  it('reads the records of the shards it builds only: a cached shard is known by its records’ hashes', async () => {
    const own = mkdtempSync(join(tmpdir(), 'search-cache-'));
    const read: string[] = [];
    const counting = (from: Archive): SearchSource => {
      const source = archiveSource(from);
      return { ...source, load: (ids) => (read.push(...ids), source.load(ids)) };
    };
    const options = { maxShardDocuments: 2, cacheDir: own };
    await buildSearch(counting(archive), mkdtempSync(join(tmpdir(), 'search-out-')), undefined, options);
    expect(read.sort()).toEqual(archive.documents.map((document) => document.id).sort());
    read.length = 0;
    await buildSearch(counting(archive), mkdtempSync(join(tmpdir(), 'search-out-')), undefined, options);
    expect(read).toEqual([]);
    const changed = edited('suifuban-2005-48');
    await buildSearch(counting(changed), mkdtempSync(join(tmpdir(), 'search-out-')), undefined, options);
    expect(read).toEqual(
      archiveShards(archiveSource(changed), 2).find((shard) => shard.name === '2005')!.ids,
    );
  }, 120_000);
});
