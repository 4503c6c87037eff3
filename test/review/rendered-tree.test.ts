import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentsOf, parseTree, placeFile, readTree } from '../../lib/review/rendered-tree';
import { PlatformError } from '../../lib/internal/errors';
import { expectError } from '../helpers';
import { tempDir } from '../fixtures/temp-dir';

const SA = (name: string, namespace = 'shop') => `---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n`;

describe('placeFile', () => {
  test.each([
    ['prod/shop/web.yaml', { environment: 'prod', app: 'shop/web' }],
    ['prod/shop/_namespace.yaml', { environment: 'prod', app: 'shop/_namespace' }],
    ['argocd/prod/shop.yaml', { environment: 'prod', app: 'argocd/shop' }],
    ['argocd/bootstrap/prod.yaml', { environment: 'prod', app: 'argocd/bootstrap' }],
  ])('places %s', (path, place) => {
    expect(placeFile(path)).toEqual(place);
  });

  test.each(['prod/kustomization.yaml', 'prod/shop/kustomization.yaml', 'catalog/shop/web.yaml', 'catalog/all.yaml', 'prod/README.md'])(
    'leaves out %s, which holds no Kubernetes objects of an environment',
    (path) => {
      expect(placeFile(path)).toBeUndefined();
    },
  );
});

describe('parseTree', () => {
  test('keys objects by environment and id, skipping non-objects', () => {
    const tree = parseTree(
      new Map([
        ['prod/shop/web.yaml', `# header\n${SA('web')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: shop\ndata: {}\n`],
        ['prod/shop/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [web.yaml]\n'],
        ['dev/shop/web.yaml', SA('web')],
      ]),
    );
    expect(tree.objects.map((o) => `${o.environment} ${o.app} ${o.id}`)).toEqual([
      'dev shop/web ServiceAccount shop/web',
      'prod shop/web ServiceAccount shop/web',
      'prod shop/web ConfigMap shop/web',
    ]);
  });

  test('keeps two objects with one id in one environment apart', () => {
    const tree = parseTree(
      new Map([
        ['prod/a/x.yaml', SA('x')],
        ['prod/b/x.yaml', SA('x')],
      ]),
    );
    expect(tree.objects.map((o) => o.id)).toEqual(['ServiceAccount shop/x', 'ServiceAccount shop/x@prod/b/x.yaml']);
  });

  test('fails with the file when a document is not YAML', () => {
    const error = expectError<PlatformError>(() => parseTree(new Map([['prod/shop/web.yaml', 'a: [b\n']]), 'dist'));
    expect(error.code).toBe('E_DIFF_YAML');
    expect(error.message).toContain('dist/prod/shop/web.yaml: is not valid YAML');
  });
});

describe('readTree', () => {
  test('reads every YAML file of a folder, skipping hidden folders', () => {
    const dir = tempDir('tree-');
    mkdirSync(join(dir, 'prod/shop'), { recursive: true });
    mkdirSync(join(dir, '.dist-new-x/prod'), { recursive: true });
    writeFileSync(join(dir, 'prod/shop/web.yaml'), SA('web'));
    writeFileSync(join(dir, '.dist-new-x/prod/web.yaml'), SA('stale'));
    expect(readTree(dir).objects.map((o) => o.id)).toEqual(['ServiceAccount shop/web']);
  });

  test('fails with a fix when the folder does not exist', () => {
    const error = expectError<PlatformError>(() => readTree('/nonexistent-tree'));
    expect(error.code).toBe('E_DIFF_FOLDER');
    expect(error.message).toContain('Fix: pass two folders written by');
  });
});

test('orders environments as given, then the rest alphabetically', () => {
  const tree = parseTree(
    new Map([
      ['qa/x/a.yaml', SA('a')],
      ['prod/x/a.yaml', SA('a')],
      ['dev/x/a.yaml', SA('a')],
      ['ci/x/a.yaml', SA('a')],
    ]),
  );
  expect(environmentsOf([tree], ['dev', 'staging', 'prod'])).toEqual(['dev', 'prod', 'ci', 'qa']);
});
