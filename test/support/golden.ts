// Golden files, as Observable Framework keeps them: compare with test/output/<name>; on a
// mismatch write <name>-changed.<ext> beside it for review; never create a missing golden on CI.
import { existsSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

export function expectGolden(path: string, actual: string): void {
  const changed = path.replace(/(\.[^./]+)$/u, '-changed$1');
  if (!existsSync(path)) {
    if (process.env.CI === 'true')
      throw new Error(`${path} is missing: run the tests locally to create it, review it, commit it`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  expect(actual, `${path} changed: review ${changed} and copy it over the golden if it is right`).toBe(
    expected,
  );
}
