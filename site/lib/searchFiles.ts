// Where the search's files live in the built site, relative to its base: shared by the build that
// writes them (searchBuild.ts), the search page that preloads them and the script that reads them.
export const SEARCH_FILES = {
  /** Pagefind's bundle: its script, its WebAssembly for an index in no particular language. */
  pagefindDir: 'pagefind/',
  pagefind: 'pagefind/pagefind.js',
  wasm: 'pagefind/wasm.unknown.pagefind',
  /** The archive's own: the folding table and agency names, and each document's display files. */
  dataDir: 'search/data/',
  setup: 'search/data/setup.json.gz',
  documents: 'search/data/doc/',
  /** Each shard's set files (searchSets.ts), in a folder named after the shard. */
  sets: 'search/data/sets/',
} as const;

/** A folder of SEARCH_FILES without its closing slash, as a folder's name in the built site. */
export const folderName = (folder: string) => folder.replace(/\/$/u, '');

/** The folders of the built site the search writes, and no one else. */
export const SEARCH_PARTS = [SEARCH_FILES.pagefindDir, SEARCH_FILES.dataDir].map(folderName);

/** How much of the token stream (code points) one display block covers (see DisplayHead). */
export const BLOCK_SIZE = 1000;

/** Pagefind's options on the search page: no worker (one file less), no excerpts (the display files show the text). */
export const PAGEFIND_OPTIONS = { noWorker: true, excerptLength: 0 } as const;

/**
 * Where the search page's inline script leaves Pagefind, imported and started while the page
 * loads (the page's own script runs only once the document is parsed and its module loaded).
 */
export const EARLY_PAGEFIND = 'pagefindStarted';
