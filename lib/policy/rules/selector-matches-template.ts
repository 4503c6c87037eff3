import { isEmptySelector, selects } from '../../manifest/service-selector';
import { LabelSelector } from '../../manifest/k8s-types';
import { ObjectRule } from '../rule';

const SELECTING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

export const selectorMatchesTemplate: ObjectRule = {
  id: 'selector-matches-template',
  scope: 'object',
  severity: 'error',
  finding: "a workload's selector does not select its own pod template",
  why: 'the API server rejects a selector that misses the template, and an empty one adopts every pod of the namespace',
  fix: "select on the template's stable labels only (app.kubernetes.io/name and instance)",
  admission: { synthOnly: 'the API server itself rejects a selector that misses its template; the rule exists to fail earlier, at synth' },
  check: (object, context) => {
    if (!SELECTING_KINDS.has(object.kind)) return [];
    const selector = (object as { spec?: { selector?: LabelSelector } }).spec?.selector;
    const pod = context.pods.of(object);
    if (!selector || !pod) return [];
    if (isEmptySelector(selector)) return [{ field: 'spec.selector', message: 'the selector is empty, so it selects every pod in the namespace' }];
    if (!selects(selector, pod.labels)) {
      return [{ field: 'spec.selector', message: `the selector ${JSON.stringify(selector.matchLabels ?? selector)} does not match the template labels` }];
    }
    return [];
  },
};
