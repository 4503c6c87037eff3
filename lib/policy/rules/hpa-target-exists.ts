import { namespaceOf } from '../../manifest/environment-objects';
import { EnvironmentRule } from '../rule';

interface ScaleTargetRef {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
}

export const hpaTargetExists: EnvironmentRule = {
  id: 'hpa-target-exists',
  scope: 'environment',
  severity: 'error',
  finding: 'a HorizontalPodAutoscaler scales an object that does not exist',
  why: 'the autoscaler does nothing, and the workload it was meant for runs at a fixed size without anyone noticing',
  fix: "point spec.scaleTargetRef at the workload's apiVersion, kind and name (or remove the autoscaler)",
  check: (objects) =>
    objects.ofKind('HorizontalPodAutoscaler').flatMap((hpa) => {
      const ref = (hpa as { spec?: { scaleTargetRef?: ScaleTargetRef } }).spec?.scaleTargetRef;
      const namespace = namespaceOf(hpa);
      const target = ref?.kind && ref.name ? objects.get(namespace, ref.kind, ref.name) : undefined;
      if (target && (ref?.apiVersion === undefined || ref.apiVersion === target.apiVersion)) return [];
      const what = [ref?.apiVersion, ref?.kind ?? '?'].filter(Boolean).join(' ');
      return [{ object: hpa, field: 'spec.scaleTargetRef', message: `there is no ${what} '${ref?.name ?? '?'}' in namespace '${namespace}'` }];
    }),
};
