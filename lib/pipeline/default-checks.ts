import { policyCheck, schemaCheck } from '../policy/policy-checks';
import { CheckReport } from '../policy/report';
import { CheckedApp } from '../policy/run-checks';
import { ObjectResultsMemo } from '../policy/object-results';
import { RenderedApp } from './render-fleet';
import { RenderedPlatformFile } from './render-platform';
import { FleetCheck } from './synthesize';

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

/**
 * The checks `platform synth` runs before writing: strict schema validation of every object, then
 * the policy pack with the apps' waivers. Either throws CheckFailedError, and nothing is written.
 * `now` decides which waivers have expired: the real date unless a test fixes it.
 */
export function defaultChecks(options: DefaultChecksOptions = {}): FleetCheck[] {
  const now = options.now ?? new Date();
  const schema = schemaCheck({ now, memo: options.memo });
  return [
    (rendered, platform) => schema(checkedObjects(rendered, platform)),
    (rendered, platform) =>
      policyCheck({ ...options, now, productionEnvironments: options.productionEnvironments ?? productionOf(rendered) })(checkedObjects(rendered, platform)),
  ];
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
