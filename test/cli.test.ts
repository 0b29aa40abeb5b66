// The pipeline command as a person runs it: clear errors, --keep-going, and the previous good
// output left untouched by a failed run.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLE_SCHEMAS } from '../pipeline/recordsToTables.ts';
import { backgroundDone } from '../pipeline/outputFolder.ts';

// As `npm run pipeline` runs it: Node strips the types itself.
const runCli = (...args: string[]) =>
  spawnSync(process.execPath, ['pipeline/cli.ts', ...args], { encoding: 'utf8' });

describe('pipeline CLI', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pipeline-cli-'));
    cpSync('seeds', join(work, 'seeds'), { recursive: true });
  });

  it('builds the seeds into the output folder', () => {
    const result = runCli('--seeds', join(work, 'seeds'), '--out', join(work, 'out'));
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(join(work, 'out', 'text')).sort()).toEqual([
      'chuanbanhan-2016-212.txt',
      'shier-wu-yue-gui-zhanlve-hezuo-kuangjia-xieyi.txt',
      'suifuban-2005-48.txt',
      'xiangzhengfa-2016-21.txt',
      'yuefu-2017-8.txt',
    ]);
    const repairs = readFileSync(join(work, 'out', 'repairs.csv'), 'utf8');
    expect(repairs.split('\r\n')[0]).toBe(
      'document_id,position,source_file,stage,kind,rule,line,column,original,replacement,confidence,note',
    );
  });

  it('writes CSVs another parser reads row for row (Python csv)', () => {
    const script = [
      'import csv, glob, json, sys',
      'out = {}',
      'for path in sorted(glob.glob(sys.argv[1] + "/*.csv")):',
      '    rows = list(csv.reader(open(path, encoding="utf-8", newline="")))',
      '    out[path.split("/")[-1][:-4]] = {"header": rows[0], "widths": sorted({len(r) for r in rows})}',
      'print(json.dumps(out))',
    ].join('\n');
    const parsed = JSON.parse(
      spawnSync('python3', ['-c', script, join(work, 'out')], { encoding: 'utf8' }).stdout,
    ) as Record<string, { header: string[]; widths: number[] }>;
    for (const table of TABLE_SCHEMAS) {
      const columns = table.schema.fields.map((field) => field.name);
      expect(parsed[table.name], table.name).toEqual({ header: columns, widths: [columns.length] });
    }
  });

  it('replaces its previous output, which a process of its own removes after the run', async () => {
    writeFileSync(join(work, 'out', 'stale.txt'), 'from an earlier run');
    const result = runCli('--seeds', join(work, 'seeds'), '--out', join(work, 'out'));
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(join(work, 'out'))).not.toContain('stale.txt');
    await backgroundDone(join(work, 'out'));
    expect(readdirSync(work).filter((name) => name.startsWith('.out'))).toEqual([]);
  });

  it('fails on bad input naming the file and reason, and leaves the previous output untouched', () => {
    const before = readFileSync(join(work, 'out', 'repairs.csv'));
    writeFileSync(join(work, 'seeds', 'empty.txt'), '');
    writeFileSync(join(work, 'seeds', 'binary.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const result = runCli('--seeds', join(work, 'seeds'), '--out', join(work, 'out'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/empty\.txt: the file is empty/);
    expect(result.stderr).toMatch(/binary\.png(:\d+)?: /);
    expect(result.stdout).toMatch(/nothing written/);
    expect(readFileSync(join(work, 'out', 'repairs.csv'))).toEqual(before);
    expect(readdirSync(work).filter((name) => name.startsWith('.out'))).toEqual([]);
  });

  it('publishes the readable seeds with --keep-going and still exits non-zero', () => {
    const result = runCli('--seeds', join(work, 'seeds'), '--out', join(work, 'kept'), '--keep-going');
    expect(result.status).toBe(1);
    expect(readdirSync(join(work, 'kept', 'text'))).toHaveLength(5);
    const ingest = JSON.parse(readFileSync(join(work, 'kept', 'ingest.json'), 'utf8'));
    expect(ingest.failures.map((failure: { file: string }) => failure.file).sort()).toEqual([
      join(work, 'seeds', 'binary.png'),
      join(work, 'seeds', 'empty.txt'),
    ]);
  });

  it('reports two seeds with the same document number, naming both, and publishes one', () => {
    const dup = mkdtempSync(join(tmpdir(), 'pipeline-dup-'));
    cpSync(join('seeds', '002_3839a3136df35271.txt'), join(dup, 'a.txt'));
    cpSync(join('seeds', '002_3839a3136df35271.txt'), join(dup, 'b copy.txt'));
    const result = runCli('--seeds', dup, '--out', join(dup, 'out'), '--keep-going');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/b copy\.txt: same document id chuanbanhan-2016-212 as .*a\.txt/);
    expect(readdirSync(join(dup, 'out', 'text'))).toEqual(['chuanbanhan-2016-212.txt']);
  });
});
