import { Problems } from '../internal/errors';
import { ANNOTATION } from '../internal/labels';
import { sortRecord } from '../internal/sort-record';
import { AppDefinition } from '../model/app-definition';
import { Customization, CustomizedObject, CustomizeContext } from '../model/customize';
import { ResolvedApp } from '../model/resolved-app';
import { Manifest, manifestId } from '../manifest/manifest';
import { canonicalize } from '../output/canonical';
import { flatten } from '../output/flatten';
import { buildChart } from '../stacks/build-chart';
import { applyEscapeHatches, hasEscapeHatch } from '../stacks/customize';
import { recordWaivers } from '../policy/waiver-annotation';

/** One app in one environment synthesized to plain objects, and how far its escape hatches took it off the golden path. */
export interface AppRendering {
  readonly manifests: Manifest[];
  /** Absent when the definition has no escape hatch. */
  readonly customization?: Customization;
}

/**
 * `renderApp` as the fleet renders it, in the main thread or a worker: waivers travel with the
 * objects they excuse, for `platform check --dist`.
 */
export function renderForFleet(app: ResolvedApp, definition: AppDefinition | undefined, problems: Problems): AppRendering {
  const rendering = renderApp(app, definition, { environment: app.environment, production: app.production, app }, problems);
  return { ...rendering, manifests: recordWaivers(app, rendering.manifests) };
}

/** Paths listed in an object's escape-hatch annotation before the rest are counted. */
const SHOWN_FIELDS = 5;

/**
 * Builds and synthesizes one app. With an escape hatch (`customize`, `objects`), the app is
 * rendered twice, on the golden path and customized, and the difference is recorded (for explain
 * and check) and written on every object it touched as the `platform.golden-path.dev/escape-hatch`
 * annotation (for review of the YAML and `platform diff`). App code that throws, or a patch that
 * does not apply, is recorded in `problems` with the app and environment, and the golden path is
 * returned so the other apps still render and report.
 */
export function renderApp(app: ResolvedApp, definition: AppDefinition | undefined, ctx: CustomizeContext, problems: Problems): AppRendering {
  const { chart, stack } = buildChart(app);
  const golden = chart.toJson() as Manifest[];
  if (definition === undefined || !hasEscapeHatch(definition)) return { manifests: golden };
  let customized: Manifest[];
  let extras: ReadonlySet<string>;
  try {
    // The same chart again: toJson renders afresh from the constructs, patches and all.
    extras = new Set(applyEscapeHatches(stack, definition, ctx));
    customized = chart.toJson() as Manifest[];
  } catch (error) {
    problems.add({
      code: 'E_CUSTOMIZE',
      source: app.source,
      app: app.name,
      environment: app.environment,
      field: definition.customize ? 'customize' : 'objects',
      message: `failed: ${error instanceof Error ? error.message : String(error)}`,
      fix: 'correct the escape hatch; a JSON patch must name a path that exists in the object (see `platform explain` for what the golden path renders)',
    });
    return { manifests: golden };
  }
  return compareWithGoldenPath(golden, customized, extras);
}

/** What the escape hatches changed, and the customized objects with the annotation that says so. */
export function compareWithGoldenPath(golden: readonly Manifest[], customized: readonly Manifest[], extras: ReadonlySet<string>): AppRendering {
  const before = new Map(golden.map((m) => [manifestId(m), m]));
  const objects: CustomizedObject[] = [];
  const manifests = customized.map((m) => {
    const id = manifestId(m);
    const was = before.get(id);
    before.delete(id);
    if (!was) {
      const change = extras.has(id) ? 'extra' : 'added';
      objects.push({ id, change, fields: [] });
      return annotate(m, change === 'extra' ? 'extra object (objects)' : 'added by customize');
    }
    const fields = changedFields(was, m);
    if (fields.length === 0) return m;
    objects.push({ id, change: 'changed', fields });
    const shown = fields.slice(0, SHOWN_FIELDS).join(', ') + (fields.length > SHOWN_FIELDS ? ` and ${fields.length - SHOWN_FIELDS} more` : '');
    return annotate(m, `customize changed ${fields.length} field${fields.length === 1 ? '' : 's'}: ${shown}`);
  });
  for (const id of before.keys()) objects.push({ id, change: 'removed', fields: [] });
  objects.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const distance = objects.reduce((n, o) => n + (o.change === 'changed' ? o.fields.length : 1), 0);
  return { manifests, customization: { objects, distance } };
}

/** Leaf paths that differ, sorted; list items with a name are matched by it, as `platform diff` does. */
function changedFields(before: Manifest, after: Manifest): string[] {
  const a = flatten(canonicalize(before));
  const b = flatten(canonicalize(after));
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => !a.has(p) || !b.has(p) || JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p))).sort();
}

function annotate(m: Manifest, what: string): Manifest {
  const annotations = (m.metadata.annotations ?? {}) as Record<string, string>;
  return { ...m, metadata: { ...m.metadata, annotations: sortRecord({ ...annotations, [ANNOTATION.escapeHatch]: what }) } };
}
