/**
 * Container image references: `[registry[:port]/]path[:tag][@sha256:<64 hex>]`.
 * Parsed once at the edge so that the rest of the library handles a checked value.
 */

/** Exported for the image rule's CEL (RE2 runs these patterns unchanged). */
export const REPOSITORY = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
export const TAG = /^[\w][\w.-]{0,127}$/;
export const DIGEST = /^sha256:[a-f0-9]{64}$/;

export interface ImageRef {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export type ParsedImage = { readonly image: ImageRef } | { readonly problem: string; readonly fix: string };

export function parseImage(text: string): ParsedImage {
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  const rest = at >= 0 ? text.slice(0, at) : text;
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  const repository = hasTag ? rest.slice(0, colon) : rest;
  const tag = hasTag ? rest.slice(colon + 1) : undefined;
  if (!REPOSITORY.test(repository)) {
    return { problem: 'is not a valid image repository', fix: "use lowercase path components, e.g. 'ghcr.io/acme/checkout'" };
  }
  if (tag !== undefined) {
    const problem = tagProblem(tag);
    if (problem) return problem;
  }
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem) return problem;
  }
  return { image: { repository, tag, digest } };
}

export function tagProblem(tag: string): { problem: string; fix: string } | undefined {
  if (tag === 'latest') {
    return { problem: "uses the tag 'latest', which is mutable and makes rollouts unrepeatable", fix: 'pin a version tag or a digest' };
  }
  if (!TAG.test(tag)) return { problem: `has an invalid tag '${tag}'`, fix: "tags are 1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'" };
  return undefined;
}

export function digestProblem(digest: string): { problem: string; fix: string } | undefined {
  if (!DIGEST.test(digest)) return { problem: `has a malformed digest '${digest}'`, fix: "use 'sha256:' followed by 64 lowercase hex digits" };
  return undefined;
}

/** The reference a container uses: the digest pins the bytes, the tag is kept for people. */
export function formatImage(image: ImageRef): string {
  return `${image.repository}${image.tag ? `:${image.tag}` : ''}${image.digest ? `@${image.digest}` : ''}`;
}
