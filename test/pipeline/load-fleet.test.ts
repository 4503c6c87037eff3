import { loadFleet, scanFleet } from '../../lib/pipeline/load-fleet';
import { ConfigFileError, ValidationError } from '../../lib/internal/errors';
import { expectError } from '../helpers';
import { tempRepo, webApp } from '../fixtures/temp-repo';
import { join } from 'node:path';

describe('loadFleet', () => {
  test('finds apps/<team>/<app>.ts files in sorted order and records their source', () => {
    const root = tempRepo({
      'apps/shop/web.ts': webApp('web'),
      'apps/ops/api.ts': webApp('api', 'ops'),
      'apps/shop/web.test.ts': 'throw new Error("not an app")',
    });
    const apps = loadFleet(join(root, 'apps'), root);
    expect(apps.map((a) => [a.source, a.definition.name])).toEqual([
      ['apps/ops/api.ts', 'api'],
      ['apps/shop/web.ts', 'web'],
    ]);
  });

  test('fails, naming the file and the fix, when a file exports no app definition', () => {
    const root = tempRepo({ 'apps/shop/helper.ts': 'export const x = 1;' });
    const error = expectError<ConfigFileError>(() => loadFleet(join(root, 'apps'), root));
    expect(error.code).toBe('E_APP_MODULE');
    expect(error.message).toContain('apps/shop/helper.ts: does not default-export an app definition');
    expect(error.message).toContain('export default webService');
  });

  test("fails, naming the file, the team and the folder, when an app's team is not its folder's", () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web', 'payments'), 'apps/shop/api.ts': webApp('api', 'ops'), 'apps/shop/ok.ts': webApp('ok') });
    const error = expectError<ValidationError>(() => loadFleet(join(root, 'apps'), root));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems.map((p) => [p.code, p.source, p.app, p.value])).toEqual([
      ['E_TEAM_FOLDER', 'apps/shop/api.ts', 'api', 'ops'],
      ['E_TEAM_FOLDER', 'apps/shop/web.ts', 'web', 'payments'],
    ]);
    expect(error.problems[1].message).toBe("does not match the app's folder 'apps/shop/'");
    expect(error.problems[1].fix).toBe("set team: 'shop', or move the file to apps/payments/");
  });
});

describe('loadFleet: files that do not load', () => {
  test('a throw in an app file is a problem naming the file and the line, every broken file at once', () => {
    const root = tempRepo({
      'apps/shop/web.ts': "const a = 1;\nthrow new Error('boom');\n",
      'apps/ops/api.ts': "throw new TypeError('bad');\n",
    });
    const error = expectError<ValidationError>(() => loadFleet(join(root, 'apps'), root));
    expect(error.problems.map((p) => [p.code, p.source, p.message])).toEqual([
      ['E_APP_LOAD', 'apps/ops/api.ts:1', 'throws when loaded: TypeError: bad'],
      ['E_APP_LOAD', 'apps/shop/web.ts:2', 'throws when loaded: boom'],
    ]);
  });

  test('scanFleet sets broken files aside, with their team and likely name, and loads the rest', () => {
    const root = tempRepo({ 'apps/shop/web.ts': "throw new Error('boom');\n", 'apps/ops/api.ts': webApp('api', 'ops') });
    const { apps, unloaded } = scanFleet(join(root, 'apps'), root);
    expect(apps.map((a) => a.source)).toEqual(['apps/ops/api.ts']);
    expect(unloaded.map((u) => [u.source, u.team, u.name, u.problem.code])).toEqual([['apps/shop/web.ts', 'shop', 'web', 'E_APP_LOAD']]);
  });
});
