import { findEnvironment } from '../../lib/cli/commands/find-app';
import { ConfigFileError, UsageError, ValidationError } from '../../lib/internal/errors';
import { loadProject } from '../../lib/pipeline/load-project';
import { expectError, testEnvironment } from '../helpers';
import { ENVIRONMENTS_TS, tempRepo, webApp } from '../fixtures/temp-repo';

describe('loadProject: a wrong releases file does not hide the fleet’s other problems', () => {
  test('the releases problems and the definitions’ problems come in one error', () => {
    const root = tempRepo({
      'apps/shop/web.ts': webApp('web', 'shop', 'port: 70000'),
      'apps/releases.yaml': 'shop:\n  web:\n    qa: 1.0.0\n',
    });
    const error = expectError<ValidationError>(() => loadProject(root));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems.map((p) => [p.code, p.source, p.field])).toEqual([
      ['E_RELEASES', undefined, undefined],
      ['E_PORT', 'apps/shop/web.ts', 'port'],
    ]);
    expect(error.problems[0].message).toBe(
      "apps/releases.yaml:3:5: environment 'qa' does not exist (known: dev, prod). Fix: use one of the known environments",
    );
  });

  test('alone, the releases problems stay a configuration error', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web'), 'apps/releases.yaml': 'shop:\n  web:\n    qa: 1.0.0\n' }, ENVIRONMENTS_TS);
    const error = expectError<ConfigFileError>(() => loadProject(root));
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.code).toBe('E_RELEASES');
  });
});

describe('findEnvironment', () => {
  test('an unknown --env lists each environment once and says how to fix it', () => {
    const envs = [testEnvironment({ name: 'dev' }), testEnvironment({ name: 'dev' }), testEnvironment({ name: 'prod' })];
    const error = expectError<UsageError>(() => findEnvironment(envs, 'qa'));
    expect(error.code).toBe('E_ENV_UNKNOWN');
    expect(error.message).toBe(
      "--env 'qa' is not an environment (known: dev, prod). Fix: use one of the known environments, or declare 'qa' in apps/environments.ts",
    );
  });
});
