import { createHash } from 'node:crypto';
import { AppDefinition } from '../../model/app-definition';
import { ResolvedApp } from '../../model/resolved-app';
import { ResolvedEnvironment } from '../../model/resolved-environment';
import { contentKey } from './content-key';
import { ResolveMemo } from './resolve-memo';
import { SourceClosures } from './source-closure';

/**
 * The render cache's keys for one run: each app's rendering in its environment (`keyOf`) and each
 * environment's platform files (`platformKey`), with why an app or an environment cannot be keyed,
 * for the synth to tell. `format` is the cache's storage format, part of every key.
 */
export class RenderKeys {
  /** Why each app file whose renderings cannot be cached as it stands is not, by its source: rendered every run, which a team should know. */
  readonly uncached = new Map<string, string>();
  /** Why each environment that cannot be keyed is not, by its name: none of its apps is cached. */
  readonly uncachedEnvironments = new Map<string, string>();
  /** `codeKey`'s hashes, for this run. */
  private readonly codeKeys = new WeakMap<(...args: never[]) => unknown, string>();
  /** Each environment keyed once: every app of it would hash the same value again. */
  private readonly environmentKeys = new WeakMap<ResolvedEnvironment, string | undefined>();
  /** Each app's key this run, for the key of its environment's platform files. */
  private readonly appKeys = new WeakMap<ResolvedApp, string>();
  private readonly closures?: SourceClosures;

  /**
   * @param memo the fleet's resolutions, when this run resolved through the cache
   * @param stats counts the renderings that could not be keyed
   * @param root the repository app sources are relative to; without it an app whose definition holds code is not keyed
   */
  constructor(
    private readonly format: string,
    private readonly memo: () => ResolveMemo | undefined,
    private readonly stats: { uncacheable: number },
    root?: string,
  ) {
    if (root !== undefined) this.closures = new SourceClosures(root);
  }

  /**
   * The key of an app's rendering in its environment, or undefined when it cannot be cached (its
   * definition holds code, and the source that code runs is not known). `fleet` maps every
   * definition of the fleet to its source file, so a `dependsOn` pointing at another app's
   * definition keys as that app's name. A function in the definition keys as its text, and the key
   * then also covers the app file's source closure (`SourceClosures`). An app resolved through
   * `resolutions` (one whose definition holds no code) keys by its resolution's key and what the
   * dependencies changed (which covers the same values: its definition, environment and release
   * decide its resolution), without hashing the whole resolved app.
   */
  keyOf(app: ResolvedApp, environment: ResolvedEnvironment, definition: AppDefinition | undefined, fleet: ReadonlyMap<object, string>): string | undefined {
    const resolved = this.memo()?.keyOf(app);
    if (resolved !== undefined) {
      const key = contentKey([this.format, resolved])!;
      this.appKeys.set(app, key);
      return key;
    }
    const environmentKey = this.environmentKey(environment);
    let code = false;
    let failure: string | undefined;
    const key =
      environmentKey === undefined
        ? undefined
        : contentKey(
            [this.format, app, environmentKey, definition],
            (value) => (value === definition ? undefined : fleet.get(value)),
            this.closures &&
              ((fn) => {
                code = true;
                return this.codeKey(fn);
              }),
            (reason) => (failure = `its definition holds ${reason}`),
          );
    const closure = key !== undefined && code ? this.closures?.of(app.source) : undefined;
    const result = !code ? key : closure === undefined ? undefined : createHash('sha256').update(`${key}\0${closure}`).digest('hex');
    if (result === undefined) {
      this.stats.uncacheable++;
      // An environment that cannot be keyed is told as itself (`uncachedEnvironments`: the definition was never walked, so neither
      // `failure` nor `code` is set); what passes by itself (a file edited just before the run) has no `why` and is not told.
      const why = code ? this.closures?.why(app.source) : undefined;
      const reason = failure ?? (why && `the code it runs cannot be read whole: ${why}`);
      if (reason !== undefined && !this.uncached.has(app.source)) this.uncached.set(app.source, reason);
    } else this.appKeys.set(app, result);
    return result;
  }

  /** What a key says of a function or a class: a hash of its source, made once per run however many instances and apps share it. */
  private codeKey(fn: (...args: never[]) => unknown): string {
    let key = this.codeKeys.get(fn);
    if (key === undefined) this.codeKeys.set(fn, (key = createHash('sha256').update(fn.toString()).digest('hex')));
    return key;
  }

  /** An environment's key, hashed once per run (every app of it would hash the same value again); why not, when it cannot be keyed. */
  private environmentKey(environment: ResolvedEnvironment): string | undefined {
    if (!this.environmentKeys.has(environment)) {
      this.environmentKeys.set(
        environment,
        contentKey([environment], undefined, undefined, (reason) => this.uncachedEnvironments.set(environment.name, reason)),
      );
    }
    return this.environmentKeys.get(environment);
  }

  /**
   * A key of an environment's platform files (namespaces, Argo CD Applications, admission
   * policies, shared data stores): the environment, the keys of `apps` (each keyed this run by
   * `keyOf`, else undefined: not cached) and `parts` (what else they are rendered from).
   */
  platformKey(environment: ResolvedEnvironment, apps: readonly ResolvedApp[], parts: readonly unknown[]): string | undefined {
    const environmentKey = this.environmentKey(environment);
    const keys = apps.map((app) => this.appKeys.get(app));
    if (environmentKey === undefined || keys.includes(undefined)) return undefined;
    return contentKey([this.format, 'platform', environmentKey, keys, parts]);
  }
}
