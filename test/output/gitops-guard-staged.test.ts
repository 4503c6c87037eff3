import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GuardError, guardObjectDrops, TreeObjectIds } from '../../lib/output/gitops-guard';
import { StagedTree, writeTree } from '../../lib/output/write-tree';
import { expectError } from '../helpers';
import { tempDir } from '../fixtures/temp-dir';

// The guard as a synth runs it: the new tree staged over the old one, the guard told which files it
// linked unchanged, so it reads again only the old files that changed or went.

const object = (kind: string, name: string) => `---\napiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: shop\n`;
const app = (name: string) => object('Deployment', name) + object('Service', name);
const files = (apps: string[]) => new Map(apps.map((a) => [`prod/shop/${a}.yaml`, app(a)]));

function distWith(apps: string[]): string {
  const out = join(tempDir('guard-staged-'), 'dist');
  writeTree(out, files(apps));
  return out;
}

// The real module object, whose readFileSync the guard calls (not the test's own import of it).
const fs: typeof import('node:fs') = jest.requireActual('node:fs');

/** Stages `next` over `out` and runs the guard on it; returns the files the guard read, relative to `out`. */
function guardStaged(out: string, next: ReadonlyMap<string, string>, maxDropShare: number): string[] {
  const tree = new StagedTree(out);
  const ids = new TreeObjectIds();
  const read = jest.spyOn(fs, 'readFileSync');
  try {
    for (const [path, text] of next) ids.add(path, text, tree.add(path, text));
    read.mockClear();
    guardObjectDrops(out, ids, [{ name: 'prod', apps: next.size }], { maxDropShare, allowDrop: false });
    return read.mock.calls.map(([file]) => relative(out, String(file))).sort();
  } finally {
    read.mockRestore();
    tree.discard();
  }
}

function refusal(out: string, next: ReadonlyMap<string, string>, maxDropShare: number): string {
  return expectError<GuardError>(() => guardStaged(out, next, maxDropShare)).message.split('\n')[1];
}

describe('the GitOps guard over a staged tree', () => {
  test('reads none of the files linked unchanged, and counts their objects on both sides', () => {
    const out = distWith(['a', 'b', 'c', 'd']);
    expect(guardStaged(out, files(['a', 'b', 'c', 'd']), 0)).toEqual([]);
  });

  test('a removed file: reads only it, and counts the unchanged files in the old total', () => {
    const out = distWith(['a', 'b', 'c', 'd']);
    expect(refusal(out, files(['a', 'b', 'c']), 0.2)).toBe(
      "  - environment 'prod' would lose 2 of its 8 objects (25% > 20%): Deployment shop/d, Service shop/d",
    );
    expect(guardStaged(out, files(['a', 'b', 'c']), 0.25)).toEqual(['prod/shop/d.yaml']);
  });

  test('a changed file that drops an object: reads only it', () => {
    const out = distWith(['a', 'b', 'c', 'd']);
    const next = new Map([...files(['a', 'b', 'c']), ['prod/shop/d.yaml', object('Deployment', 'd')]]);
    expect(refusal(out, next, 0.1)).toBe("  - environment 'prod' would lose 1 of its 8 objects (13% > 10%): Service shop/d");
    expect(guardStaged(out, next, 0.125)).toEqual(['prod/shop/d.yaml']);
  });

  test('a changed file whose objects moved to a new file: nothing is lost', () => {
    const out = distWith(['a', 'b']);
    const next = new Map([...files(['a']), ['prod/shop/b.yaml', object('Deployment', 'b')], ['prod/shop/b-service.yaml', object('Service', 'b')]]);
    expect(guardStaged(out, next, 0)).toEqual(['prod/shop/b.yaml']);
  });

  test('new files are not part of the old tree: 3 new apps do not make up for 3 removed', () => {
    const out = distWith(['a', 'b', 'c', 'd']);
    expect(refusal(out, files(['a', 'e', 'f', 'g']), 0.25)).toBe(
      "  - environment 'prod' would lose 6 of its 8 objects (75% > 25%): Deployment shop/b, Deployment shop/c, Deployment shop/d, Service shop/b, Service shop/c, Service shop/d",
    );
  });

  test('reads the changed files of a folder that is a symbolic link', () => {
    const parent = tempDir('guard-staged-');
    const elsewhere = join(parent, 'elsewhere');
    writeTree(elsewhere, files(['a', 'b', 'c', 'd']));
    const out = join(parent, 'dist');
    mkdirSync(out);
    symlinkSync(join(elsewhere, 'prod'), join(out, 'prod'));
    expect(refusal(out, files(['a', 'b']), 0.25)).toBe(
      "  - environment 'prod' would lose 4 of its 8 objects (50% > 25%): Deployment shop/c, Deployment shop/d, Service shop/c, Service shop/d",
    );
  });
});

describe('TreeObjectIds', () => {
  test('counts the objects of a file added unchanged as the old tree’s too', () => {
    const ids = new TreeObjectIds();
    ids.add('prod/shop/a.yaml', app('a'), true);
    ids.add('prod/shop/b.yaml', app('b'));
    expect([...ids.of('prod')]).toEqual(['Deployment shop/a', 'Service shop/a', 'Deployment shop/b', 'Service shop/b']);
    expect([...ids.keptOf('prod')]).toEqual(['Deployment shop/a', 'Service shop/a']);
    expect([ids.isKept('prod/shop/a.yaml'), ids.isKept('prod/shop/b.yaml')]).toEqual([true, false]);
  });

  test('leaves out a file the guard would not read in the old tree (not .yaml), and the platform folder’s objects', () => {
    const ids = new TreeObjectIds();
    ids.add('prod/shop/a.yml', app('a'), true);
    ids.add('prod/_platform/admission.yaml', object('ValidatingAdmissionPolicy', 'p'), true);
    expect([...ids.of('prod')]).toEqual(['Deployment shop/a', 'Service shop/a']);
    expect([...ids.keptOf('prod')]).toEqual([]);
    expect([ids.isKept('prod/shop/a.yml'), ids.isKept('prod/_platform/admission.yaml')]).toEqual([false, true]);
  });
});
