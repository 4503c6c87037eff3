import { resolve, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

// TypeScript types env and config as strings; a JavaScript app file (or a cast) can still hand over
// anything, and a value that is not a string used to crash the pipeline instead of naming the field.
describe('resolveApp: env and config values', () => {
  test('an env var set to undefined is a problem naming it, not a crash', () => {
    expectOnlyProblem(() => resolve(webDef({ env: { LOG_LEVEL: undefined as unknown as string } })), {
      code: 'E_ENV_VALUE',
      field: 'env.LOG_LEVEL',
      value: null,
      message: 'must be a string, not undefined',
      fix: 'remove env.LOG_LEVEL to leave it unset',
    });
  });

  test('a number must be quoted: Kubernetes takes env values as strings only', () => {
    expectOnlyProblem(() => resolve(webDef({ env: { BATCH_SIZE: 100 as unknown as string } })), {
      code: 'E_ENV_VALUE',
      field: 'env.BATCH_SIZE',
      value: 100,
      message: 'must be a string, not number',
      fix: "BATCH_SIZE: '100'",
    });
  });

  test('in an environment override, named as the override', () => {
    expectOnlyProblem(() => resolve(webDef({ environments: { prod: { env: { FLAG: true as unknown as string } } } })), {
      code: 'E_ENV_VALUE',
      field: 'environments.prod.env.FLAG',
      value: true,
      message: 'must be a string, not boolean',
      fix: "FLAG: 'true'",
    });
  });

  test('in config', () => {
    expectOnlyProblem(() => resolve(webDef({ config: { A: 'x', B: undefined as unknown as string } })), {
      code: 'E_ENV_VALUE',
      field: 'config.B',
      value: null,
      message: 'must be a string, not undefined',
      fix: 'remove config.B',
    });
  });

  test("in a sidecar's env", () => {
    const sidecar = { name: 'proxy', image: 'ghcr.io/acme/proxy:1.0', env: { PORT: 15001 as unknown as string } };
    expectProblem(() => resolve(workerDef({ sidecars: [sidecar] })), {
      code: 'E_ENV_VALUE',
      field: 'sidecars[0].env.PORT',
      value: 15001,
      message: 'must be a string, not number',
      fix: "PORT: '15001'",
      app: 'mailer',
    });
  });

  test('strings pass as they are', () => {
    expect(resolve(webDef({ env: { BATCH_SIZE: '100' } })).env).toContainEqual({ name: 'BATCH_SIZE', value: '100' });
  });
});
