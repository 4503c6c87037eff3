import { ConfigFileError } from '../internal/errors';
import { ANNOTATION } from '../internal/labels';
import { sortRecord } from '../internal/sort-record';
import { Manifest } from '../manifest/manifest';
import { Waiver } from '../model/waiver';
import { waiverCovers } from './waiver';

/** A waiver as the YAML records it: the waiver and its position in the definition's `waivers`. */
export interface RecordedWaiver {
  readonly index: number;
  readonly waiver: Waiver;
}

/** The app an object belongs to, as far as its waivers are concerned. */
interface WaivingApp {
  readonly name: string;
  readonly environment: string;
  readonly source: string;
  readonly waivers?: readonly Waiver[];
}

/**
 * Writes on each object the app's waivers that may excuse it (those of its environment, kind and
 * name, for any finding of their rule) as the `platform.golden-path.dev/waivers` annotation. The
 * waivers are then visible in review of the YAML, and `platform check --dist` applies them without
 * loading the app file. Objects no waiver names are returned unchanged.
 */
export function recordWaivers(app: WaivingApp, manifests: readonly Manifest[]): Manifest[] {
  const waivers = app.waivers ?? [];
  if (waivers.length === 0) return [...manifests];
  return manifests.map((m) => {
    const target = { environment: app.environment, app: app.name, source: app.source, kind: m.kind, name: m.metadata.name };
    const covering = waivers.flatMap((waiver, index) =>
      waiverCovers({ waiver, declaredIn: app.source, index }, { ...target, rule: waiver.rule }) ? [{ index, ...waiver }] : [],
    );
    if (covering.length === 0) return m;
    const annotations = (m.metadata.annotations ?? {}) as Record<string, string>;
    return { ...m, metadata: { ...m.metadata, annotations: sortRecord({ ...annotations, [ANNOTATION.waivers]: JSON.stringify(covering) }) } };
  });
}

/** The waivers recorded on an object of a written tree (`file` names it in errors); none when it has no annotation. */
export function readRecordedWaivers(m: Manifest, file: string): RecordedWaiver[] {
  const text = (m.metadata.annotations as Record<string, unknown> | undefined)?.[ANNOTATION.waivers];
  if (text === undefined) return [];
  const bad = (why: string) =>
    new ConfigFileError(
      'E_DIST_WAIVERS',
      `${file}: ${m.kind} ${m.metadata.name}: annotation '${ANNOTATION.waivers}' ${why} (got ${JSON.stringify(text).slice(0, 80)}). Fix: declare waivers in the app definition and synthesize again; never edit the annotation`,
      file,
    );
  let value: unknown;
  try {
    value = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    throw bad('is not JSON');
  }
  if (!Array.isArray(value)) throw bad('must be a JSON list of waivers');
  return value.map((entry: unknown) => {
    if (entry === null || typeof entry !== 'object') throw bad('must list waivers as objects');
    const { index, ...waiver } = entry as { index?: unknown } & Waiver;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw bad("must give each waiver its 'index'");
    return { index, waiver };
  });
}
