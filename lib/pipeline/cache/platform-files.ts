import { join } from 'node:path';
import { ObjectResults } from '../../policy/object-results';
import { BodyPart, readSummedJson, textOf, writeSummedJson } from './summed-file';

/** An environment's platform files with what the checks found in each one's objects (null: not checked). */
interface PlatformEntry {
  readonly environment: string;
  /** Keys of the same files: one by the keys of the apps, one by what the files read of them (`renderPlatform`). */
  readonly keys: readonly string[];
  readonly files: readonly { readonly path: string; readonly manifests: object }[];
  readonly checks: (ObjectResults | null)[];
  /** Each file's text as written (a hit's, read back); undefined: read from what the synth wrote, in `store`. */
  readonly texts?: readonly string[];
}

/** An environment's file, beside its teams' packs (a team is a DNS label: never `_platform`). */
const PLATFORM_FILE = '_platform.json';
/** Names the format in the file's header: a file of another format is not read at all. */
const FILE_FORMAT = 'golden-path-platform/2';

/** What the store reports to the render cache that owns it. */
export interface PlatformFilesEvents {
  /** A file read (hit or not): kept from pruning, and marked used when it was a hit. */
  read(file: string, hit: boolean): void;
  error(): void;
}

/**
 * The render cache's part for the platform's own files (namespaces, Argo CD objects, admission
 * policies, shared data stores): one JSON file per environment (`<env>/_platform.json`) with the
 * files' objects, check results and exact texts under the keys `RenderCache.platformKey` made.
 */
export class PlatformFilesStore {
  /** Entries to write once the synth succeeded (rendered this run, or their check results completed): by environment. */
  private readonly pending = new Map<string, PlatformEntry>();
  /** Each file's entry and place in it, by its manifests. */
  private readonly byManifests = new WeakMap<object, { entry: PlatformEntry; index: number }>();

  /** @param folder the render cache's folder for this code version (set once the cache has made it) */
  constructor(
    private readonly folder: () => string,
    private readonly place: PlatformFilesEvents,
  ) {}

  /**
   * The files stored for an environment under one of `keys`, or undefined (none, other keys, or a
   * file that does not read back). Found under some of them, the entry is written again under all.
   */
  get<T>(environment: string, keys: readonly string[]): T[] | undefined {
    const file = this.fileOf(environment);
    // A file that is not whole (its sum tells) is a miss: its texts go to dist/ as they are.
    const stored = readSummedJson(file, FILE_FORMAT);
    if (stored === undefined) {
      this.place.read(file, false);
      return undefined;
    }
    const { keys: storedKeys, files, checks, texts } = (stored ?? {}) as { keys?: unknown; files?: unknown; checks?: unknown; texts?: unknown };
    const fits = (list: unknown): list is unknown[] => Array.isArray(list) && Array.isArray(files) && list.length === files.length;
    const known = Array.isArray(storedKeys) ? storedKeys.filter((key): key is string => typeof key === 'string') : [];
    const missing = keys.filter((key) => !known.includes(key));
    const hit = missing.length < keys.length && fits(files) && fits(checks) && fits(texts) && texts.every((t) => typeof t === 'string');
    this.place.read(file, hit);
    if (!hit) return undefined;
    // Found under one key but not another (an app's key changed, not what the files read of it): written again under this run's keys.
    const entry = { files: files as PlatformEntry['files'], checks: checks as (ObjectResults | null)[], texts };
    this.track(environment, { keys: missing.length > 0 ? keys : known, ...entry }, missing.length > 0);
    return files as T[];
  }

  /** Remembers an environment's files rendered this run, written by `store` if the synth succeeds. */
  rendered(environment: string, keys: readonly string[], files: PlatformEntry['files']): void {
    this.track(environment, { keys, files, checks: files.map(() => null) }, true);
  }

  /** Whether these are a platform file's manifests, read or rendered this run. */
  has(manifests: object): boolean {
    return this.byManifests.has(manifests);
  }

  textOf(manifests: object): string | undefined {
    const at = this.byManifests.get(manifests);
    return at?.entry.texts?.[at.index];
  }

  resultsOf(manifests: object): ObjectResults | undefined {
    const at = this.byManifests.get(manifests);
    return at?.entry.checks[at.index] ?? undefined;
  }

  /** Keeps what the checks found in a file's objects: its entry is written again with them. */
  remember(manifests: object, results: ObjectResults): void {
    const at = this.byManifests.get(manifests);
    if (!at) return;
    at.entry.checks[at.index] = results;
    this.pending.set(at.entry.environment, at.entry);
  }

  /** Writes the pending entries, each file's text from what the synth wrote (`written`) when not read back. */
  store(written: Pick<ReadonlyMap<string, BodyPart>, 'get'>): void {
    for (const [environment, { keys, files, checks, texts: known }] of this.pending) {
      const texts: readonly (string | undefined)[] =
        known ??
        files.map((f) => {
          const text = written.get(f.path);
          return text === undefined ? undefined : textOf(text);
        });
      // A file this synth did not write (another shard's) has no text to trust: not stored.
      if (texts.includes(undefined)) continue;
      try {
        // A reader sees the old file or the new one, and a damaged one fails its sum: a miss.
        writeSummedJson(this.fileOf(environment), FILE_FORMAT, { keys, files, checks, texts });
      } catch {
        this.place.error();
      }
    }
    this.pending.clear();
  }

  private fileOf(environment: string): string {
    return join(this.folder(), encodeURIComponent(environment), PLATFORM_FILE);
  }

  private track(environment: string, entry: Omit<PlatformEntry, 'environment'>, fresh: boolean): void {
    const tracked: PlatformEntry = { environment, ...entry };
    if (fresh) this.pending.set(environment, tracked);
    tracked.files.forEach((file, index) => this.byManifests.set(file.manifests, { entry: tracked, index }));
  }
}
