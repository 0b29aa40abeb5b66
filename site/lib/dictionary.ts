// The data dictionary: the published tables and their columns, with descriptions in Chinese and
// English, from the single description of the tables (schemas/tables.json).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface DictionaryField {
  name: string;
  type: string;
  title: string;
  description: string;
  zh?: { title: string; description: string };
}

export interface DictionaryTable {
  name: string;
  title: string;
  description: string;
  zh?: { title: string; description: string };
  schema: { fields: DictionaryField[]; primaryKey?: string | string[] };
}

export function dictionary(): DictionaryTable[] {
  const file = resolve(process.env['SITE_TABLES'] ?? 'schemas/tables.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { tables: DictionaryTable[] }).tables;
}
