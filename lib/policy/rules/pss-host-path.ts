import { ObjectRule } from '../rule';

export const pssHostPath: ObjectRule = {
  id: 'pss-host-path',
  scope: 'object',
  severity: 'error',
  finding: "a pod mounts a directory of the node's filesystem",
  why: "hostPath volumes read or write the node's files, such as the container runtime socket (Pod Security baseline)",
  fix: 'use an emptyDir, a ConfigMap, a Secret or a PersistentVolumeClaim instead of hostPath',
  admission: { cel: { expression: '!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, !has(v.hostPath))' } },
  check: (object, context) => {
    const pod = context.pods.of(object);
    if (!pod) return [];
    return (pod.spec.volumes ?? []).flatMap((volume, i) =>
      volume.hostPath !== undefined ? [{ field: `${pod.path}.volumes[${i}].hostPath`, message: `volume '${volume.name}' is a hostPath` }] : [],
    );
  },
};
