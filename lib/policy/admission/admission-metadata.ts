import { ANNOTATION, LABEL, MANAGED_BY } from '../../internal/labels';
import { ObjectRule } from '../rule';

/** Annotations of the admission objects: which rule, and for an exception, the waiver it carries. */
export const ADMISSION_ANNOTATION = {
  rule: 'platform.golden-path.dev/rule',
  severity: 'platform.golden-path.dev/severity',
  waiverReason: 'platform.golden-path.dev/waiver-reason',
  waiverOwner: 'platform.golden-path.dev/waiver-owner',
  waiverExpires: 'platform.golden-path.dev/waiver-expires',
  waiverSource: 'platform.golden-path.dev/waiver-source',
} as const;

/**
 * Metadata of a policy or binding: the platform's labels, the rule it carries, and sync wave 0 of
 * the platform's Application (exceptions go in wave -1, so a denying policy never lands before them).
 */
export function admissionMetadata(
  name: string,
  environment: string,
  rule: ObjectRule,
  wave = '0',
): {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
} {
  return {
    name,
    labels: { [LABEL.managedBy]: MANAGED_BY, [LABEL.environment]: environment },
    annotations: { [ANNOTATION.syncWave]: wave, [ADMISSION_ANNOTATION.rule]: rule.id, [ADMISSION_ANNOTATION.severity]: rule.severity },
  };
}
