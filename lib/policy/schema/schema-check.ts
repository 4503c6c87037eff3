import { TARGET_KUBERNETES } from '../api-lifecycle';
import { RuleInfo } from '../rule';

/** Schema validation as the report names it. Not waivable: the API server would reject the object anyway. */
export const SCHEMA_CHECK: RuleInfo = {
  id: 'schema',
  severity: 'error',
  finding: `an object does not match its Kubernetes ${TARGET_KUBERNETES} schema`,
  why: 'the API server rejects the object (or, without strict field validation, silently drops the unknown field), so what is applied is not what was reviewed',
  fix: 'correct the field the message names; for an escape hatch, check the field names and types against the Kubernetes API reference',
};
