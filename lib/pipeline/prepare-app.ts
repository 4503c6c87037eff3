import { Problems } from '../internal/errors';
import { AppDefinition } from '../model/app-definition';
import { ResolvedApp } from '../model/resolved-app';
import { YamlEmitter } from '../output/emit-yaml';
import { renderManifests } from '../output/render-yaml';
import { ObjectResults } from '../policy/object-results';
import { Manifest } from '../manifest/manifest';
import { GOLDEN_PATH_PACK } from '../policy/pack';
import { runChecks } from '../policy/run-checks';
import { PromqlParser } from '../monitoring/promql';
import { AppRendering, renderForFleet } from './render-app';

/** One app in one environment as a rendering thread leaves it: rendered, checked object by object, and emitted. */
export interface PreparedApp extends AppRendering {
  /** The app's file, as layout would emit it. */
  readonly text: string;
  /** What the schema and the pack's object rules found in its objects (`objectResults`). @default - left to the checks */
  readonly results?: ObjectResults;
}

/** The pack's rules that read one object at a time: the rest read a whole environment, on the main thread. */
const OBJECT_RULES = GOLDEN_PATH_PACK.filter((rule) => rule.scope === 'object');

/**
 * Everything done for one app that reads that app alone, so a worker thread can do it: the rendering
 * (`renderForFleet`) and its file's text. `yaml` is the thread's emitter, shared by a team's apps.
 */
export function prepareApp(app: ResolvedApp, definition: AppDefinition | undefined, problems: Problems, yaml: YamlEmitter): PreparedApp {
  const rendering = renderForFleet(app, definition, problems);
  return { ...rendering, text: renderManifests(app.source, rendering.manifests, yaml) };
}

/**
 * The schema and object-rule results the checks would find in these apps' objects (the same
 * `ObjectResults` the render cache stores), found by the checks' own run over them (schema, then the
 * pack's object rules) and kept as its memo would keep them. The environment rules, waivers and
 * fleet checks need every app and stay with the caller. `promql` is the thread's parser, kept across
 * a team's apps as a serial check run keeps one: the fleet's expressions differ only in label values,
 * so each shape is parsed once, not once per app (a parser per app cost 1.8 s of CPU per thread at
 * 1,000 apps x 3 environments). A rule that throws is a bug the caller's checks report as a serial
 * run does, so nothing is kept then.
 */
export function objectResults(
  apps: readonly { readonly app: ResolvedApp; readonly manifests: readonly Manifest[] }[],
  promql: PromqlParser,
): (ObjectResults | undefined)[] {
  const found = new Map<readonly Manifest[], ObjectResults>();
  const memo = { resultsOf: () => undefined, remember: (manifests: readonly Manifest[], results: ObjectResults) => found.set(manifests, results) };
  const checked = apps.map(({ app: { name, team, environment, source, namespace }, manifests }) => ({
    // Waivers are left out: they apply later, over the fleet.
    app: { name, team, environment, source, namespace },
    manifests,
  }));
  try {
    runChecks(checked, {
      now: new Date(0),
      rules: OBJECT_RULES,
      productionEnvironments: apps.filter(({ app }) => app.production).map(({ app }) => app.environment),
      memo,
      promql,
    });
  } catch {
    return apps.map(() => undefined);
  }
  return apps.map(({ manifests }) => found.get(manifests));
}
