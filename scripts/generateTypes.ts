// Generates pipeline/generated/model.ts from schemas/*.schema.json: the schemas are the single
// source of the data model. `--check` fails when the committed types are stale.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';
import { format } from 'prettier';

const SCHEMAS = 'schemas';
const OUT = 'pipeline/generated/model.ts';

export async function generateTypes(): Promise<string> {
  const files = (await readdir(SCHEMAS)).filter((name) => name.endsWith('.schema.json')).sort();
  const parts: string[] = [];
  for (const file of files) {
    const schema = JSON.parse(await readFile(`${SCHEMAS}/${file}`, 'utf8'));
    parts.push(
      await compile(schema, schema.title, {
        cwd: SCHEMAS,
        bannerComment: '',
        additionalProperties: false,
        declareExternallyReferenced: false,
        $refOptions: { resolve: { http: false } },
      }),
    );
  }
  const header = '// Generated from schemas/*.schema.json by `npm run generate:types`. Do not edit.\n\n';
  return format(header + parts.join('\n'), { parser: 'typescript', printWidth: 110, singleQuote: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const generated = await generateTypes();
  if (process.argv.includes('--check')) {
    const current = await readFile(OUT, 'utf8').catch(() => '');
    if (current !== generated) {
      console.error(`${OUT} is stale: run npm run generate:types and commit the result`);
      process.exitCode = 1;
    }
  } else {
    await writeFile(OUT, generated);
  }
}
