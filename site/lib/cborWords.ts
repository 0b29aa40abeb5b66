// Pagefind's index chunks read and written at the level of their CBOR bytes, for the merge
// (mergeIndexes.ts): a chunk is [[word, [[page delta, positions, metadata places], …], extra], …].
// Decoding every posting into arrays made the merge spend most of its time collecting garbage;
// this reads a word's text and each posting's page delta and hands the rest on as the bytes it is.
// Only what Pagefind writes is read: definite lengths, no tags, no floats inside a chunk.

const UINT = 0;
const NEGINT = 1;
const TEXT = 3;
const ARRAY = 4;

/**
 * A word of a chunk as the merge needs it: its postings as the bytes they are, with what it takes
 * to renumber their pages. Only the first posting's page delta depends on what comes before the
 * word's list (the others count from the posting before them), so the merge rewrites that one
 * and copies the rest.
 */
export interface RawWord {
  word: string;
  /** How many postings, and how many positions and postings in all (Pagefind's chunk measure). */
  count: number;
  size: number;
  /** The page of its first posting and of its last, in its own index. */
  firstPage: number;
  lastPage: number;
  /** The postings' bytes from just after the first posting's page delta to the end of the last. */
  rest: Buffer;
  /** Whether a posting has places in the page's metadata (which name fields by number). */
  inMetadata: boolean;
  /** All the postings' bytes (for the rare word in metadata, which the merge decodes). */
  postings: Buffer;
}

class Reader {
  at = 0;
  private readonly bytes: Buffer;
  private readonly file: string;

  constructor(bytes: Buffer, file: string) {
    this.bytes = bytes;
    this.file = file;
  }

  fail(expected: string): never {
    throw new Error(
      `${this.file}: expected ${expected} at byte ${this.at} of its CBOR, as Pagefind writes it`,
    );
  }

  /** An item's major type and its argument (a value, a length or a count). */
  head(): [major: number, argument: number] {
    const initial = this.bytes[this.at++];
    if (initial === undefined) this.fail('another item');
    const major = initial >> 5;
    const info = initial & 31;
    if (info < 24) return [major, info];
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) this.fail('a definite length');
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.bytes[this.at++]!;
    return [major, value];
  }

  expect(major: number, what: string): number {
    const [got, argument] = this.head();
    if (got !== major) {
      this.at--;
      this.fail(what);
    }
    return argument;
  }

  text(): string {
    const length = this.expect(TEXT, 'a text string');
    const value = this.bytes.toString('utf8', this.at, this.at + length);
    this.at += length;
    return value;
  }

  /** Skips one item (numbers, strings and arrays of them: what a chunk holds). */
  skip(): void {
    const [major, argument] = this.head();
    if (major === UINT || major === NEGINT) return;
    if (major === 2 || major === TEXT) this.at += argument;
    else if (major === ARRAY) for (let i = 0; i < argument; i++) this.skip();
    else {
      this.at--;
      this.fail('a number, a string or an array');
    }
  }
}

/** The words of a chunk's CBOR (without Pagefind's signature), in order. */
export function readWords(cbor: Buffer, file: string): RawWord[] {
  const reader = new Reader(cbor, file);
  if (reader.expect(ARRAY, 'the chunk, an array of one list of words') !== 1)
    reader.fail('one list of words');
  const words: RawWord[] = [];
  for (let w = reader.expect(ARRAY, 'the list of words'); w > 0; w--) {
    if (reader.expect(ARRAY, 'a word: text, postings and extra') !== 3) reader.fail('a word of three items');
    const word = reader.text();
    const count = reader.expect(ARRAY, "the word's postings");
    if (count === 0) reader.fail('at least one posting');
    const start = reader.at;
    let rest = 0;
    let page = 0;
    let firstPage = 0;
    let size = 0;
    let inMetadata = false;
    for (let p = 0; p < count; p++) {
      if (reader.expect(ARRAY, 'a posting: page, positions, metadata places') !== 3)
        reader.fail('a posting of three items');
      page += reader.expect(UINT, "the posting's page delta");
      if (p === 0) {
        firstPage = page;
        rest = reader.at;
      }
      const positions = reader.expect(ARRAY, "the posting's positions");
      for (let i = 0; i < positions; i++) reader.skip();
      size += positions + 1;
      const places = reader.expect(ARRAY, "the posting's places in the metadata");
      for (let i = 0; i < places; i++) reader.skip();
      if (places > 0) inMetadata = true;
    }
    const end = reader.at;
    if (reader.expect(ARRAY, "the word's extra") !== 0) reader.fail('an empty extra, as Pagefind 1.6 writes');
    words.push({
      word,
      count,
      size,
      firstPage,
      lastPage: page,
      rest: cbor.subarray(rest, end),
      inMetadata,
      postings: cbor.subarray(start, end),
    });
  }
  if (reader.at !== cbor.length) reader.fail('the end of the chunk');
  return words;
}

/** One posting of a word, as the bytes it is after its page delta: its positions and metadata places. */
export interface RawPosting {
  /** Its page in its own index. */
  page: number;
  /** Its positions array and places array, as Pagefind wrote them. */
  body: Buffer;
  /** Its share of Pagefind's chunk measure: one for the page and one per position. */
  size: number;
}

/** A word's postings one by one (to drop or insert pages: see patchIndex.ts). */
export function splitPostings(word: RawWord, file: string): RawPosting[] {
  const reader = new Reader(word.postings, file);
  const postings: RawPosting[] = [];
  let page = 0;
  for (let p = 0; p < word.count; p++) {
    reader.expect(ARRAY, 'a posting: page, positions, metadata places');
    page += reader.expect(UINT, "the posting's page delta");
    const start = reader.at;
    const positions = reader.expect(ARRAY, "the posting's positions");
    for (let i = 0; i < positions; i++) reader.skip();
    reader.skip();
    postings.push({ page, body: word.postings.subarray(start, reader.at), size: positions + 1 });
  }
  return postings;
}

/** A CBOR array's head, for `count` items. */
export function arrayHead(count: number): Buffer {
  const writer = new Writer();
  writer.array(count);
  return writer.take();
}

/** Writes CBOR into a buffer that grows as needed. */
export class Writer {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private at = 0;

  private room(size: number): void {
    if (this.at + size <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + size));
    this.bytes.copy(grown, 0, 0, this.at);
    this.bytes = grown;
  }

  /** An item's head, its argument in as few bytes as it fits (as CBOR's canonical form). */
  head(major: number, argument: number): void {
    this.room(9);
    const type = major << 5;
    if (argument < 24) this.bytes[this.at++] = type | argument;
    else if (argument < 0x100) {
      this.bytes[this.at++] = type | 24;
      this.bytes[this.at++] = argument;
    } else if (argument < 0x10000) {
      this.bytes[this.at++] = type | 25;
      this.bytes.writeUInt16BE(argument, this.at);
      this.at += 2;
    } else if (argument < 0x100000000) {
      this.bytes[this.at++] = type | 26;
      this.bytes.writeUInt32BE(argument, this.at);
      this.at += 4;
    } else {
      this.bytes[this.at++] = type | 27;
      this.bytes.writeBigUInt64BE(BigInt(argument), this.at);
      this.at += 8;
    }
  }

  array(count: number): void {
    this.head(ARRAY, count);
  }

  uint(value: number): void {
    this.head(UINT, value);
  }

  text(value: string): void {
    const length = Buffer.byteLength(value);
    this.head(TEXT, length);
    this.room(length);
    this.at += this.bytes.write(value, this.at, 'utf8');
  }

  raw(bytes: Buffer): void {
    this.room(bytes.length);
    bytes.copy(this.bytes, this.at);
    this.at += bytes.length;
  }

  /** What has been written (a copy: the writer can be reused). */
  take(): Buffer {
    const written = Buffer.from(this.bytes.subarray(0, this.at));
    this.at = 0;
    return written;
  }
}
