import { parse } from 'yaml';
import { layoutFleet } from '../../lib/pipeline/layout-fleet';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { render } from '../../lib/pipeline/synthesize';
import { sourced, taskDef, testEnvironment, webDef } from '../helpers';

const environments = [testEnvironment({ name: 'dev' }), testEnvironment({ name: 'prod' })];

describe('the catalog in the rendered tree', () => {
  const fleet = [sourced(webDef({ name: 'web' })), sourced(taskDef({ name: 'report', team: 'ops' }))];

  test('is laid out under catalog/ and listed in no kustomization', () => {
    const files = layoutFleet(renderFleet({ apps: fleet, environments }));
    expect([...files.keys()].filter((p) => p.startsWith('catalog/'))).toEqual(['catalog/all.yaml', 'catalog/ops/report.yaml', 'catalog/shop/web.yaml']);
    const kustomizations = [...files.entries()].filter(([p]) => p.endsWith('kustomization.yaml'));
    expect(kustomizations.length).toBeGreaterThan(0);
    for (const [path, text] of kustomizations)
      expect([path, parse(text.split('\n').slice(1).join('\n')).resources.some((r: string) => r.includes('catalog'))]).toEqual([path, false]);
  });

  test('is not given to the checks, which see only Kubernetes objects', () => {
    const seen: string[] = [];
    const { files } = render({
      apps: fleet,
      environments,
      checks: [(rendered, platform) => seen.push(...[...rendered, ...platform].flatMap((r) => r.manifests.map((m) => m.apiVersion)))],
    });
    expect(files.has('catalog/all.yaml')).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((v) => v.startsWith('backstage.io/'))).toEqual([]);
  });
});
