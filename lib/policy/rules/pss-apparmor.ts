import { ObjectRule } from '../rule';

const PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Whether an AppArmor profile keeps the container confined (Pod Security baseline allows these). */
function confined(profile: string): boolean {
  return profile === 'runtime/default' || profile.startsWith('localhost/');
}

/** CEL: the annotations at `meta` (a pod's metadata) confine every container they name. */
function celConfined(meta: string): string {
  const value = `${meta}.annotations[k]`;
  return `(!has(${meta}.annotations) || ${meta}.annotations.all(k, !k.startsWith('${PREFIX}') || ${value} == 'runtime/default' || ${value}.startsWith('localhost/')))`;
}

/** The pod's metadata sits at a different path per kind; a template may have none. */
const CEL_CONFINED =
  `object.kind == 'Pod' ? ${celConfined('object.metadata')} : ` +
  `(object.kind == 'CronJob' ? (!has(object.spec.jobTemplate.spec.template.metadata) || ${celConfined('object.spec.jobTemplate.spec.template.metadata')}) : ` +
  `(!has(object.spec.template.metadata) || ${celConfined('object.spec.template.metadata')}))`;

export const pssApparmor: ObjectRule = {
  id: 'pss-apparmor',
  scope: 'object',
  severity: 'error',
  finding: 'a pod annotation runs a container without AppArmor confinement',
  why: "an 'unconfined' container may use every file and capability AppArmor would deny, which the runtime's default profile exists to stop (Pod Security baseline)",
  fix: "remove the annotation, or set it to 'runtime/default' or a 'localhost/<profile>' loaded on the nodes",
  admission: { cel: { expression: CEL_CONFINED } },
  check: (object, context) => {
    const pod = context.pods.of(object);
    if (!pod) return [];
    const path = pod.labelsPath.replace(/labels$/, 'annotations');
    const annotations = path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], object) as
      Readonly<Record<string, unknown>> | undefined;
    return Object.entries(annotations ?? {}).flatMap(([key, value]) =>
      key.startsWith(PREFIX) && !(typeof value === 'string' && confined(value))
        ? [{ field: `${path}.${key}`, message: `container '${key.slice(PREFIX.length)}' runs with AppArmor profile '${String(value)}'` }]
        : [],
    );
  },
};
