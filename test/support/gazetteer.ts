// The real gazetteer of responsible bodies, read from the file the pipeline uses.
import { readFileSync } from 'node:fs';
import { loadGazetteer, type Gazetteer } from '../../pipeline/resolveAgencies.ts';

export const gazetteer: Gazetteer = loadGazetteer(
  JSON.parse(readFileSync('pipeline/config/agencies.json', 'utf8')),
);
