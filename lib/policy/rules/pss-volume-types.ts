import { celStrings } from '../cel-text';
import { ObjectRule } from '../rule';

/** Volume types Pod Security "restricted" allows. hostPath has its own rule (pss-host-path). */
const ALLOWED = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'hostPath']);

export const pssVolumeTypes: ObjectRule = {
  id: 'pss-volume-types',
  scope: 'object',
  severity: 'error',
  finding: 'a pod uses a volume type outside the restricted set',
  why: 'in-tree volume plugins (nfs, iscsi, rbd, gitRepo...) mount from the node with its privileges (Pod Security restricted)',
  fix: 'use configMap, secret, emptyDir, projected, downwardAPI, csi, ephemeral or persistentVolumeClaim volumes',
  admission: {
    cel: { expression: `!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, v.all(k, k == 'name' || k in ${celStrings(ALLOWED)}))` },
  },
  check: (object, context) => {
    const pod = context.pods.of(object);
    if (!pod) return [];
    return (pod.spec.volumes ?? []).flatMap((volume, i) =>
      Object.keys(volume)
        .filter((key) => key !== 'name' && !ALLOWED.has(key))
        .map((type) => ({ field: `${pod.path}.volumes[${i}].${type}`, message: `volume '${volume.name}' is of type ${type}` })),
    );
  },
};
