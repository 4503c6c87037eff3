import { mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { SourcedApp } from '../../model/app-definition';
import { Customization } from '../../model/customize';
import { ResolvedApp } from '../../model/resolved-app';
import { ResolvedEnvironment } from '../../model/resolved-environment';
import { Manifest } from '../../manifest/manifest';
import { ObjectResults, ObjectResultsMemo, ResultsSummary } from '../../policy/object-results';
import { appFilePath } from '../../output/layout';
import { CatalogStore } from './catalog-store';
import { codeFingerprint } from './code-fingerprint';
import { PlatformFilesStore } from './platform-files';
import { decodeManifests, encodeManifests } from './manifest-lines';
import { RenderKeys } from './render-keys';
import { PackEntry, PackEntryInput, readPack, TextRef, writePack } from './pack-file';
import { BodyPart } from './summed-file';
import { PackTexts } from './pack-texts';
import { pruneCache } from './prune-cache';
import { ResolveMemo } from './resolve-memo';
import { encodeChecks, StoredChecks, storedResults } from './stored-checks';

/** Bumped when the storage format changes, so old entries are never read as new ones (v2: one JSON file per entry; v3: objects as one JSON array; v5: every file's header after its body, check results as their summary when it stands for them). */
const FORMAT = 'v5';
const DAY_MS = 24 * 3600 * 1000;
/** The files a synth wrote, by path: each one's text, or the file it is in. */
export type WrittenFiles = Pick<ReadonlyMap<string, BodyPart>, 'get'>;

/** The hashes of the platform's code files, by path and stat (`codeFingerprint`): beside the versions' folders. */
const CODE_MEMO = 'code-files.json';

export interface RenderCacheOptions {
  /** The cache folder (`platform synth --cache-dir`, $PLATFORM_CACHE_DIR). */
  readonly dir: string;
  /** The platform's code as one hash. @default codeFingerprint() */
  readonly code?: string;
  /** An entry no run used for this long is deleted by `store`, a pack by `prune`. @default 7 days */
  readonly maxUnusedMs?: number;
  /** The moment `store` and `prune` measure from. @default - now */
  readonly now?: () => number;
  /**
   * The repository the apps' sources are relative to: with it, an app whose definition holds code
   * (`customize`) is cached too, keyed by the source that code runs (`SourceClosures`).
   * @default - such apps are rendered every run
   */
  readonly root?: string;
}

/** What one app in one environment rendered to, as a hit gives it back. */
export interface CachedRendering {
  readonly manifests: Manifest[];
  readonly customization?: Customization;
}

/** Where an app's entry lives: its environment's and team's pack. */
type PackAddress = Pick<ResolvedApp, 'environment' | 'team'>;

/** One pack as this run sees it: the marks it held when read, and what this run adds to it or uses of it. */
interface Pack {
  readonly file: string;
  /** When each stored entry was last used, by key. */
  readonly marks: ReadonlyMap<string, number>;
  /** The stored entries with their bytes, while this pack is the one being read (see `pack`). */
  entries?: ReadonlyMap<string, PackEntry>;
  /** Keys this run used. */
  readonly used: Set<string>;
}

/** A hit, decoded: what layout and the checks ask of it. */
interface Hit {
  readonly pack: Pack;
  readonly key: string;
  /** Where its file's text is: read when layout writes it, not held until then. */
  readonly text: TextRef;
  /** The stored check results and their summary, each parsed when first asked for. */
  readonly checks?: StoredChecks;
  readonly customization?: unknown;
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
 * whole fleet. Never a source of truth: packs are written whole and atomically, only after a synth
 * succeeded, and an unreadable pack or entry is a miss.
 *
 * Layout: `<dir>/v5-<code>/<environment>/<team>.pack` (see `readPack`), one folder per version of
 * the platform's code, so a platform upgrade starts a fresh folder and `prune` drops the old one
 * whole. A pack holds the entries of one team in one environment, so a one-app change rewrites one
 * small pack per environment and a warm run reads a few dozen files, not one per app.
 */
export class RenderCache implements ObjectResultsMemo {
  /** What this run found, for the synth summary and the benchmark. */
  readonly stats = { hits: 0, misses: 0, uncacheable: 0, errors: 0 };
  /** This run's keys, and why some could not be made (what `platform synth` tells). */
  readonly keys: RenderKeys;
  private readonly root: string;
  private readonly folder: string;
  private readonly now: () => number;
  private readonly maxUnusedMs: number;
  /** Every pack this run read (or will write), by file. */
  private readonly packs = new Map<string, Pack>();
  /** Misses rendered this run, to store once the synth succeeded: by the rendering's manifests. */
  // Their check results as they will be stored (`encodeChecks`): a third of the lists' heap, held until the environment is stored.
  private readonly pending = new Map<object, { key: string; app: ResolvedApp; rendering: CachedRendering; checks?: string }>();
  /** Each hit, by the manifests it was returned as. */
  private readonly hits = new WeakMap<object, Hit>();
  /** Hits whose check results this run completed (stored by a synth that ran fewer checks), to write again. */
  private readonly completed = new Map<object, { hit: Hit; manifests: readonly Manifest[]; checks: ObjectResults }>();
  /** Every pack file this run read or wrote: never pruned by the run that uses it. */
  private readonly seen = new Set<string>();
  /** Reads hits' texts back from their packs (`textOf`). */
  private readonly texts = new PackTexts();
  /** The pack whose bytes are in memory: only one at a time, so a warm run holds one pack, not the fleet. */
  private current?: Pack;
  /** The environments' platform files (`platformFiles`), beside the packs. */
  private readonly platform = new PlatformFilesStore(() => this.folder, {
    read: (file, hit) => {
      this.seen.add(file);
      if (hit) this.touch(file);
    },
    error: () => this.stats.errors++,
  });
  /** The fleet's resolutions, when this run resolved through the cache (`resolutions`). */
  private memo?: ResolveMemo;
  /** The Backstage catalog's files (`catalogFiles`), keyed by the keys the fleet's resolutions got. */
  readonly catalog = new CatalogStore(
    () => this.folder,
    (app) => this.memo?.keyOf(app),
    () => this.now(),
  );

  constructor(options: RenderCacheOptions) {
    this.root = options.dir;
    this.folder = join(options.dir, `${FORMAT}-${(options.code ?? codeFingerprint(join(options.dir, CODE_MEMO))).slice(0, 16)}`);
    this.now = options.now ?? Date.now;
    this.maxUnusedMs = options.maxUnusedMs ?? 7 * DAY_MS;
    this.keys = new RenderKeys(FORMAT, () => this.memo, this.stats, options.root);
  }

  /** Each app's resolution alone, remembered from earlier runs (see `ResolveMemo`), for a resolution of `apps`; stored by `store`. */
  resolutions(apps: readonly SourcedApp[]): ResolveMemo {
    // The same fleet again (a synth resolves an environment again when it renders it): the same memo.
    if (this.memo?.apps !== apps) this.memo = new ResolveMemo(this.folder, apps, this.now);
    return this.memo;
  }

  /**
   * Writes the resolutions of this run (`resolutions`) now, once the fleet resolved without problems, and lets go
   * of their bytes; `store` writes those of later resolutions. An entry is keyed by everything its resolution
   * reads, so one written by a synth that fails later is still right.
   */
  storeResolutions(): void {
    this.memo?.store();
  }

  /** `PlatformFilesMemo`'s key of an environment's platform files (`RenderKeys.platformKey`). */
  platformKey(environment: ResolvedEnvironment, apps: readonly ResolvedApp[], parts: readonly unknown[]): string | undefined {
    return this.keys.platformKey(environment, apps, parts);
  }

  /**
   * The platform files stored for an environment under one of `keys`, or undefined (none, another key, or a
   * file that does not read back). What the schema and the object rules found in their objects comes
   * with them (`resultsOf`), as with an app's hit.
   */
  platformFiles<T>(environment: string, keys: readonly string[]): T[] | undefined {
    return this.platform.get<T>(environment, keys);
  }

  /** Remembers an environment's platform files rendered this run, stored by `store` if the synth succeeds. */
  renderedPlatform(environment: string, keys: readonly string[], files: readonly { readonly path: string; readonly manifests: object }[]): void {
    this.platform.rendered(environment, keys, files);
  }

  /** The stored rendering for `key` of the app at `address`, or undefined (a miss: nothing stored, or an entry that does not read back). */
  get(key: string, address: PackAddress): CachedRendering | undefined {
    const pack = this.pack(address);
    const entry = pack.entries?.get(key);
    // Objects whose bodies are parsed when read: most of a hit's are only indexed by the environment rules (manifest-lines.ts).
    const manifests = entry && decodeManifests(entry.manifests);
    if (!entry || !manifests) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    pack.used.add(key);
    const { customization } = entry;
    const rendering: CachedRendering = customization === undefined ? { manifests } : { manifests, customization: customization as Customization };
    // Decoded now, so the pack's bytes can go as soon as the next pack is read.
    const hit: Hit = {
      pack,
      key,
      text: entry.textAt,
      ...(customization !== undefined ? { customization } : {}),
      ...(entry.checks ? { checks: new StoredChecks(entry.checks) } : {}),
    };
    this.hits.set(rendering.manifests, hit);
    return rendering;
  }

  /** Remembers a rendering made this run, stored by `store` if the synth succeeds. */
  rendered(key: string, app: ResolvedApp, rendering: CachedRendering): void {
    this.pending.set(rendering.manifests, { key, app, rendering });
  }

  /** The file text stored with a hit (found by its manifests), so layout need not emit it again. */
  textOf(manifests: readonly Manifest[]): string | undefined {
    const hit = this.hits.get(manifests);
    return hit ? this.texts.read(hit.text) : this.platform.textOf(manifests);
  }

  /** What the checks found in a rendering's objects: stored with a hit, or left by this run's checks. */
  resultsOf(manifests: readonly Manifest[]): ObjectResults | undefined {
    const encoded = this.pending.get(manifests)?.checks;
    const own = encoded !== undefined ? storedResults(encoded) : this.completed.get(manifests)?.checks;
    if (own) return own;
    if (this.platform.has(manifests)) return this.platform.resultsOf(manifests);
    return this.hits.get(manifests)?.checks?.results();
  }

  /** The summary stored with a hit's check results, unless this run changed them (`remember`): then the checks read the results. */
  summaryOf(manifests: readonly Manifest[]): ResultsSummary | undefined {
    if (this.completed.has(manifests)) return undefined;
    return this.hits.get(manifests)?.checks?.summary();
  }

  /** Keeps what the checks found in a rendering's objects, stored with it by `store`. */
  remember(manifests: readonly Manifest[], results: ObjectResults): void {
    const pending = this.pending.get(manifests);
    if (pending) pending.checks = encodeChecks(results, manifests.length);
    const hit = this.hits.get(manifests);
    if (hit) this.completed.set(manifests, { hit, manifests, checks: results });
    this.platform.remember(manifests, results);
  }

  /**
   * Writes the packs this run changed: every rendering made this run, with its file's text from
   * `files` (what was written: the text, or the file it is in, read as the pack is written), and the
   * hits whose check results it completed. A pack is also written again to drop entries unused for
   * `maxUnusedMs`, or to mark entries used when its marks are more than a day old: otherwise a warm
   * run that changed nothing writes nothing.
   */
  store(files: WrittenFiles): void {
    this.memo?.store();
    this.catalog.store();
    const now = this.now();
    // This run's entries by pack and key, each made only as its pack is written, and written before the next
    // is made: made a whole environment at a time, they were held twice, as objects and as bytes (+250 MB at
    // 3,000 apps with a cold cache), and a pack at a time still some 50 MB of a 500-app team's.
    const freshOf = new Map<Pack, Map<string, () => PackEntryInput | undefined>>();
    const add = (pack: Pack, key: string, make: () => PackEntryInput | undefined) => {
      const fresh = freshOf.get(pack);
      if (fresh) fresh.set(key, make);
      else freshOf.set(pack, new Map([[key, make]]));
    };
    for (const { key, app, rendering, checks } of this.pending.values()) {
      const pack = this.packAt(app);
      pack.used.add(key);
      add(pack, key, () => {
        const text = files.get(appFilePath(app));
        if (text === undefined) return undefined;
        return {
          key,
          used: now,
          ...(rendering.customization ? { customization: rendering.customization } : {}),
          manifests: encodeManifests(rendering.manifests),
          text,
          ...(checks !== undefined ? { checks } : {}),
        };
      });
    }
    for (const { hit, manifests, checks } of this.completed.values()) {
      const { pack, key, customization } = hit;
      add(pack, key, () => {
        const text = this.texts.read(hit.text);
        return text === undefined
          ? undefined
          : { key, used: now, customization, manifests: encodeManifests(manifests), text, checks: encodeChecks(checks, manifests.length) };
      });
    }
    for (const pack of this.packs.values()) {
      const fresh = freshOf.get(pack) ?? new Map<string, () => PackEntryInput | undefined>();
      const expired = (key: string, used: number) => !pack.used.has(key) && now - used > this.maxUnusedMs;
      const stale = [...pack.marks].some(([key, used]) => expired(key, used) || (pack.used.has(key) && now - used > DAY_MS));
      if (fresh.size === 0 && !stale) continue;
      // Read again for the bytes of the entries kept as they are (a concurrent synth's additions among them).
      const old = readPack(pack.file) ?? new Map<string, PackEntry>();
      const keys = [...new Set([...old.keys(), ...fresh.keys()])].sort();
      function* entries(): Generator<PackEntryInput> {
        for (const key of keys) {
          const made = fresh.get(key)?.();
          const entry = made ?? old.get(key);
          if (entry === undefined || (made === undefined && expired(key, entry.used))) continue;
          yield made === undefined && pack.used.has(key) ? { ...entry, used: now } : entry;
        }
      }
      try {
        writePack(pack.file, entries());
      } catch {
        this.stats.errors++;
      }
    }
    this.texts.close();
    this.platform.store(files);
    this.pending.clear();
    this.completed.clear();
    // What was written is the new state of each pack: a second store() writes nothing again.
    this.packs.clear();
    this.current = undefined;
  }

  /** Deletes what no run is likely to read again (`pruneCache`), never what this run read or wrote. */
  prune(): void {
    this.texts.close();
    this.touch(this.folder);
    pruneCache({ root: this.root, folder: this.folder, seen: this.seen, now: this.now(), maxUnusedMs: this.maxUnusedMs, error: () => this.stats.errors++ });
  }

  /** The pack of an environment's team as this run knows it (every keyed app's was read by `get`), without reading it again. */
  private packAt(address: PackAddress): Pack {
    return this.packs.get(this.packFile(address)) ?? this.pack(address);
  }

  private packFile(address: PackAddress): string {
    return join(this.folder, encodeURIComponent(address.environment), `${encodeURIComponent(address.team)}.pack`);
  }

  /**
   * The pack of an environment's team. Its bytes stay in memory until another pack is read:
   * the fleet is resolved in (environment, team) order, so each pack is read once per run.
   */
  private pack(address: PackAddress): Pack {
    const file = this.packFile(address);
    let pack = this.packs.get(file);
    if (pack && pack === this.current) return pack;
    // Touched when first read, so pruning sees it in use; through the descriptor it is read with, so the state of the
    // file whose texts hits point at is the touched one (`PackTexts`).
    const entries = readPack(file, pack ? undefined : new Date(this.now())) ?? new Map<string, PackEntry>();
    if (!pack) {
      this.seen.add(file);
      pack = { file, marks: new Map([...entries.values()].map((e) => [e.key, e.used])), used: new Set() };
      this.packs.set(file, pack);
    }
    if (this.current) this.current.entries = undefined;
    pack.entries = entries;
    this.current = pack;
    return pack;
  }

  // Best effort: a cache that cannot be written is only slower.
  private touch(path: string): void {
    try {
      if (path === this.folder) mkdirSync(path, { recursive: true });
      const at = new Date(this.now());
      utimesSync(path, at, at);
    } catch {
      this.stats.errors++;
    }
  }
}
