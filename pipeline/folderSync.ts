// Brings a folder to exactly the files a run puts in it, whatever it held before: a build's output
// assembled over the output before the last one (outputFolder.ts keeps it as a spare), so that a
// rebuild that changes a few files touches those and not the other tens of thousands. Every file
// is put by name: linked from its source (when it is not that file already), moved in, or written
// beside and renamed over. Nothing is ever written into a file that is there: the folder's files
// are links to caches and to outputs still in use, which must keep their bytes. What the run did
// not put is swept away, with the folders it leaves empty: what was there is listed as soon as the
// sync is made, while the run puts its files (listing a folder that has not been read for a build
// or two took 1.3 s at 94,000 files, most of it waiting on the disk).
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  type Stats,
} from 'node:fs';
import { readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute, sep } from 'node:path';
import { eachAtOnce } from './eachAtOnce.ts';
import { linkOrCopy } from './linkOrCopy.ts';

/** A path's own status, or none when nothing is there (without an error thrown: most paths are new in a first build). */
const lstatOrNone = (path: string): Stats | undefined => lstatSync(path, { throwIfNoEntry: false });

/** The files and folders under some folders of a root (paths relative to it), but under `except`. */
interface Survey {
  files: string[];
  /** With how many entries each had when listed. */
  folders: Map<string, number>;
}

async function survey(root: string, within: readonly string[], except: ReadonlySet<string>): Promise<Survey> {
  const found: Survey = { files: [], folders: new Map() };
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(join(root, folder), { withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
        throw error;
      },
    );
    found.folders.set(folder, entries.length);
    const inner: Promise<void>[] = [];
    for (const entry of entries) {
      const name = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (except.has(name)) continue;
      if (entry.isDirectory()) inner.push(walk(name));
      else found.files.push(name);
    }
    // Every folder at once: the listing waits on the disk, not on the processor.
    await Promise.all(inner);
  };
  await Promise.all(within.map(walk));
  return found;
}

const depth = (path: string) => path.split('/').length;

/**
 * A relative path already in the form this keeps names in (segments joined by `/`, none empty,
 * `.` or `..`): the names a build puts, taken as they are, without resolving each (tens of
 * thousands a build).
 */
const isPlainName = (path: string): boolean =>
  !path.includes('\\') &&
  path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');

export class FolderSync {
  /** Files put by this run, by path relative to the folder. */
  private readonly taken = new Set<string>();
  /** Folders known to be folders, by path relative to the folder ('' for itself). */
  private readonly folders = new Set<string>(['']);
  private readonly surveyed: Promise<Survey>;

  /**
   * A sync of the folders `within` names (default: the whole folder), but those `except` names
   * (another process's): what it sweeps.
   */
  readonly root: string;

  constructor(root: string, owned: { within?: readonly string[]; except?: readonly string[] } = {}) {
    this.root = root;
    this.surveyed = survey(root, owned.within ?? [''], new Set(owned.except ?? []));
    // Awaited by sweep; until then a failure must not count as unhandled.
    this.surveyed.catch(() => {});
  }

  /** Claims a path for this run: a path put twice, or outside the folder, is an error. */
  private take(path: string): string {
    const name = isPlainName(path) ? path : this.nameInside(path);
    if (this.taken.has(name))
      throw new Error(`${join(this.root, name)} is put twice in one build: two sources claim the name`);
    this.taken.add(name);
    return name;
  }

  /** A path that is not a plain name, resolved: it must still name a file inside the folder. */
  private nameInside(path: string): string {
    const inside = relative(this.root, resolve(this.root, path));
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
      throw new Error(`refusing to put ${JSON.stringify(path)}: it is not a file inside ${this.root}`);
    return inside.split(sep).join('/');
  }

  /** Makes `folder` a folder, replacing a file in its way. */
  private folder(folder: string): void {
    if (this.folders.has(folder)) return;
    this.folder(dirname(folder) === '.' ? '' : dirname(folder));
    const full = join(this.root, folder);
    const found = lstatOrNone(full);
    if (found && !found.isDirectory()) rmSync(full);
    if (!found?.isDirectory()) mkdirSync(full);
    this.folders.add(folder);
  }

  /** Clears the way for a file at `name`: its folder made, and a folder of that name removed. */
  private clear(name: string): { full: string; found: Stats | undefined } {
    this.folder(dirname(name) === '.' ? '' : dirname(name));
    const full = join(this.root, name);
    const found = lstatOrNone(full);
    if (found?.isDirectory()) {
      rmSync(full, { recursive: true });
      return { full, found: undefined };
    }
    return { full, found };
  }

  /** Puts `source` at `path`, linked (or copied); nothing to do when it is that file already. */
  async place(path: string, source: string): Promise<void> {
    const { full, found } = this.clear(this.take(path));
    if (found) {
      const wanted = statSync(source);
      if (found.isFile() && found.ino === wanted.ino && found.dev === wanted.dev) return;
      // In the thread pool, as the link: after a build that wrote many files, the disk's journal
      // can hold a removal up for a while, which would hold up every other file put.
      await unlink(full);
    }
    await linkOrCopy(source, full);
  }

  /** Puts every file under `from` at the same place under `path`, but names `skip` refuses, at any depth. */
  async placeTree(from: string, path: string, skip: (name: string) => boolean = () => false): Promise<void> {
    const entries = (await readdir(from, { withFileTypes: true })).filter((entry) => !skip(entry.name));
    await eachAtOnce(entries, async (entry) => {
      const name = path === '' ? entry.name : `${path}/${entry.name}`;
      if (entry.isDirectory()) await this.placeTree(join(from, entry.name), name, skip);
      else if (entry.isFile()) await this.place(name, join(from, entry.name));
    });
  }

  /** Writes a new file at `path`: beside it, then renamed over what is there. */
  async write(path: string, bytes: string | Uint8Array): Promise<void> {
    const { full } = this.clear(this.take(path));
    const temporary = `${full}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, full);
  }

  /** Moves every file of `from` (a folder of new files, left with its folders only) to the same place here. */
  adoptTree(from: string, path = ''): void {
    if (path !== '') this.folder(path);
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const name = path === '' ? entry.name : `${path}/${entry.name}`;
      if (entry.isDirectory()) this.adoptTree(join(from, entry.name), name);
      else renameSync(join(from, entry.name), this.clear(this.take(name)).full);
    }
  }

  /**
   * Removes every file of the folders it owns that this run did not put, and the folders that
   * leaves empty (but those the run made). Returns how many files went.
   */
  async sweep(): Promise<number> {
    const { files, folders } = await this.surveyed;
    const emptied = new Set<string>();
    let removed = 0;
    for (const name of files) {
      if (this.taken.has(name)) continue;
      rmSync(join(this.root, name), { force: true });
      removed++;
      for (let folder = dirname(name); folder !== '.'; folder = dirname(folder)) emptied.add(folder);
    }
    for (const [folder, entries] of folders) if (entries === 0) emptied.add(folder);
    for (const folder of [...emptied].sort((a, b) => depth(b) - depth(a))) {
      if (this.folders.has(folder)) continue;
      try {
        rmdirSync(join(this.root, folder));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'ENOENT' && code !== 'EEXIST') throw error;
      }
    }
    return removed;
  }
}
