// Builds records from in-memory seeds through the whole pipeline, as the CLI does.
import { buildArchive, type BuildResult, type SeedInput } from '../../pipeline/buildArchive.ts';
import { readSchemas } from '../../pipeline/cli.ts';
import { gazetteer } from './gazetteer.ts';
import { cleanConfig } from './seeds.ts';

const schemas = await readSchemas();

export function buildSeeds(seeds: readonly SeedInput[]): BuildResult {
  return buildArchive({ seeds, overrides: cleanConfig.overrides, schemas, gazetteer });
}

export const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
