// A folder brought to exactly the files a run puts in it, over whatever it held: files that are
// already the source are kept, others replaced without writing into them (they may be links to a
// cache or to an output in use), and what the run did not put is swept away.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderSync } from '../pipeline/folderSync.ts';
import { fileTree } from './support/fileTree.ts';

let work: string;
let root: string;
let sources: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'folder-sync-'));
  root = join(work, 'site');
  sources = join(work, 'sources');
  mkdirSync(root);
  mkdirSync(sources);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const source = (name: string, text: string) => {
  writeFileSync(join(sources, name), text);
  return join(sources, name);
};
const put = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};
const ino = (path: string) => statSync(path).ino;
/** A file's bytes as fileTree gives them. */
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('FolderSync', () => {
  it('keeps a file that is its source already, and links the source in place of any other', async () => {
    const same = source('same.html', 'same');
    linkSync(same, join(root, 'same.html'));
    const shared = source('shared.html', 'in use elsewhere');
    put('docs/page.html', 'old');
    // The old file is also a file of another output, which must keep its bytes.
    linkSync(join(root, 'docs/page.html'), join(work, 'live.html'));
    const sync = new FolderSync(root);
    await sync.place('same.html', same);
    await sync.place('docs/page.html', shared);
    await sync.place('new/deep/page.html', source('new.html', 'new'));
    expect(ino(join(root, 'same.html'))).toBe(ino(same));
    expect(ino(join(root, 'docs/page.html'))).toBe(ino(shared));
    expect(readFileSync(join(work, 'live.html'), 'utf8')).toBe('old');
    expect(fileTree(root)).toEqual(
      fileTree(
        (() => {
          const clean = join(work, 'clean');
          mkdirSync(join(clean, 'docs'), { recursive: true });
          mkdirSync(join(clean, 'new/deep'), { recursive: true });
          writeFileSync(join(clean, 'same.html'), 'same');
          writeFileSync(join(clean, 'docs/page.html'), 'in use elsewhere');
          writeFileSync(join(clean, 'new/deep/page.html'), 'new');
          return clean;
        })(),
      ),
    );
  });

  it('writes a new file beside the old one and renames it over, never into it', async () => {
    put('index/chunk', 'old');
    linkSync(join(root, 'index/chunk'), join(work, 'live'));
    const sync = new FolderSync(root);
    await sync.write('index/chunk', 'new');
    expect(readFileSync(join(root, 'index/chunk'), 'utf8')).toBe('new');
    expect(readFileSync(join(work, 'live'), 'utf8')).toBe('old');
  });

  it('puts a file where a folder was and a folder where a file was', async () => {
    put('a/b/c.txt', 'folder in the way');
    put('d', 'file in the way');
    const sync = new FolderSync(root);
    await sync.place('a/b', source('b', 'now a file'));
    await sync.place('d/e.txt', source('e', 'under what was a file'));
    expect(fileTree(root)).toEqual({ 'a/b': b64('now a file'), 'd/e.txt': b64('under what was a file') });
  });

  it('sweeps what the run did not put, and the folders left empty, but where told not to', async () => {
    put('kept.html', 'kept');
    put('stale/deep/old.html', 'stale');
    put('stale/other.html', 'stale');
    put('search/data/old.gz', 'the search’s, swept by its own process');
    const fresh = join(work, 'fresh');
    mkdirSync(join(fresh, '_astro'), { recursive: true });
    mkdirSync(join(fresh, 'empty'));
    writeFileSync(join(fresh, '_astro/site.css'), 'css');
    const sync = new FolderSync(root, { except: ['search/data'] });
    await sync.place('kept.html', join(root, 'kept.html'));
    sync.adoptTree(fresh);
    expect(await sync.sweep()).toBe(2);
    expect(fileTree(root)).toEqual({
      'kept.html': b64('kept'),
      '_astro/site.css': b64('css'),
      'search/data/old.gz': b64('the search’s, swept by its own process'),
    });
    // A folder the run made stays, empty or not; one it emptied goes.
    expect(statSync(join(root, 'empty')).isDirectory()).toBe(true);
    expect(() => statSync(join(root, 'stale'))).toThrow();
    expect(fileTree(fresh)).toEqual({});
  });

  it('sweeps only within the folders named', async () => {
    put('pagefind/old.pf_index', 'old chunk');
    put('documents/page.html', 'the pages’ process puts these');
    const sync = new FolderSync(root, { within: ['pagefind', 'search/data'] });
    await sync.write('pagefind/new.pf_index', 'new chunk');
    expect(await sync.sweep()).toBe(1);
    expect(Object.keys(fileTree(root)).sort()).toEqual(['documents/page.html', 'pagefind/new.pf_index']);
  });

  it('refuses a name put twice, and a name outside the folder', async () => {
    const sync = new FolderSync(root);
    await sync.place('a.html', source('a', 'a'));
    await expect(sync.place('a.html', source('b', 'b'))).rejects.toThrow(/put twice/);
    await expect(sync.write('../escape.txt', 'x')).rejects.toThrow(/not a file inside/);
    await expect(sync.write('/etc/escape.txt', 'x')).rejects.toThrow(/not a file inside/);
    // A name written another way is the same name.
    await sync.place('docs/./b.html', source('b', 'b'));
    await expect(sync.place('docs/b.html', source('c', 'c'))).rejects.toThrow(/put twice/);
  });
});
