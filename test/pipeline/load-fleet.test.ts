import { loadFleet } from '../../lib/pipeline/load-fleet';
import { ConfigFileError } from '../../lib/internal/errors';
import { expectError } from '../helpers';
import { tempRepo, webApp } from '../fixtures/temp-repo';
import { join } from 'node:path';

describe('loadFleet', () => {
  test('finds apps/<team>/<app>.ts files in sorted order and records their source', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web'), 'apps/ops/api.ts': webApp('api', 'ops'), 'apps/shop/web.test.ts': 'throw new Error("not an app")' });
    const apps = loadFleet(join(root, 'apps'), root);
    expect(apps.map((a) => [a.source, a.definition.name])).toEqual([['apps/ops/api.ts', 'api'], ['apps/shop/web.ts', 'web']]);
  });

  test('fails, naming the file and the fix, when a file exports no app definition', () => {
    const root = tempRepo({ 'apps/shop/helper.ts': 'export const x = 1;' });
    const error = expectError<ConfigFileError>(() => loadFleet(join(root, 'apps'), root));
    expect(error.code).toBe('E_APP_MODULE');
    expect(error.message).toContain('apps/shop/helper.ts: does not default-export an app definition');
    expect(error.message).toContain("export default webService");
  });
});
