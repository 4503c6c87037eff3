import { Environment } from '../lib/model/environment';
import { AppDefinition } from '../lib/model/app-definition';
import { Release } from '../lib/environments/resolve-image';
import { testEnvironment } from './fixtures/definitions';
import { resolveDefinition, synthResolved } from './fixtures/resolved-app';
import { Manifest } from '../lib/manifest/manifest';
import { PlatformError, ValidationError } from '../lib/internal/errors';

export { batchDef, GPU_POOLS, sourced, statefulDef, taskDef, testEnvironment, webDef, workerDef } from './fixtures/definitions';
export { resolveDefinition as resolve, resolvedEnvironment } from './fixtures/resolved-app';

/** Resolve, build and synthesize one app: the plain objects that would be written. */
export function synthApp(definition: AppDefinition, env: Environment = testEnvironment(), release?: Release): Manifest[] {
  return synthResolved(resolveDefinition(definition, env, release));
}

/**
 * Synthesized plain JSON that a test reads by path (`find(...).spec.template.spec.containers`):
 * untyped on purpose, as eslint.config.mjs explains; each read ends in a jest assertion, which
 * checks its shape. The one `any` of the tests, so that no other signature needs one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately untyped test JSON, see above
export type Untyped = any;

/** The one object of a kind and name; fails the test when there is none or several. */
export function find(manifests: readonly Manifest[], kind: string, name: string): Untyped {
  const found = manifests.filter((m) => m.kind === kind && m.metadata.name === name);
  if (found.length !== 1)
    throw new Error(`expected one ${kind} '${name}', found ${found.length} among: ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  return found[0];
}

export function kinds(manifests: readonly Manifest[]): string[] {
  return manifests.map((m) => m.kind).sort();
}

/** Runs `fn`, expecting a PlatformError; returns it so tests can assert its code and message. */
export function expectError<E extends PlatformError = ValidationError>(fn: () => unknown): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof PlatformError) return error as E;
    throw error;
  }
  throw new Error('expected a PlatformError, but nothing was thrown');
}
