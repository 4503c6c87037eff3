import { dataClassOf } from '../../manifest/data-class';
import { describeContainer } from '../../manifest/pod-template';
import { LABEL } from '../../internal/labels';
import { celEveryContainer, celHardened } from '../cel-text';
import { ObjectRule } from '../rule';

export const hardenedPullAlways: ObjectRule = {
  id: 'hardened-pull-always',
  scope: 'object',
  severity: 'error',
  finding: "a hardened app's container may start from an image cached on the node",
  why: "with 'IfNotPresent' a pod on a node that pulled the image before starts without the registry checking its pull credentials",
  fix: "remove imagePullPolicy from the definition: hardened apps always pull ('Always')",
  admission: {
    cel: { expression: `!(${celHardened(LABEL.dataClass)}) || ${celEveryContainer("has(c.imagePullPolicy) && c.imagePullPolicy == 'Always'")}` },
  },
  check: (object, context) => {
    if (dataClassOf(object) === undefined) return [];
    return context.pods.checkContainers(object, (at) =>
      at.container.imagePullPolicy === 'Always'
        ? undefined
        : { field: `${at.path}.imagePullPolicy`, message: `${describeContainer(at)} has imagePullPolicy '${at.container.imagePullPolicy ?? '(unset)'}'` },
    );
  },
};
