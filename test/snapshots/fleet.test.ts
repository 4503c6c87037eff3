import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { appFilePath } from '../../lib/output/layout';
import { loadProject } from '../../lib/pipeline/load-project';
import { render } from '../../lib/pipeline/synthesize';

/**
 * The reviewed golden output: one snapshot per app per environment of the sample fleet. A changed
 * snapshot is a changed product; say why in the commit. Behaviour is asserted in the unit tests.
 */
const project = loadProject(resolve(__dirname, '../..'));
const { files, rendered } = render({ ...project, releases: project.releases.pin });

describe('sample fleet output', () => {
  test.each([...files.keys()].filter((p) => !p.endsWith('/kustomization.yaml')))('%s', (path) => {
    expect(files.get(path)).toMatchSnapshot();
  });

  test('covers at least two teams and every kind of workload in every environment, autoscaled in prod', () => {
    const apps = rendered.map((r) => appFilePath(r.app));
    const teams = new Set(apps.map((p) => p.split('/')[1]));
    expect(teams.size).toBeGreaterThanOrEqual(2);
    for (const env of ['dev', 'staging', 'prod']) {
      const kinds = new Set(
        apps.filter((p) => p.startsWith(`${env}/`)).flatMap((p) => parseAllDocuments(files.get(p)!).map((d) => d.toJS().kind)),
      );
      // Autoscaling is a prod profile default; dev and staging run fixed replicas.
      const expected = ['Deployment', 'Service', 'CronJob', 'PodDisruptionBudget', 'NetworkPolicy', ...(env === 'prod' ? ['HorizontalPodAutoscaler'] : [])];
      for (const kind of expected) {
        expect([env, kind, kinds.has(kind)]).toEqual([env, kind, true]);
      }
    }
  });

  test('has no cdk8s-only labels or annotations anywhere', () => {
    for (const [path, text] of files) expect([path, text.includes('cdk8s.io/')]).toEqual([path, false]);
  });
});
