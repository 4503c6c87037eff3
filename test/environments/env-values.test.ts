import { ValidationError } from '../../lib/internal/errors';
import { AppDefinition } from '../../lib/model/app-definition';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { expectError, resolve, sourced, testEnvironment, webDef, workerDef } from '../helpers';

/** What plain JavaScript (or `as any`) lets through. */
function loose(definition: object): AppDefinition {
  return definition as AppDefinition;
}

/** The fleet's error for one app: the definition check runs before anything is resolved. */
function errorOf(definition: object): string {
  return expectError<ValidationError>(() => renderFleet({ apps: [sourced(loose(definition))], environments: [testEnvironment()] })).message;
}

// TypeScript types env and config as strings; a JavaScript app file (or a cast) can still hand over
// anything. An env var set to undefined used to pass the definition check (undefined reads as an
// absent field) and crash env ordering with a TypeError; a bigint crashed the error message itself.
describe('env and config values that are not strings', () => {
  test('an env var set to undefined names the field and says how to leave it unset', () => {
    expect(errorOf({ ...webDef(), env: { LOG_LEVEL: undefined } })).toBe(
      "apps/shop/checkout.ts: app 'checkout': 'env.LOG_LEVEL' must be a string. Fix: give a string, or remove env.LOG_LEVEL to leave it unset [E_FIELD_TYPE]",
    );
  });

  test('in config, in an environment override and in a sidecar too', () => {
    expect(errorOf({ ...webDef(), config: { A: 'x', B: undefined } })).toContain("'config.B' must be a string. Fix: give a string, or remove config.B");
    expect(errorOf({ ...webDef(), environments: { prod: { env: { FLAG: undefined } } } })).toContain("'environments.prod.env.FLAG' must be a string");
    const sidecar = { name: 'proxy', image: 'ghcr.io/acme/proxy:1.0', env: { PORT: undefined } };
    expect(errorOf({ ...workerDef(), sidecars: [sidecar] })).toContain("'sidecars[0].env.PORT' must be a string");
  });

  test('a number, a boolean or a bigint is the wrong type, shown as what it is', () => {
    expect(errorOf({ ...workerDef(), env: { BATCH_SIZE: 100, DRY_RUN: true, LIMIT: 10n } })).toBe(
      '3 problems:\n' +
        "  - apps/shop/mailer.ts: app 'mailer': 'env.BATCH_SIZE' must be a string (got 100). Fix: give a string (see the field's type in lib/model) [E_FIELD_TYPE]\n" +
        "  - apps/shop/mailer.ts: app 'mailer': 'env.DRY_RUN' must be a string (got true). Fix: give a string (see the field's type in lib/model) [E_FIELD_TYPE]\n" +
        "  - apps/shop/mailer.ts: app 'mailer': 'env.LIMIT' must be a string (got 10n). Fix: give a string (see the field's type in lib/model) [E_FIELD_TYPE]",
    );
  });

  test('strings pass as they are', () => {
    expect(resolve(webDef({ env: { BATCH_SIZE: '100' } })).env).toContainEqual({ name: 'BATCH_SIZE', value: '100' });
  });
});
