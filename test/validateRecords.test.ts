// Schema violations read as one line each, naming the seed, the record and the JSON pointer.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Document } from '../pipeline/generated/model.ts';
import { createValidator, describeErrors, type RecordValidator } from '../pipeline/validateRecords.ts';
import { readSchemas } from '../pipeline/cli.ts';

let validator: RecordValidator;
const record = (): Document =>
  JSON.parse(readFileSync('test/output/records/chuanbanhan-2016-212.json', 'utf8'));

function messages(document: unknown): string[] {
  expect(validator.document(document)).toBe(false);
  return describeErrors(
    validator.document.errors ?? [],
    'seeds/002_3839a3136df35271.txt',
    'documents/chuanbanhan-2016-212.json',
  );
}

beforeAll(async () => {
  validator = createValidator(await readSchemas());
});

describe('record validation messages', () => {
  it('accepts the golden record', () => {
    expect(validator.document(record())).toBe(true);
  });

  it('names an empty agency list', () => {
    const document = record();
    (document.tasks[3] as { agencies: unknown[] }).agencies = [];
    expect(messages(document)).toEqual([
      'seeds/002_3839a3136df35271.txt → documents/chuanbanhan-2016-212.json /tasks/3/agencies: must NOT have fewer than 1 items',
    ]);
  });

  it('names a bad enum value, a bad date and an unknown property, all at once', () => {
    const document = record() as unknown as Record<string, unknown>;
    document.status = 'repealed';
    document.issued_date = '2016-13-30';
    document.author = 'x';
    expect(messages(document)).toEqual([
      'seeds/002_3839a3136df35271.txt → documents/chuanbanhan-2016-212.json /: has unknown property "author"',
      'seeds/002_3839a3136df35271.txt → documents/chuanbanhan-2016-212.json /issued_date: must match format "date"',
      'seeds/002_3839a3136df35271.txt → documents/chuanbanhan-2016-212.json /status: must be one of "in-force", "no-longer-in-force", "unknown"',
    ]);
  });
});
