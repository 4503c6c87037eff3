import { Environment } from '../lib/model/environment';
import { AppDefinition, SourcedApp } from '../lib/model/app-definition';
import { ResolvedApp } from '../lib/model/resolved-app';
import { resolveApp } from '../lib/environments/resolve';
import { ResolvedEnvironment } from '../lib/model/resolved-environment';
import { GitOpsSettings } from '../lib/model/gitops';
import { resolveFleetEnvironments } from '../lib/pipeline/render-fleet';
import { Release } from '../lib/environments/resolve-image';
import { buildChart } from '../lib/stacks/build-chart';
import { Manifest } from '../lib/manifest/manifest';
import { PlatformError, ValidationError } from '../lib/internal/errors';

/** A small environment for tests; pass fields to change it. */
export function testEnvironment(overrides: Partial<Environment> = {}): Environment {
  return { name: 'prod', cluster: 'prod-test', domain: 'test.example', ...overrides };
}

/** Tags a definition with a source file, as loadFleet would. */
export function sourced(definition: AppDefinition, source = `apps/${definition.team}/${definition.name}.ts`): SourcedApp {
  return { definition, source };
}

export function webDef(overrides: Partial<AppDefinition> = {}): AppDefinition {
  return { kind: 'web-service', name: 'checkout', team: 'shop', image: 'ghcr.io/acme/checkout:1.2.3', ...overrides } as AppDefinition;
}

export function workerDef(overrides: Partial<AppDefinition> = {}): AppDefinition {
  return {
    kind: 'worker', name: 'mailer', team: 'shop', image: 'ghcr.io/acme/mailer:1.0.0',
    health: { kind: 'exec', command: ['/app/health'] }, ...overrides,
  } as AppDefinition;
}

export function taskDef(overrides: Partial<AppDefinition> = {}): AppDefinition {
  return { kind: 'scheduled-task', name: 'report', team: 'shop', image: 'ghcr.io/acme/report:1.0.0', schedule: '0 6 * * *', ...overrides } as AppDefinition;
}

/** An environment as resolution makes it (checked: throws a ValidationError on a bad setting). */
export function resolvedEnvironment(env: Environment = testEnvironment(), gitops?: GitOpsSettings): ResolvedEnvironment {
  return resolveFleetEnvironments([env], gitops)[0];
}

/** Resolves one app in an environment as written (resolved first, as the pipeline does). */
export function resolve(definition: AppDefinition, env: Environment = testEnvironment(), release?: Release): ResolvedApp {
  return resolveApp(sourced(definition), resolvedEnvironment(env), release);
}

/** Resolve, build and synthesize one app: the plain objects that would be written. */
export function synthApp(definition: AppDefinition, env: Environment = testEnvironment(), release?: Release): Manifest[] {
  return buildChart(resolve(definition, env, release)).chart.toJson() as Manifest[];
}

/** The one object of a kind and name; fails the test when there is none or several. */
export function find(manifests: readonly Manifest[], kind: string, name: string): any {
  const found = manifests.filter((m) => m.kind === kind && m.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} '${name}', found ${found.length} among: ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
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
