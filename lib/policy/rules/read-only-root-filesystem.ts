import { celEveryContainer, celHas } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const readOnlyRootFilesystem: ObjectRule = {
  id: 'read-only-root-filesystem',
  scope: 'object',
  severity: 'warning',
  finding: 'a container can write to its root filesystem',
  why: 'a writable image lets an attacker drop tools or change binaries, and hides state that a restart then loses',
  fix:
    'set readOnlyRootFilesystem: true and give each folder the app writes a volume: drop security.writableRootFilesystem and declare ' +
    'volumes: { cache: Volume.emptyDir({ path, size }) } for scratch, Volume.persistent({ path, size }) for data (the golden path mounts /tmp already)',
  admission: {
    cel: {
      expression: celEveryContainer(`${celHas('c.securityContext.readOnlyRootFilesystem')} && c.securityContext.readOnlyRootFilesystem == true`, {
        ephemeral: false,
      }),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) =>
      at.type !== 'ephemeralContainer' && at.container.securityContext?.readOnlyRootFilesystem !== true
        ? { field: `${at.path}.securityContext.readOnlyRootFilesystem`, message: `${describeContainer(at)} has a writable root filesystem` }
        : undefined,
    ),
};
