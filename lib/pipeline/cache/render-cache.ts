import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppDefinition } from '../../model/app-definition';
import { Customization } from '../../model/customize';
import { ResolvedApp } from '../../model/resolved-app';
import { ResolvedEnvironment } from '../../model/resolved-environment';
import { Manifest } from '../../manifest/manifest';
import { ObjectResults, ObjectResultsMemo } from '../../policy/object-results';
import { appFilePath } from '../../output/layout';
import { codeFingerprint } from './code-fingerprint';
import { contentKey } from './content-key';

/** Bumped when the entry format changes, so old entries are never read as new ones. */
const FORMAT = 'v2';
const DAY_MS = 24 * 3600 * 1000;

export interface RenderCacheOptions {
  /** The cache folder (`platform synth --cache-dir`, $PLATFORM_CACHE_DIR). */
  readonly dir: string;
  /** The platform's code as one hash. @default codeFingerprint() */
  readonly code?: string;
  /** An entry no run used for this long is deleted by `prune`. @default 7 days */
  readonly maxUnusedMs?: number;
  /** The moment `prune` measures from. @default - now */
  readonly now?: () => number;
}

/** What one app in one environment rendered to, as a hit gives it back. */
export interface CachedRendering {
  readonly manifests: Manifest[];
  readonly customization?: Customization;
}

/** A cached app as it is stored: the rendering, the exact text of its file and what the checks found in its objects. */
interface Entry extends CachedRendering {
  readonly key: string;
  readonly text: string;
  /** @default - not checked when stored */
  readonly checks?: ObjectResults;
}

/**
 * A content-addressed cache of each app's rendering per environment, for incremental synth. An
 * entry is addressed by a hash of everything the rendering reads (`keyOf`): the resolved app (which
 * carries what other apps' declarations contribute, such as the callers its NetworkPolicy admits),
 * the resolved environment, the definition (its escape hatches), the platform's code and the
 * versions of the libraries that shape output. A hit skips building, synthesizing and emitting the
 * app, and (as the checks' `ObjectResultsMemo`) validating its objects and running the object rules
 * on them: those read one object and its owner, all in the key (the rules' code is in the platform's
 * code); the rules over a whole environment, the fleet checks and the waivers still run over the
 * whole fleet. Never a source of truth: entries are written atomically, only after a synth
 * succeeded, and an unreadable or malformed entry is a miss.
 *
 * Layout: `<dir>/v2-<code>/<ab>/<key>.json`, one folder per version of the platform's code, so a
 * platform upgrade starts a fresh folder and `prune` drops the old one whole.
 */
export class RenderCache implements ObjectResultsMemo {
  /** What this run found, for the synth summary and the benchmark. */
  readonly stats = { hits: 0, misses: 0, uncacheable: 0, errors: 0 };
  private readonly root: string;
  private readonly folder: string;
  private readonly now: () => number;
  private readonly maxUnusedMs: number;
  /** Misses rendered this run, to store once the synth succeeded: rendering -> key. */
  private readonly pending = new Map<object, { key: string; app: ResolvedApp; rendering: CachedRendering; checks?: ObjectResults }>();
  /** Each hit's entry, by the manifests it was returned as. */
  private readonly hits = new WeakMap<object, Entry>();
  /** Hits whose check results this run completed (stored by a synth that ran fewer checks), to write again. */
  private readonly completed = new Map<object, Entry>();
  private readonly used = new Set<string>();
  /** Each environment keyed once: every app of it would hash the same value again. */
  private readonly environmentKeys = new WeakMap<ResolvedEnvironment, string | undefined>();

  constructor(options: RenderCacheOptions) {
    this.root = options.dir;
    this.folder = join(options.dir, `${FORMAT}-${(options.code ?? codeFingerprint()).slice(0, 16)}`);
    this.now = options.now ?? Date.now;
    this.maxUnusedMs = options.maxUnusedMs ?? 7 * DAY_MS;
  }

  /**
   * The key of an app's rendering in its environment, or undefined when it cannot be cached (its
   * definition holds code: a `customize` function). `fleet` maps every definition of the fleet to
   * its source file, so a `dependsOn` pointing at another app's definition keys as that app's name.
   */
  keyOf(app: ResolvedApp, environment: ResolvedEnvironment, definition: AppDefinition | undefined, fleet: ReadonlyMap<object, string>): string | undefined {
    if (!this.environmentKeys.has(environment)) this.environmentKeys.set(environment, contentKey([environment]));
    const environmentKey = this.environmentKeys.get(environment);
    const key =
      environmentKey === undefined
        ? undefined
        : contentKey([FORMAT, app, environmentKey, definition], (value) => (value === definition ? undefined : fleet.get(value)));
    if (key === undefined) this.stats.uncacheable++;
    return key;
  }

  /** The stored rendering for `key`, or undefined (a miss: nothing stored, or an entry that does not read back). */
  get(key: string): CachedRendering | undefined {
    const file = this.entryFile(key);
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(file, 'utf8')) as Entry;
    } catch {
      this.stats.misses++;
      return undefined;
    }
    if (entry === null || typeof entry !== 'object' || entry.key !== key || !Array.isArray(entry.manifests) || typeof entry.text !== 'string') {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.used.add(key);
    this.touch(file);
    const rendering: CachedRendering =
      entry.customization === undefined ? { manifests: entry.manifests } : { manifests: entry.manifests, customization: entry.customization };
    this.hits.set(rendering.manifests, entry);
    return rendering;
  }

  /** Remembers a rendering made this run, stored by `store` if the synth succeeds. */
  rendered(key: string, app: ResolvedApp, rendering: CachedRendering): void {
    this.pending.set(rendering.manifests, { key, app, rendering });
  }

  /** The file text stored with a hit (found by its manifests), so layout need not emit it again. */
  textOf(manifests: readonly Manifest[]): string | undefined {
    return this.hits.get(manifests)?.text;
  }

  /** What the checks found in a rendering's objects: stored with a hit, or left by this run's checks. */
  resultsOf(manifests: readonly Manifest[]): ObjectResults | undefined {
    return this.pending.get(manifests)?.checks ?? this.completed.get(manifests)?.checks ?? this.hits.get(manifests)?.checks;
  }

  /** Keeps what the checks found in a rendering's objects, stored with it by `store`. */
  remember(manifests: readonly Manifest[], results: ObjectResults): void {
    const pending = this.pending.get(manifests);
    if (pending) pending.checks = results;
    const hit = this.hits.get(manifests);
    if (hit) this.completed.set(manifests, { ...hit, checks: results });
  }

  /** Writes an entry for every rendering made this run, with its file's text from `files` (what was written). */
  store(files: Pick<ReadonlyMap<string, string>, 'get'>): void {
    for (const { key, app, rendering, checks } of this.pending.values()) {
      const text = files.get(appFilePath(app));
      if (text === undefined) continue;
      const entry: Entry = {
        key,
        manifests: rendering.manifests,
        ...(rendering.customization ? { customization: rendering.customization } : {}),
        text,
        ...(checks ? { checks } : {}),
      };
      this.write(this.entryFile(key), JSON.stringify(entry));
      this.used.add(key);
    }
    for (const entry of this.completed.values()) this.write(this.entryFile(entry.key), JSON.stringify(entry));
    this.pending.clear();
    this.completed.clear();
  }

  /**
   * Deletes what no run is likely to read again: other code versions' folders not used for a day,
   * and, in this version's folder, entries neither used by this run nor by any run for `maxUnusedMs`
   * (a hit refreshes an entry's modification time). Unfinished writes older than an hour go too.
   */
  prune(): void {
    const now = this.now();
    this.touch(this.folder);
    for (const name of this.list(this.root)) {
      const path = join(this.root, name);
      if (path === this.folder || !name.startsWith('v')) continue;
      if (this.age(path, now) > DAY_MS) this.remove(path);
    }
    for (const shard of this.list(this.folder)) {
      const dir = join(this.folder, shard);
      for (const name of this.list(dir)) {
        const path = join(dir, name);
        const unfinished = name.includes('.tmp-');
        const key = name.replace(/\.json$/, '');
        if (unfinished ? this.age(path, now) > DAY_MS / 24 : !this.used.has(key) && this.age(path, now) > this.maxUnusedMs) this.remove(path);
      }
    }
  }

  private entryFile(key: string): string {
    return join(this.folder, key.slice(0, 2), `${key}.json`);
  }

  // Every file operation below is best effort: a cache that cannot be written is only slower.

  private write(file: string, text: string): void {
    const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(temp, text);
      renameSync(temp, file);
    } catch {
      this.stats.errors++;
      this.remove(temp);
    }
  }

  private touch(path: string): void {
    try {
      mkdirSync(path === this.folder ? path : dirname(path), { recursive: true });
      const at = new Date(this.now());
      utimesSync(path, at, at);
    } catch {
      this.stats.errors++;
    }
  }

  private list(dir: string): string[] {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  }

  private age(path: string, now: number): number {
    try {
      return now - statSync(path).mtimeMs;
    } catch {
      return 0;
    }
  }

  private remove(path: string): void {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      this.stats.errors++;
    }
  }
}
