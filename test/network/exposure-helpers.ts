import { AppDefinition } from '../../lib/model/app-definition';
import { Environment } from '../../lib/model/environment';
import { Manifest } from '../../lib/manifest/manifest';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { renderResolvedFleet, resolveFleetEnvironments } from '../../lib/pipeline/render-fleet';
import { renderPlatform } from '../../lib/pipeline/render-platform';
import { CheckReport } from '../../lib/policy/report';
import { sourced, Untyped } from '../helpers';
import { NOW } from '../policy/policy-helpers';

/** A Deployment standing for pods outside the fleet (an ingress controller, gateway proxies, a stranger). */
export function outsider(namespace: string, name: string): Manifest {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace }, spec: { template: { metadata: { labels: { app: name } } } } };
}

/**
 * Renders a fleet and runs the checks `platform synth` runs before writing (schema, then policy),
 * after `tamper` has had its way with each object. Throws CheckFailedError when a check fails;
 * returns the policy reports.
 */
export function checkFleet(
  apps: readonly AppDefinition[],
  environments: readonly Environment[],
  tamper: (m: Untyped) => void = () => undefined,
): CheckReport[] {
  const resolved = resolveFleetEnvironments(environments);
  const rendered = renderResolvedFleet({ apps: apps.map((d) => sourced(d)), environments: resolved });
  for (const r of rendered) r.manifests.forEach(tamper);
  const platform = renderPlatform(rendered, resolved);
  const reports: CheckReport[] = [];
  for (const check of defaultChecks({ now: NOW, onReport: (r) => reports.push(r) })) check(rendered, platform);
  return reports;
}
