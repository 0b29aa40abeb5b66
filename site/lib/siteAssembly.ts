// The built site as the build's integrations put it together (pipeline/folderSync.ts): staged by
// site/integrations/swapOutput.ts as the build starts, then the pages from the cache, the
// downloads and the search are put in it by name, and Astro's own output is moved in last.
import { FolderSync } from '../../pipeline/folderSync.ts';
import { SEARCH_PARTS } from './searchFiles.ts';

let current: FolderSync | undefined;

/** The assembly in `root`: everything but the search's folders, which the search's process keeps. */
export function stageSiteAssembly(root: string): FolderSync {
  current = new FolderSync(root, { except: SEARCH_PARTS });
  return current;
}

export function siteAssembly(): FolderSync {
  if (!current)
    throw new Error('the site’s output is not staged: list swapOutput()’s stage first in astro.config.mjs');
  return current;
}
