import { digestProblem, formatImage, parseImage, tagProblem } from '../internal/image';
import { isLabelValue } from '../internal/names';
import { ResolveContext } from './resolve-context';

/** An image pin for one app in one environment, from the releases file. */
export interface Release {
  readonly tag?: string;
  readonly digest?: string;
  /** Pins of the app's sidecars and init containers, by container name (`<app>/<container>` in the releases file). */
  readonly containers?: Readonly<Record<string, Release>>;
}

/** The image reference and the version label: the release's pin wins over the definition's. */
export function resolveImage(ctx: ResolveContext, release: Release | undefined): { image: string; version?: string } {
  const { def, prov, problems } = ctx;
  const parsed = parseImage(def.image ?? '');
  if ('problem' in parsed) {
    problems.add({ code: 'E_IMAGE', field: 'image', value: def.image, message: parsed.problem, fix: parsed.fix });
    return { image: def.image };
  }
  for (const [field, value, check] of [
    ['tag', release?.tag, tagProblem],
    ['digest', release?.digest, digestProblem],
  ] as const) {
    const problem = value === undefined ? undefined : check(value);
    if (problem) problems.add({ code: 'E_IMAGE', field: `releases.${field}`, value, message: problem.problem, fix: problem.fix });
  }
  const pinnedByRelease = release?.tag !== undefined || release?.digest !== undefined;
  const tag = pinnedByRelease ? release?.tag : parsed.image.tag;
  const digest = pinnedByRelease ? release?.digest : parsed.image.digest;
  prov.record('image', pinnedByRelease ? 'release' : 'app', formatImage({ repository: parsed.image.repository, tag, digest }));
  if (tag === undefined && digest === undefined) {
    problems.add({
      code: 'E_IMAGE_UNPINNED',
      field: 'image',
      value: def.image,
      message: 'has no tag or digest and the releases file has no entry for this environment',
      fix: `run 'platform set-image ${def.name} --env ${ctx.env.name} --tag <tag>' or add ':<tag>' to the image`,
    });
  }
  const version = tag !== undefined && isLabelValue(tag) ? tag : undefined;
  return { image: formatImage({ repository: parsed.image.repository, tag, digest }), version };
}
