// Validation of every emitted record against the JSON Schemas (ajv, JSON Schema 2020-12, all
// errors, formats on). Errors read as one line each: source → record pointer: message.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Document, ExternalReference } from './generated/model.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export type SchemaFiles = Record<string, object>;

export interface RecordValidator {
  document: ValidateFunction<Document>;
  externalReference: ValidateFunction<ExternalReference>;
}

export function createValidator(schemas: SchemaFiles): RecordValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const byTitle = (title: string) => {
    const schema = Object.values(schemas).find(
      (candidate) => (candidate as { title?: string }).title === title,
    );
    if (!schema) throw new Error(`no schema titled ${title}`);
    return ajv.getSchema((schema as { $id: string }).$id)!;
  };
  return {
    document: byTitle('Document') as ValidateFunction<Document>,
    externalReference: byTitle('External reference') as ValidateFunction<ExternalReference>,
  };
}

/** One line per error: `seeds/x.txt → documents/id.json /tasks/3/agencies: must NOT have fewer than 1 items`. */
export function describeErrors(errors: readonly ErrorObject[], source: string, record: string): string[] {
  return errors.map((error) => {
    const pointer = error.instancePath || '/';
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      message = `has unknown property ${JSON.stringify(error.params.additionalProperty)}`;
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    return `${source} → ${record} ${pointer}: ${message}`;
  });
}

export class ValidationError extends Error {
  readonly lines: string[];

  constructor(lines: string[]) {
    super(`${lines.length} record problem(s):\n${lines.join('\n')}`);
    this.name = 'ValidationError';
    this.lines = lines;
  }
}
