import { replicatedWorkloads } from '../disruption-budget';
import { EnvironmentRule } from '../rule';

export const topologySpread: EnvironmentRule = {
  id: 'topology-spread',
  scope: 'environment',
  severity: 'warning',
  finding: 'a workload that runs several pods does not spread them across zones or nodes',
  why: 'the scheduler may put every replica on one node or zone, so losing it takes the whole service down',
  fix: 'add topologySpreadConstraints over topology.kubernetes.io/zone and kubernetes.io/hostname (the golden-path pod has them), or a podAntiAffinity',
  check: (objects) =>
    replicatedWorkloads(objects).flatMap((w) => {
      const autoscaled = objects.autoscalerOf(w.object) !== undefined;
      if (!autoscaled && objects.minimumReplicas(w.object) < 2) return [];
      const spec = w.pod.spec;
      if ((spec.topologySpreadConstraints ?? []).length > 0 || spec.affinity?.podAntiAffinity) return [];
      return [
        {
          object: w.object,
          field: `${w.pod.path}.topologySpreadConstraints`,
          message: `the pods of ${w.object.kind} '${w.object.metadata.name}' have no topology spread or anti-affinity`,
        },
      ];
    }),
};
