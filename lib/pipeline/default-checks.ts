import { ValidationError } from '../internal/errors';
import { Manifest } from '../manifest/manifest';
import { dataClassOf } from '../manifest/data-class';
import { CheckFailedError } from '../policy/check-failed-error';
import { mergeReports } from '../policy/merge-reports';
import { CheckReport } from '../policy/report';
import { CheckedApp, runChecks } from '../policy/run-checks';
import { ObjectResultsMemo } from '../policy/object-results';
import { PromqlParser } from '../monitoring/promql';
import { RenderedApp } from './render-fleet';
import { RenderedPlatformFile } from './render-platform';
import { EnvironmentCheck, FleetCheck } from './synthesize';

export interface DefaultChecksOptions {
  /** The moment waivers are checked against (expiry). @default - now */
  readonly now?: Date;
  /** Called with the policy report, passed or not, e.g. to print warnings and unused waivers. @default - none */
  readonly onReport?: (report: CheckReport) => void;
  /** Environments that serve production (where prod-only rules apply). @default - those resolution marked production (`ResolvedApp.production`) */
  readonly productionEnvironments?: readonly string[];
  /** Every environment of the platform, so a waiver naming another one is an error. @default - the environments rendered */
  readonly environments?: readonly string[];
  /** Per-object results kept between runs (the render cache), so objects from the cache are not checked again. @default - every object is checked */
  readonly memo?: ObjectResultsMemo;
}

/** One run of a check's rules over some apps, to a report; `shared`: what the runs of one check over a fleet share. */
type Run = (rendered: readonly RenderedApp[], apps: readonly CheckedApp[], shared?: Shared) => CheckReport;

interface Shared {
  /** Every environment the check covers, where a run sees one. */
  readonly environments: readonly string[];
  /** Alert expressions repeat across environments: parsed once. */
  readonly promql: PromqlParser;
}

/**
 * The checks `platform synth` runs before writing: strict schema validation of every object, then
 * the policy pack with the apps' waivers. Either throws CheckFailedError, and nothing is written.
 * `now` decides which waivers have expired: the real date unless a test fixes it. Both can run
 * one environment at a time (`byEnvironment`): every rule reads one object or one environment's
 * objects, so the merged reports are the report of one run over the fleet.
 */
export function defaultChecks(options: DefaultChecksOptions = {}): FleetCheck[] {
  const now = options.now ?? new Date();
  const { memo, onReport } = options;
  const schema: Run = (_rendered, apps) => runChecks(apps, { now, rules: [], schema: true, productionEnvironments: [], memo });
  const policy: Run = (rendered, apps, shared) =>
    runChecks(apps, {
      ...options,
      now,
      schema: false,
      productionEnvironments: options.productionEnvironments ?? productionOf(rendered),
      environments: options.environments ?? shared?.environments,
      promql: shared?.promql,
    });
  // onReport gets the policy's report; a schema failure is told by its error alone.
  return [fleetCheck(schema), fleetCheck(policy, onReport)];
}

/** A `FleetCheck` of `run`, over the whole fleet at once or an environment at a time. */
function fleetCheck(run: Run, onReport?: DefaultChecksOptions['onReport']): FleetCheck {
  const check = (rendered: readonly RenderedApp[], platform: readonly RenderedPlatformFile[]) =>
    finish(run(rendered, checkedObjects(rendered, platform)), onReport);
  return Object.assign(check, { byEnvironment: (environments: readonly string[]) => byEnvironment(run, onReport, environments) });
}

function byEnvironment(run: Run, onReport: DefaultChecksOptions['onReport'], environments: readonly string[]): EnvironmentCheck {
  const reports: CheckReport[] = [];
  const sources = new Set<string>();
  // Waivers are collected from an app's first rendering, hardened by its definition or by a labelled object.
  const firsts = new Map<string, CheckedApp>();
  const shared = { environments, promql: new PromqlParser() };
  let error: Error | undefined;
  return {
    check(rendered, platform) {
      if (error !== undefined) return false;
      const apps = checkedObjects(rendered, platform);
      for (const { app, manifests } of apps) {
        sources.add(app.source);
        if (!firsts.has(app.source)) firsts.set(app.source, { app: whatWaiversRead(app), manifests: firstLabelled(manifests) });
      }
      try {
        reports.push(run(rendered, apps, shared));
      } catch (thrown) {
        error = thrown instanceof Error ? thrown : new Error(String(thrown));
        return false;
      }
      return reports[reports.length - 1].passed;
    },
    finish() {
      if (error instanceof ValidationError) {
        // An invalid waiver: say so for the whole fleet, as one run would, not for the environment where it surfaced.
        run([], [...firsts.values()], shared);
      }
      if (error !== undefined) throw error;
      finish(mergeReports(reports, sources.size), onReport);
    },
  };
}

function finish(report: CheckReport, onReport: DefaultChecksOptions['onReport']): void {
  onReport?.(report);
  if (!report.passed) throw new CheckFailedError(report);
}

/** What collecting an app's waivers reads of it: kept for every app to the end, so not the whole resolved app. */
function whatWaiversRead(app: CheckedApp['app']): CheckedApp['app'] {
  const { name, team, environment, source, waivers, namespace, platform, hardening } = app;
  return { name, team, environment, source, waivers, namespace, platform, hardening };
}

/** The first object carrying a data class, which alone makes the app's waivers hardened ones. */
function firstLabelled(manifests: readonly Manifest[]): Manifest[] {
  const labelled = manifests.find((m) => dataClassOf(m) !== undefined);
  return labelled ? [labelled] : [];
}

/** The environments the rendered apps were resolved as production in. */
function productionOf(rendered: readonly RenderedApp[]): string[] {
  return [...new Set(rendered.filter((r) => r.app.production).map((r) => r.app.environment))].sort();
}

/** The rendered apps and the platform's own files (namespaces, Argo CD Applications), as the checks see them. */
export function checkedObjects(rendered: readonly RenderedApp[], platform: readonly RenderedPlatformFile[] = []): CheckedApp[] {
  return [
    // A ResolvedApp carries its namespace, which the namespace rule reads.
    ...rendered,
    ...platform.map((file) => ({ app: { name: file.path, environment: file.environment, source: file.source, platform: true }, manifests: file.manifests })),
  ];
}
