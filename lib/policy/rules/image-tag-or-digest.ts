import { celBare, celEveryContainer } from '../cel-text';
import { DIGEST, parseImage, REPOSITORY, TAG } from '../../internal/image';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const imageTagOrDigest: ObjectRule = {
  id: 'image-tag-or-digest',
  scope: 'object',
  severity: 'error',
  finding: 'a container image is not pinned to a version',
  why: "an image without a tag (or tagged 'latest') changes under the same name, so a rollout or a rollback is not repeatable",
  fix: 'pin a version tag or a digest (repository:1.2.3 or repository@sha256:...), e.g. in apps/releases.yaml',
  admission: {
    cel: {
      // The same patterns as parseImage; the image must carry a tag (a ':' after the last '/') or a digest, and the tag is not 'latest'.
      expression: celEveryContainer(
        `has(c.image) && c.image.matches(${JSON.stringify(`^${celBare(REPOSITORY)}(:${celBare(TAG)})?(@${celBare(DIGEST)})?$`)})` +
          ` && (c.image.contains('@') || c.image.matches('^[^@]*:[^/:@]*$')) && !c.image.matches('^[^@]*:latest(@.*)?$')`,
      ),
    },
  },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      const image = at.container.image;
      const who = describeContainer(at);
      const field = `${at.path}.image`;
      if (image === undefined || image === '') return { field, message: `${who} has no image` };
      const parsed = parseImage(image);
      if ('problem' in parsed) return { field, message: `${who}: image '${image}' ${parsed.problem}` };
      if (!parsed.image.tag && !parsed.image.digest) return { field, message: `${who}: image '${image}' has neither a tag nor a digest` };
      return undefined;
    }),
};

/** A pattern's text without its anchors, to compose into one. */
