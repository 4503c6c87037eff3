import { defaultProductionEnvironments } from '../environments/production';
import { existsSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import { PlatformError } from '../internal/errors';
import { ANNOTATION, LABEL } from '../internal/labels';
import { Waiver } from '../model/waiver';
import { Manifest } from '../manifest/manifest';
import { Finding } from './report';
import { CheckedApp, defaultConstructPath, runChecks } from './run-checks';

/** A waiver given in cdk8s.yaml: like an app definition's, plus the app it applies to. */
export interface PluginWaiver extends Waiver {
  /** The app (its `app.kubernetes.io/name` label) whose objects it covers. @default - every app */
  readonly app?: string;
}

/** The `properties:` of the plugin's entry under `validations:` in cdk8s.yaml. */
export interface GoldenPathValidationProps {
  /** Environments whose workloads must meet the production rules. @default ['prod', 'production'] */
  readonly productionEnvironments?: readonly string[];
  /** Label that names an object's environment. @default 'environment' */
  readonly environmentLabel?: string;
  /** Environment of objects without that label. @default 'default' */
  readonly defaultEnvironment?: string;
  /** Waivers, reviewed with cdk8s.yaml. @default - none */
  readonly waivers?: readonly PluginWaiver[];
  /**
   * Also apply the waivers of the golden-path app definition that each object's
   * `platform.golden-path.dev/source` annotation names (relative to the working directory).
   * @default false
   */
  readonly definitionWaivers?: boolean;
}

/** The parts of cdk8s-cli's ValidationContext the plugin uses (cdk8s-cli is not a runtime dependency). */
export interface ValidationContextLike {
  readonly manifests: readonly string[];
  readonly metadata?: { readonly [resourceName: string]: { readonly path: string } };
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger: { log(message: string): void };
  parseManifest(manifestPath: string): unknown[];
}

/** Documents that are not cluster objects (kustomization files, Backstage catalog entities): never applied, never checked. */
const NOT_APPLIED = /^(kustomize\.config\.k8s\.io|backstage\.io)\//;
const PLUGIN_CONFIG = 'cdk8s.yaml';

/**
 * The golden-path schema validation and policy pack as a cdk8s validation plugin: any cdk8s
 * project lists it under `validations:` in cdk8s.yaml, and `cdk8s synth` fails when an object
 * breaks a rule that no waiver excuses (warnings are listed, and do not fail).
 */
export class GoldenPathValidation {
  constructor(
    private readonly props: GoldenPathValidationProps = {},
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The cdk8s plugin contract is asynchronous; the checks are not, and what they throw becomes the rejection. */
  validate(context: ValidationContextLike): Promise<void> {
    return new Promise((resolve) => {
      this.check(context);
      resolve();
    });
  }

  private check(context: ValidationContextLike): void {
    const { apps, fileOf } = this.group(context);
    const waivers = (this.props.waivers ?? []).map(({ app, ...waiver }, index) => ({
      waiver,
      declaredIn: PLUGIN_CONFIG,
      index,
      ...(app !== undefined ? { app } : {}),
    }));
    let report;
    try {
      report = runChecks(apps, {
        now: this.clock(),
        productionEnvironments: this.props.productionEnvironments ?? defaultProductionEnvironments(),
        waivers,
        constructPath: (app, object) => context.metadata?.[object.metadata.name]?.path ?? defaultConstructPath(app, object),
      });
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      context.report.addViolation({
        ruleName: 'waivers',
        recommendation: error.message,
        fix: 'correct the waivers (in cdk8s.yaml or the app definitions) as the message says',
        violatingResources: [],
      });
      context.report.submit('failure');
      return;
    }

    const byRule = new Map<string, Finding[]>();
    for (const f of report.findings.filter((x) => !x.waivedBy)) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    for (const [rule, findings] of byRule) {
      const first = findings[0];
      context.report.addViolation({
        ruleName: `${rule} (${first.severity})`,
        recommendation: `${first.why}`,
        fix: first.fix,
        violatingResources: findings.map((f) => ({
          resourceName: f.object.name,
          manifestPath: fileOf(f),
          locations: [`${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}${f.field ? ` ${f.field}` : ''}: ${f.message}`],
        })),
      });
    }
    for (const w of report.waivers.filter((x) => x.status === 'expired')) {
      context.report.addViolation({
        ruleName: 'expired-waiver (error)',
        recommendation: `${w.declaredIn} waivers[${w.index}] for '${w.rule}' (owner ${w.owner}) expired on ${w.expires}`,
        fix: 'renew it with a new date and reason, or fix the finding and remove it',
        violatingResources: [],
      });
    }
    for (const w of report.waivers.filter((x) => x.status === 'unused')) {
      context.logger.log(`golden-path: ${w.declaredIn} waivers[${w.index}] for '${w.rule}' excused nothing; remove it`);
    }
    const s = report.summary;
    context.report.submit(report.passed ? 'success' : 'failure', {
      kubernetes: report.kubernetesVersion,
      rules: String(report.rules.length),
      objects: String(s.objects),
      errors: String(s.errors),
      warnings: String(s.warnings),
      waived: String(s.waived),
      'expired waivers': String(s.expiredWaivers),
    });
  }

  /** Objects by environment and app, the app named by its label (or its file), its waivers loaded when asked. */
  private group(context: ValidationContextLike): { apps: CheckedApp[]; fileOf: (f: Finding) => string } {
    const envLabel = this.props.environmentLabel ?? LABEL.environment;
    const groups = new Map<string, { app: CheckedApp['app']; manifests: Manifest[] }>();
    const files = new Map<string, string>();
    const definitions = new Map<string, readonly Waiver[] | undefined>();
    for (const file of context.manifests) {
      for (const doc of context.parseManifest(file)) {
        if (!isObject(doc) || NOT_APPLIED.test(doc.apiVersion)) continue;
        const labels = (doc.metadata.labels ?? {}) as Record<string, string>;
        const annotations = (doc.metadata.annotations ?? {}) as Record<string, string>;
        const environment = labels[envLabel] ?? this.props.defaultEnvironment ?? 'default';
        const name = labels[LABEL.name] ?? basename(file, extname(file));
        const source = annotations[ANNOTATION.source] ?? displayPath(file);
        // Only a golden-path app definition's objects name their source; the rest are the project's own (platform) objects.
        const platform = annotations[ANNOTATION.source] === undefined;
        const key = `${environment}\0${name}\0${source}\0${platform}`;
        let group = groups.get(key);
        if (!group) {
          const waivers = this.props.definitionWaivers ? loadDefinitionWaivers(source, definitions) : undefined;
          group = { app: { name, environment, source, ...(platform ? { platform } : {}), ...(waivers ? { waivers } : {}) }, manifests: [] };
          groups.set(key, group);
        }
        group.manifests.push(doc);
        files.set(`${environment}\0${name}\0${doc.kind}\0${doc.metadata.namespace ?? ''}\0${doc.metadata.name}`, file);
      }
    }
    const fileOf = (f: Finding) => files.get(`${f.environment}\0${f.app}\0${f.object.kind}\0${f.object.namespace ?? ''}\0${f.object.name}`) ?? f.source;
    return { apps: [...groups.values()], fileOf };
  }
}

/** The `waivers` of the app definition a golden-path object names as its source, read once per file. */
function loadDefinitionWaivers(source: string, cache: Map<string, readonly Waiver[] | undefined>): readonly Waiver[] | undefined {
  if (cache.has(source)) return cache.get(source);
  const path = resolve(source);
  let waivers: readonly Waiver[] | undefined;
  if (/\.[cm]?[jt]s$/.test(source) && existsSync(path)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    waivers = (require(path) as { default?: { waivers?: readonly Waiver[] } }).default?.waivers;
  }
  cache.set(source, waivers);
  return waivers;
}

function isObject(doc: unknown): doc is Manifest {
  const d = doc as Partial<Manifest> | null;
  return !!d && typeof d === 'object' && typeof d.apiVersion === 'string' && typeof d.kind === 'string' && !!d.metadata && typeof d.metadata.name === 'string';
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return isAbsolute(rel) || rel.startsWith('..') ? file : rel.split('\\').join('/');
}
