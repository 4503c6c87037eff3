import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { appFilePath } from '../../lib/output/layout';
import { compareTrees, formatTreeDifference, isSame, readTree } from '../fixtures/golden-tree';
import { REPO, sampleFleet } from '../fixtures/sample-fleet';

/**
 * The committed dist/ is the reviewed golden output of the sample fleet (apps/): CI compares it
 * with a fresh synth, and so does this test, file by file, so that `npm test` fails on a change
 * to the output that nobody re-synthesized and reviewed. A changed dist/ is a changed product.
 */
describe('dist/, the golden output of the sample fleet', () => {
  const { files, rendered } = sampleFleet();

  test('is exactly what the apps render to, file by file', () => {
    const committed = readTree(join(REPO, 'dist'));
    const difference = compareTrees(files, committed);
    if (!isSame(difference)) {
      throw new Error(formatTreeDifference(difference, files, committed, { label: 'dist/', update: 'npm run test:update' }));
    }
    expect(committed.size).toBe(files.size);
  });

  test('covers at least two teams and every kind of workload in every environment, autoscaled in prod', () => {
    const apps = rendered.map((r) => appFilePath(r.app));
    expect(new Set(apps.map((p) => p.split('/')[1])).size).toBeGreaterThanOrEqual(2);
    for (const env of ['dev', 'staging', 'prod']) {
      const kinds = new Set(apps.filter((p) => p.startsWith(`${env}/`)).flatMap((p) => parseAllDocuments(files.get(p)!).map((d) => d.toJS().kind)));
      // Autoscaling is a prod profile default; dev and staging run fixed replicas.
      const expected = ['Deployment', 'Service', 'CronJob', 'PodDisruptionBudget', 'NetworkPolicy', ...(env === 'prod' ? ['HorizontalPodAutoscaler'] : [])];
      expect(expected.filter((kind) => !kinds.has(kind))).toEqual([]);
    }
  });

  test('has no cdk8s-only labels or annotations anywhere', () => {
    expect([...files].filter(([, text]) => text.includes('cdk8s.io/')).map(([path]) => path)).toEqual([]);
  });
});
