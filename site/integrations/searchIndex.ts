// The search build as a command (site/lib/searchBuild.ts): what `astro build` runs in a child
// process while it renders the pages (site/integrations/pagefind.ts), and what a job of its own
// runs to build some shards into a cache that a later build then finds.
//
//   searchIndex.ts --out <dir> [--cache <dir>]        the whole search into <dir> (pagefind/, search/data/)
//   searchIndex.ts --cache <dir> --shard <name> …     only these shards, into the cache
//   searchIndex.ts --plan                              the shards: name and number of documents
//
// <dir> of --cache is a build's cache folder (astro.config's cacheDir, SITE_CACHE); the shards are
// kept in its search/shards/. The records come from SITE_DATA (default data/build), as for the
// site; SEARCH_SHARD_DOCUMENTS sets the documents per shard at most (default MAX_SHARD_DOCUMENTS).
// Exit status 1 on failure, with the reason on stderr.
import { parseArgs } from 'node:util';
import { dataDir, wholeNumberSetting } from '../lib/paths.ts';
import { folderSource } from '../lib/recordSource.ts';
import { pageCacheSetup } from '../lib/buildCache.ts';
import { archiveShards, buildSearch, buildShards, shardCacheDir } from '../lib/searchBuild.ts';
import { MAX_SHARD_DOCUMENTS } from '../lib/searchShards.ts';

const USAGE =
  'usage: searchIndex.ts --out <dir> [--cache <dir>] | --cache <dir> --shard <name> [--shard <name> …] | --plan';

/** Documents per shard at most: SEARCH_SHARD_DOCUMENTS, else MAX_SHARD_DOCUMENTS. */
export function shardDocuments(): number {
  return wholeNumberSetting('SEARCH_SHARD_DOCUMENTS', MAX_SHARD_DOCUMENTS, 'documents');
}

/** The records, with the search's own index of them when run by the build (site/integrations/pagefind.ts). */
const records = () => folderSource(dataDir(), pageCacheSetup()?.searchRecords);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      cache: { type: 'string' },
      shard: { type: 'string', multiple: true },
      plan: { type: 'boolean', default: false },
    },
  });
  const max = shardDocuments();
  const logger = { info: (message: string) => console.log(message) };
  if (values.plan) {
    for (const shard of archiveShards(records(), max)) console.log(`${shard.name}\t${shard.ids.length}`);
  } else if (values.shard) {
    if (!values.cache)
      throw new Error(`--shard needs --cache, the build cache folder the shards are built into\n${USAGE}`);
    await buildShards(records(), shardCacheDir(values.cache), {
      maxShardDocuments: max,
      only: values.shard,
      logger,
    });
  } else {
    if (!values.out) throw new Error(USAGE);
    await buildSearch(records(), values.out, logger, {
      maxShardDocuments: max,
      ...(values.cache ? { cacheDir: shardCacheDir(values.cache) } : {}),
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
