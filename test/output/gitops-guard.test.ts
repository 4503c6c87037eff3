import { join } from 'node:path';
import { GuardError, guardDrops } from '../../lib/output/gitops-guard';
import { writeTree } from '../../lib/output/write-tree';
import { expectError } from '../helpers';
import { tempDir } from '../fixtures/temp-dir';

const object = (kind: string, name: string) => `---\napiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: shop\n`;
const app = (name: string) => object('Deployment', name) + object('Service', name);
const options = { maxDropShare: 0.25, allowDrop: false };

function distWith(apps: string[]): string {
  const out = join(tempDir('guard-'), 'dist');
  writeTree(out, new Map(apps.map((a) => [`prod/shop/${a}.yaml`, app(a)])));
  return out;
}
const prod = (apps: number) => [{ name: 'prod', apps }];
const files = (apps: string[]) => new Map(apps.map((a) => [`prod/shop/${a}.yaml`, app(a)]));

describe('the GitOps guard', () => {
  test('lets a synth delete up to the allowed share of an environment', () => {
    const out = distWith(['a', 'b', 'c', 'd']);
    expect(() => guardDrops(out, files(['a', 'b', 'c']), prod(3), options)).not.toThrow();
  });

  test('refuses to delete more than the allowed share, naming what would go', () => {
    const out = distWith(['a', 'b', 'c', 'd']);
    const error = expectError<GuardError>(() => guardDrops(out, files(['a', 'b']), prod(2), options));
    expect(error.code).toBe('E_GUARD');
    expect(error.message).toContain(
      "environment 'prod' would lose 4 of its 8 objects (50% > 25%): Deployment shop/c, Deployment shop/d, Service shop/c, Service shop/d",
    );
    expect(error.message).toContain('--allow-drop');
  });

  test('refuses an environment with no apps, even on the first synth and with platform objects left', () => {
    const out = join(tempDir('guard-'), 'dist');
    const error = expectError<GuardError>(() => guardDrops(out, new Map([['prod/shop/_namespace.yaml', object('Namespace', 'shop')]]), prod(0), options));
    expect(error.message).toContain("environment 'prod' would have no apps");
  });

  test('allows anything when told to', () => {
    const out = distWith(['a', 'b', 'c', 'd']);
    expect(() => guardDrops(out, new Map(), prod(0), { ...options, allowDrop: true })).not.toThrow();
  });
});
