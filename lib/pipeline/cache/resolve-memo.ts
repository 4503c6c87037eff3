import { join } from 'node:path';
import { SourcedApp } from '../../model/app-definition';
import { ResolvedApp } from '../../model/resolved-app';
import { ResolvedEnvironment } from '../../model/resolved-environment';
import { ResolutionMemo } from '../../environments/resolve-environment-apps';
import { Release } from '../../environments/resolve-image';
import { contentKey, isObjectPrototype } from './content-key';
import { MemoFile } from './resolve-memo-file';

/** In every key: bumped when what a key covers changes. */
const KEY_FORMAT = 'resolved-2';

/**
 * Resolution reads the time zone database (a scheduled task's `timeZone`) from Node's ICU, which the
 * platform's code fingerprint does not cover: a Node upgrade resolves afresh.
 */
const RUNTIME = `${process.versions.node}/${process.versions.icu ?? ''}/${process.versions.tz ?? ''}`;

/**
 * The render cache's memory of each app resolved alone (`resolveApp`, before the dependencies
 * between apps), for incremental synth: resolution is a pure function of the definition (and the
 * definitions it points at), its source file, the resolved environment, the release and the
 * platform's code (the cache's folder), so a warm synth reads back the resolution of every app
 * whose inputs are unchanged instead of resolving it again. The dependencies are resolved afresh
 * every run over the whole environment (a caller added in another team changes its callee), and
 * `keyOf` keys the final app by this resolution's key plus what they changed, not by a hash of
 * the whole resolved app.
 *
 * Keys are hashed once per environment (the file's key, with the runtime) and once per definition
 * (an entry's key, with the release when there is one); an app's key in an environment is the two
 * side by side, not another hash. Stored as V8's structured serialization, which gives back exactly
 * the values written (undefined fields and shared references included; JSON would drop the first),
 * one file per environment and team beside the render cache's packs:
 * `<folder>/<environment>/<team>.resolved` (`MemoFile`). Never a source of truth: a file that does
 * not read back whole is a miss, and files are written (atomically) only by `store`, once the
 * fleet resolved without problems (an entry is keyed by all its resolution reads, so a synth that
 * fails later leaves right entries), from bytes: a fresh resolution is serialized when resolution
 * leaves its file, before later stages are given it.
 */
export class ResolveMemo implements ResolutionMemo {
  readonly stats = { hits: 0, misses: 0 };
  private readonly files = new Map<string, MemoFile>();
  /** The file being read: resolution goes environment by environment, team by team. */
  private current?: { readonly id: string; readonly file: MemoFile };
  /** Every app of the fleet by its definition, so a `dependsOn` pointing at another app's definition keys as that app. */
  private readonly sources: ReadonlyMap<object, string>;
  private readonly definitionKeys = new WeakMap<object, string | undefined>();
  private readonly shallowKeys = new WeakMap<object, { key: string; refs: object[] } | undefined>();
  private readonly environmentKeys = new WeakMap<ResolvedEnvironment, string | undefined>();
  /** The key of each app resolved alone this run. */
  private readonly keys = new WeakMap<ResolvedApp, string>();
  /** Each final app's key (see `keyOf`), made when it was resolved: the resolution alone need not be kept for it. */
  private readonly finalKeys = new WeakMap<ResolvedApp, string>();

  constructor(
    private readonly folder: string,
    /** The fleet it resolves. */
    readonly apps: readonly SourcedApp[],
    private readonly now: () => number = Date.now,
  ) {
    this.sources = new Map<object, string>(apps.map((a) => [a.definition, a.source]));
  }

  alone(sourced: SourcedApp, env: ResolvedEnvironment, release: Release | undefined, resolve: () => ResolvedApp): ResolvedApp {
    const environment = this.environmentKey(env);
    const entry = environment === undefined ? undefined : this.entryKey(sourced, release);
    const team = sourced.definition.team;
    if (environment === undefined || entry === undefined || typeof team !== 'string') return resolve();
    const file = this.file(join(this.folder, encodeURIComponent(env.name), `${encodeURIComponent(team)}.resolved`), environment);
    const key = `${environment}/${entry}`;
    const hit = file.get(entry) as ResolvedApp | undefined;
    if (hit) {
      this.stats.hits++;
      this.keys.set(hit, key);
      return hit;
    }
    this.stats.misses++;
    const app = resolve();
    // Serialized when resolution leaves the file (`resolved` at the latest), before later stages, which share its parts, are given it.
    file.add(entry, app);
    this.keys.set(app, key);
    return app;
  }

  resolved(): void {
    this.leaveCurrent();
  }

  final(alone: ResolvedApp, final: ResolvedApp): void {
    const key = this.keys.get(alone);
    const finalKey = key === undefined ? undefined : contentKey([KEY_FORMAT, key, changes(alone, final)]);
    if (finalKey !== undefined) this.finalKeys.set(final, finalKey);
  }

  /**
   * A key of everything a final app holds, or undefined for an app not resolved through this memo:
   * its resolution alone's key (which decides every value of it) and, spelled out, each value the
   * dependencies replaced. A value the final app shares with its resolution alone (the same object)
   * is covered by that key, so only what changed is hashed.
   */
  keyOf(final: ResolvedApp): string | undefined {
    return this.finalKeys.get(final);
  }

  /** Writes the files whose entries this run changed, holding exactly the entries this run used. */
  store(): void {
    for (const file of this.files.values()) {
      try {
        file.store();
      } catch {
        // A memo that cannot be written is only slower.
      }
    }
    this.files.clear();
    this.current = undefined;
  }

  private file(path: string, key: string): MemoFile {
    const id = `${path}\0${key}`;
    if (this.current?.id === id) return this.current.file;
    this.leaveCurrent();
    let file = this.files.get(id);
    if (!file) {
      file = new MemoFile(path, key, this.now());
      this.files.set(id, file);
    }
    this.current = { id, file };
    return file;
  }

  /**
   * Resolution left the current file. One it only read back whole has nothing to write, so its bytes need
   * not wait for `store`: at 10,000 apps an environment's are ~50 MB, and held all at once, they left
   * main-thread malloc that much larger for the rest of the synth. Resolution goes team by team
   * (`resolveAppsIn` orders the apps so): a file is not entered again in an environment.
   */
  private leaveCurrent(): void {
    if (!this.current) return;
    const { id, file } = this.current;
    file.leave();
    if (file.unchanged()) this.files.delete(id);
    this.current = undefined;
  }

  /** What every app of an environment is resolved with besides its own definition and release: the environment, the runtime, this key's format. */
  private environmentKey(env: ResolvedEnvironment): string | undefined {
    if (!this.environmentKeys.has(env)) this.environmentKeys.set(env, contentKey([KEY_FORMAT, RUNTIME, env]));
    return this.environmentKeys.get(env);
  }

  /** An app's own share of its key: its definition's, with its release when it has one (most apps have none: no hash per environment). */
  private entryKey(sourced: SourcedApp, release: Release | undefined): string | undefined {
    const definition = this.definitionKey(sourced);
    return definition === undefined || release === undefined ? definition : contentKey([definition, release]);
  }

  /** The definition with its source, and the definitions it points at (each with its own, not theirs in turn). */
  private definitionKey(sourced: SourcedApp): string | undefined {
    const { definition } = sourced;
    if (!this.definitionKeys.has(definition)) {
      const own = this.shallow(definition, sourced.source);
      let key: string | undefined;
      if (own && own.refs.length === 0) key = own.key;
      else if (own) {
        const refs = own.refs.map((ref) => this.shallow(ref, this.sources.get(ref)!)?.key);
        key = refs.every((r) => r !== undefined) ? contentKey([own.key, refs]) : undefined;
      }
      this.definitionKeys.set(definition, key);
    }
    return this.definitionKeys.get(definition);
  }

  private shallow(definition: object, source: string): { key: string; refs: object[] } | undefined {
    if (!this.shallowKeys.has(definition)) {
      const refs: object[] = [];
      const key = contentKey([source, definition], (value) => {
        const named = value === definition ? undefined : this.sources.get(value);
        if (named !== undefined) refs.push(value);
        return named;
      });
      this.shallowKeys.set(definition, key === undefined ? undefined : { key, refs });
    }
    return this.shallowKeys.get(definition);
  }
}

/**
 * What `final` changed of `alone`, by identity: undefined where they are the same value; for two
 * plain objects, the order of the final's keys and the changes under each key that differs;
 * otherwise the final value whole. The order is spelled relative to alone's (which its key
 * covers): nothing when the same, the keys added when the final only adds some after them (a
 * spread that adds fields), else all of them.
 */
function changes(alone: unknown, final: unknown): unknown {
  if (alone === final) return undefined;
  if (!isPlain(alone) || !isPlain(final)) return { value: final === undefined ? { $undefined: true } : final };
  const keys = Object.keys(final);
  const before = Object.keys(alone);
  let kept = 0;
  while (kept < before.length && kept < keys.length && keys[kept] === before[kept]) kept++;
  const under: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const had = i < kept || key in alone;
    if (!had || final[key] !== alone[key]) under[key] = changes(had ? alone[key] : Symbol.for('absent'), final[key]);
  }
  if (kept < before.length) return { keys, under };
  return kept === keys.length ? { under } : { added: keys.slice(kept), under };
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // Any realm's Object.prototype, as content-key.ts sees it: V8 deserializes into the main realm, which a test's is not.
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || isObjectPrototype(prototype);
}
