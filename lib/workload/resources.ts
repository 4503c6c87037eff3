import { k8s } from 'cdk8s-plus-28';
import { ResolvedApp } from '../model/resolved-app';

/** Resolved requests and limits (an app's or an in-cluster data store's) as Kubernetes quantities. */
export function toResourceRequirements(resources: ResolvedApp['resources']): k8s.ResourceRequirements {
  return { requests: quantities(resources.requests), limits: quantities(resources.limits) };
}

function quantities(values: Readonly<Record<string, string | undefined>>): Record<string, k8s.Quantity> {
  const out: Record<string, k8s.Quantity> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) out[key] = k8s.Quantity.fromString(value);
  }
  return out;
}
