import { EnvironmentRule } from '../rule';

export const hpaTargetNoReplicas: EnvironmentRule = {
  id: 'hpa-target-no-replicas',
  scope: 'environment',
  severity: 'error',
  finding: 'an autoscaled workload also sets a fixed replica count',
  why: 'every sync resets the replica count to the fixed one, undoing the autoscaler: pods are killed under load after each deploy',
  fix: 'leave spec.replicas unset on workloads an autoscaler scales (the golden path does)',
  check: (objects) =>
    objects.workloads().flatMap((w) => {
      const hpa = objects.autoscalerOf(w.object);
      const replicas = (w.object as { spec?: { replicas?: number } }).spec?.replicas;
      if (!hpa || replicas === undefined) return [];
      return [
        {
          object: w.object,
          field: 'spec.replicas',
          message: `${w.object.kind} '${w.object.metadata.name}' sets replicas: ${replicas} but HorizontalPodAutoscaler '${hpa.metadata.name}' scales it`,
        },
      ];
    }),
};
