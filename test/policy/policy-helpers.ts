import { Replicas } from '../../lib/model/replicas';
import { Environment } from '../../lib/model/environment';
import { AppDefinition } from '../../lib/model/app-definition';
import { Waiver } from '../../lib/model/waiver';
import { Manifest } from '../../lib/manifest/manifest';
import { CheckReport, Finding } from '../../lib/policy/report';
import { Rule } from '../../lib/policy/rule';
import { CheckedApp, runChecks, RunChecksOptions } from '../../lib/policy/run-checks';
import { synthApp, testEnvironment, Untyped, webDef } from '../helpers';

/** A fixed "today" for every policy test: waivers expire relative to it. */
export const NOW = new Date('2025-06-15T12:00:00Z');

/** A production environment that autoscales like the sample fleet's prod (so prod rules pass by default). */
export const PROD: Environment = testEnvironment({
  name: 'prod',
  profile: { webServiceReplicas: Replicas.autoscale({ min: 3, max: 10 }), workerReplicas: Replicas.autoscale({ min: 2, max: 6 }) },
});
export const DEV: Environment = testEnvironment({ name: 'dev', cluster: 'dev-test' });

/** A waiver that is valid on NOW; pass fields to change it. */
export function waiver(rule: string, overrides: Partial<Waiver> = {}): Waiver {
  return { rule, reason: 'accepted for the test: the risk is covered elsewhere', owner: 'team-shop', expires: '2025-12-31', ...overrides };
}

/** Objects as one app of the check, the way a RenderedApp carries them. */
export function checked(
  manifests: readonly Manifest[],
  options: { name?: string; environment?: string; waivers?: readonly Waiver[]; source?: string; team?: string; namespace?: string } = {},
): CheckedApp {
  const name = options.name ?? 'checkout';
  return {
    app: {
      name,
      team: options.team ?? 'shop',
      environment: options.environment ?? 'prod',
      source: options.source ?? `apps/shop/${name}.ts`,
      waivers: options.waivers,
      ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    },
    manifests,
  };
}

/** The golden-path objects of a definition in an environment (compliant with the whole pack). */
export function golden(definition: AppDefinition = webDef(), env: Environment = PROD): Manifest[] {
  return synthApp(definition, env);
}

/** A deep copy of `manifests` with `edit` applied to each object of `kind` (and `name`). */
export function edit(manifests: readonly Manifest[], kind: string, change: (object: Untyped) => void, name?: string): Manifest[] {
  const copy = structuredClone(manifests) as Manifest[];
  const targets = copy.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  if (targets.length === 0) throw new Error(`test setup: no ${kind}${name ? ` '${name}'` : ''} among ${copy.map((m) => m.kind).join(', ')}`);
  targets.forEach(change);
  return copy;
}

/** The first container of the object's pod. */
export function container(object: Untyped): Untyped {
  const spec = object.kind === 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec;
  return spec.containers[0];
}

/** Runs the given rules (no schema validation) over the apps, at NOW. */
export function check(apps: readonly CheckedApp[], rules: readonly Rule[], options: Partial<RunChecksOptions> = {}): CheckReport {
  return runChecks(apps, { now: NOW, rules, schema: false, productionEnvironments: ['prod'], ...options });
}

export function findingsOf(report: CheckReport, rule: string): Finding[] {
  return report.findings.filter((f) => f.rule === rule);
}
