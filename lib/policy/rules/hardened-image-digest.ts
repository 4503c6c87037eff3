import { dataClassOf } from '../../manifest/data-class';
import { DIGEST, parseImage, REPOSITORY, TAG } from '../../internal/image';
import { LABEL } from '../../internal/labels';
import { celBare, celEveryContainer, celHardened } from '../cel-text';
import { describeContainer } from '../../manifest/pod-template';
import { ObjectRule } from '../rule';

export const hardenedImageDigest: ObjectRule = {
  id: 'hardened-image-digest',
  scope: 'object',
  severity: 'error',
  finding: "a hardened app's container image is not pinned by digest",
  why: 'a tag can be moved to other content by anyone who can push to the registry; a digest names exactly the image that was reviewed and scanned',
  fix: "pin the digest in apps/releases.yaml: 'platform set-image <app> --env <env> --digest sha256:<digest>'",
  admission: {
    cel: {
      expression: `!(${celHardened(LABEL.dataClass)}) || ${celEveryContainer(
        `has(c.image) && c.image.matches(${JSON.stringify(`^${celBare(REPOSITORY)}(:${celBare(TAG)})?@${celBare(DIGEST)}$`)})`,
      )}`,
    },
  },
  check: (object, context) => {
    if (dataClassOf(object) === undefined) return [];
    return context.pods.checkContainers(object, (at) => {
      const image = at.container.image ?? '';
      const parsed = parseImage(image);
      if (!('problem' in parsed) && parsed.image.digest !== undefined) return undefined;
      return { field: `${at.path}.image`, message: `${describeContainer(at)}: image '${image}' has no digest` };
    });
  },
};
