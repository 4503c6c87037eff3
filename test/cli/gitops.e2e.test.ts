import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { ENVIRONMENTS_TS, tempRepo, webApp } from '../fixtures/temp-repo';

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

describe('GitOps output, built by kubectl', () => {
  const root = tempRepo(
    { 'apps/shop/web.ts': webApp('web'), 'apps/shop/api.ts': webApp('api'), 'apps/ops/jobs.ts': webApp('jobs', 'ops') },
    `${ENVIRONMENTS_TS}
export const gitops = { repoURL: 'https://git.example/acme/deploy.git', targetRevision: 'main', path: 'dist' };
`,
  );
  beforeAll(() => expect(main(['--root', root, 'synth'], bufferIo())).toBe(0));

  const kustomizeTitle = `builds every environment with kubectl kustomize${kubectl ? '' : ' (skipped: kubectl is not on PATH)'}`;
  (kubectl ? test : test.skip)(kustomizeTitle, () => {
    for (const env of ['dev', 'prod']) {
      const built = parseAllDocuments(execFileSync('kubectl', ['kustomize', join(root, 'dist', env)], { encoding: 'utf8' })).map((d) => d.toJS());
      expect(
        built
          .filter((o) => o.kind === 'Namespace')
          .map((o) => o.metadata.name)
          .sort(),
      ).toEqual(['ops', 'shop']);
      expect(
        built
          .filter((o) => o.kind === 'Deployment')
          .map((o) => o.metadata.name)
          .sort(),
      ).toEqual(['api', 'jobs', 'web']);
    }
  });
});
