// The built site, written as the pipeline's output is (pipeline/outputFolder.ts): Astro builds into
// a staging folder beside the output folder, which is swapped into place once every integration is
// done, so a failed build leaves the previous site as it was. The previous site is then removed in
// a process of its own: at 5,000 documents it is 85,000 files, seconds that a rebuild need not
// wait for (Astro would otherwise empty the output folder first; astro.config.mjs turns that off).
// Listed last in astro.config.mjs: the other integrations write into the staging folder.
import type { AstroIntegration } from 'astro';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stageOutput, type OutputWriter } from '../../pipeline/outputFolder.ts';

export default function swapOutput(): AstroIntegration {
  let output: OutputWriter | undefined;
  return {
    name: 'pprd-swap-output',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        output = await stageOutput(fileURLToPath(config.outDir));
        updateConfig({ outDir: pathToFileURL(`${output.folder}/`) });
      },
      'astro:build:done': async ({ logger }) => {
        if (!output) return;
        const replaced = await output.commit({ inBackground: true });
        logger.info(
          replaced
            ? 'the site is in place; the previous one is being removed in the background'
            : 'the site is in place',
        );
      },
    },
  };
}
