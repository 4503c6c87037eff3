import { digestProblem, tagProblem } from '../internal/image';
import { Release } from './resolve-image';

/** Parses a pin string ('1.4.2', '@sha256:…' or '1.4.2@sha256:…') or says what is wrong with it. */
export function parsePin(pin: string): { release: Release } | { problem: string; fix: string } {
  const at = pin.indexOf('@');
  const tag = at >= 0 ? pin.slice(0, at) : pin;
  const digest = at >= 0 ? pin.slice(at + 1) : undefined;
  if (tag === '' && digest === undefined) return { problem: 'is empty', fix: "write a tag such as '1.4.2' or a digest '@sha256:<64 hex>'" };
  const problem = (tag !== '' ? tagProblem(tag) : undefined) ?? (digest !== undefined ? digestProblem(digest) : undefined);
  if (problem) return problem;
  return { release: { ...(tag !== '' ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) } };
}

export function formatPin(release: Release): string {
  return `${release.tag ?? ''}${release.digest ? `@${release.digest}` : ''}`;
}
