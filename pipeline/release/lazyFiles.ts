// Files as a map from path to bytes, each read when it is asked for and not kept: a release at
// 10,000 documents is gigabytes, which cutting it, comparing it with an existing release and
// checking every release must never hold at once. Everything that takes a release's files as a map
// (the manifests, the diff, the data package's facts, freezing) reads them one at a time; only the
// files a cut makes itself are held, as bytes.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { comparePaths } from './checksums.ts';

type Source = Uint8Array | (() => Uint8Array);

export class LazyFiles implements ReadonlyMap<string, Uint8Array> {
  private readonly sources = new Map<string, Source>();

  /** Every file under `root`, by POSIX path relative to it, in comparePaths order. */
  static async ofFolder(root: string): Promise<LazyFiles> {
    const paths: string[] = [];
    async function walk(relative: string): Promise<void> {
      for (const entry of await readdir(join(root, relative), { withFileTypes: true })) {
        const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) await walk(path);
        else paths.push(path);
      }
    }
    await walk('');
    const files = new LazyFiles();
    for (const path of paths.sort(comparePaths)) files.set(path, () => readFileSync(join(root, path)));
    return files;
  }

  /** Adds (or replaces) a file: its bytes, or what reads them. */
  set(path: string, source: Source): this {
    this.sources.set(path, source);
    return this;
  }

  /** Adds every file of `files` under `prefix`, still read only when asked for. */
  setAll(files: ReadonlyMap<string, Uint8Array>, prefix = ''): this {
    for (const path of files.keys()) {
      const source = files instanceof LazyFiles ? files.sources.get(path)! : () => files.get(path)!;
      this.sources.set(`${prefix}${path}`, source);
    }
    return this;
  }

  /** The files whose paths start with `prefix`, by the same paths. */
  under(prefix: string): LazyFiles {
    const files = new LazyFiles();
    for (const [path, source] of this.sources) if (path.startsWith(prefix)) files.set(path, source);
    return files;
  }

  get size(): number {
    return this.sources.size;
  }

  has(path: string): boolean {
    return this.sources.has(path);
  }

  get(path: string): Uint8Array | undefined {
    const source = this.sources.get(path);
    return typeof source === 'function' ? source() : source;
  }

  keys(): MapIterator<string> {
    return this.sources.keys();
  }

  *entries(): MapIterator<[string, Uint8Array]> {
    for (const path of this.sources.keys()) yield [path, this.get(path)!];
  }

  *values(): MapIterator<Uint8Array> {
    for (const path of this.sources.keys()) yield this.get(path)!;
  }

  [Symbol.iterator](): MapIterator<[string, Uint8Array]> {
    return this.entries();
  }

  forEach(callback: (bytes: Uint8Array, path: string, map: ReadonlyMap<string, Uint8Array>) => void): void {
    for (const [path, bytes] of this.entries()) callback(bytes, path, this);
  }
}
