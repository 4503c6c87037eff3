import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRECOMPILED } from '../../scripts/compile-validators';

const ROOT = join(__dirname, '../..');

describe('precompiled validators', () => {
  test.each(PRECOMPILED.map((p) => [p.file, p.source] as const))('%s is what ajv compiles from its schema today (else: npm run validators)', (file, source) => {
    const committed = readFileSync(join(ROOT, file), 'utf8');
    const fresh = source();
    // The text around the first difference, not the whole file: a 3.6 MB diff would drown the failure.
    let at = 0;
    while (at < fresh.length && fresh[at] === committed[at]) at++;
    const firstDifference = fresh === committed ? undefined : committed.slice(Math.max(0, at - 80), at + 80);
    expect({ length: committed.length, firstDifference }).toEqual({ length: fresh.length, firstDifference: undefined });
  });
});
