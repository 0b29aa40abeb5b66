// The built site, written as the pipeline's output is (pipeline/outputFolder.ts): assembled in a
// folder beside the output folder, which is swapped into place once every integration is done, so
// a failed build leaves the previous site as it was. The folder is the site before the last one,
// kept as a spare, brought to this build's files (site/lib/siteAssembly.ts): at 5,000 documents a
// site is 94,000 files, which a rebuild need not link again nor remove. Astro builds into a staging
// folder of its own, whose files are moved in last (Astro would otherwise empty the output folder
// first; astro.config.mjs turns that off). Two integrations: `stage`, listed first, stages the
// output as soon as the build starts (the search's process, started then, puts its files in it);
// `swap`, listed last, once the other integrations have put their files in it.
import type { AstroIntegration } from 'astro';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stageAssembly, type OutputAssembly } from '../../pipeline/outputFolder.ts';
import { siteAssembly, stageSiteAssembly } from '../lib/siteAssembly.ts';

export default function swapOutput(): { stage: AstroIntegration; swap: AstroIntegration } {
  let output: OutputAssembly | undefined;
  return {
    stage: {
      name: 'pprd-stage-output',
      hooks: {
        'astro:config:setup': async ({ config, command, updateConfig }) => {
          if (command !== 'build') return;
          output = await stageAssembly(fileURLToPath(config.outDir));
          stageSiteAssembly(output.assembly);
          updateConfig({ outDir: pathToFileURL(`${output.folder}/`) });
        },
      },
    },
    swap: {
      name: 'pprd-swap-output',
      hooks: {
        'astro:build:done': async ({ logger }) => {
          if (!output) return;
          const assembly = siteAssembly();
          assembly.adoptTree(output.folder);
          const removed = await assembly.sweep();
          const replaced = await output.commit();
          logger.info(
            `the site is in place (${removed} files of the site before the last removed); ` +
              (replaced ? 'the previous one is kept to start the next build from' : 'it is the first'),
          );
        },
      },
    },
  };
}
