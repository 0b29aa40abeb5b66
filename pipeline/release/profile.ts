// Validation of datapackage.json against the official Frictionless Data Package v2.0 profile,
// vendored in schemas/vendor/ (a draft-07 JSON Schema; ajv ignores its annotation keywords).
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const PROFILE_URL = 'https://datapackage.org/profiles/2.0/datapackage.json';
export const PROFILE_FILE = new URL('../../schemas/vendor/datapackage-2.0.json', import.meta.url);

export function loadProfile(): object {
  return JSON.parse(readFileSync(PROFILE_FILE, 'utf8')) as object;
}

/** One line per problem; empty when the descriptor is valid. */
export function validateDataPackage(descriptor: unknown, profile: object = loadProfile()): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('textarea', true);
  const validate = ajv.compile(profile);
  if (validate(descriptor)) return [];
  return (validate.errors ?? []).map(
    (error) => `datapackage.json ${error.instancePath || '/'}: ${error.message ?? 'is invalid'}`,
  );
}
