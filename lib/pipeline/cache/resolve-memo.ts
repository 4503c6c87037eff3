import { createHash } from 'node:crypto';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { SourcedApp } from '../../model/app-definition';
import { ResolvedApp } from '../../model/resolved-app';
import { ResolvedEnvironment } from '../../model/resolved-environment';
import { ResolutionMemo } from '../../environments/resolve-environment-apps';
import { Release } from '../../environments/resolve-image';
import { contentKey } from './content-key';
import { writeAtomically } from './write-atomically';

/** Names the format in every file's header: a file of another format is not read at all. */
const FILE_FORMAT = 'golden-path-resolved/1';
/** In every key: bumped when what a key covers changes. */
const KEY_FORMAT = 'resolved-1';
const DAY_MS = 24 * 3600 * 1000;

/**
 * Resolution reads the time zone database (a scheduled task's `timeZone`) from Node's ICU, which the
 * platform's code fingerprint does not cover: a Node upgrade resolves afresh.
 */
const RUNTIME = `${process.versions.node}/${process.versions.icu ?? ''}/${process.versions.tz ?? ''}`;

/** One file: an environment's team, the resolutions of its apps as stored, and what this run keeps of it. */
interface MemoFile {
  readonly path: string;
  /** Stored entries by key, as bytes: decoded only when hit. */
  readonly stored: ReadonlyMap<string, Buffer>;
  /** This run's entries (hits and fresh resolutions), written back when they differ from `stored`. */
  readonly used: Map<string, Buffer>;
}

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
 * Stored as V8's structured serialization, which gives back exactly the values written (undefined
 * fields and shared references included; JSON would drop the first), one file per environment and
 * team beside the render cache's packs: `<folder>/<environment>/<team>.resolved`. Never a source
 * of truth: a file that does not read back whole is a miss, and files are written (atomically)
 * only by `store`, after a synth succeeded.
 */
export class ResolveMemo implements ResolutionMemo {
  readonly stats = { hits: 0, misses: 0 };
  private readonly files = new Map<string, MemoFile>();
  /** The file being read: resolution goes environment by environment, team by team. */
  private current?: MemoFile;
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
    const key = this.keyAlone(sourced, env, release);
    const team = sourced.definition.team;
    if (key === undefined || typeof team !== 'string') return resolve();
    const file = this.file(join(this.folder, encodeURIComponent(env.name), `${encodeURIComponent(team)}.resolved`));
    const stored = file.stored.get(key);
    const hit = stored && decoded(stored);
    if (hit) {
      this.stats.hits++;
      file.used.set(key, stored);
      this.keys.set(hit, key);
      return hit;
    }
    this.stats.misses++;
    const app = resolve();
    // Serialized now: later stages share its parts and must not be able to change what is stored.
    file.used.set(key, serialize(app));
    this.keys.set(app, key);
    return app;
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
      const same = file.used.size === file.stored.size && [...file.used.keys()].every((key) => file.stored.has(key));
      if (same) continue;
      try {
        writeMemoFile(
          file.path,
          [...file.used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        );
      } catch {
        // A memo that cannot be written is only slower.
      }
    }
    this.files.clear();
    this.current = undefined;
  }

  private file(path: string): MemoFile {
    if (this.current?.path === path) return this.current;
    let file = this.files.get(path);
    if (!file) {
      file = { path, stored: readMemoFile(path, this.now()), used: new Map() };
      this.files.set(path, file);
    }
    this.current = file;
    return file;
  }

  private keyAlone(sourced: SourcedApp, env: ResolvedEnvironment, release: Release | undefined): string | undefined {
    if (!this.environmentKeys.has(env)) this.environmentKeys.set(env, contentKey([env]));
    const environment = this.environmentKeys.get(env);
    const definition = this.definitionKey(sourced);
    if (environment === undefined || definition === undefined) return undefined;
    return contentKey([KEY_FORMAT, RUNTIME, definition, environment, release ?? null]);
  }

  /** The definition with its source, and the definitions it points at (each with its own, not theirs in turn). */
  private definitionKey(sourced: SourcedApp): string | undefined {
    const { definition } = sourced;
    if (!this.definitionKeys.has(definition)) {
      const own = this.shallow(definition, sourced.source);
      let key: string | undefined;
      if (own) {
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
 * plain objects, the final's keys in order and the changes under each key that differs; otherwise
 * the final value whole.
 */
function changes(alone: unknown, final: unknown): unknown {
  if (alone === final) return undefined;
  if (!isPlain(alone) || !isPlain(final)) return { value: final === undefined ? { $undefined: true } : final };
  const under: Record<string, unknown> = {};
  for (const key of Object.keys(final)) {
    if (final[key] !== alone[key] || !(key in alone)) under[key] = changes(key in alone ? alone[key] : Symbol.for('absent'), final[key]);
  }
  return { keys: Object.keys(final), under };
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // Any realm's Object.prototype, as content-key.ts sees it: V8 deserializes into the main realm, which a test's is not.
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** A stored resolution, or undefined when it does not read back as an object (a miss). */
function decoded(bytes: Buffer): ResolvedApp | undefined {
  try {
    const value = deserialize(bytes) as unknown;
    return value !== null && typeof value === 'object' ? (value as ResolvedApp) : undefined;
  } catch {
    return undefined;
  }
}

interface Header {
  readonly format: string;
  readonly bytes: number;
  /** sha256 of the body: a file of the right length whose blocks were lost is no file. */
  readonly sha256: string;
  /** Key and length of each entry, in the body's order. */
  readonly entries: [string, number][];
}

/** A file's entries by key; empty when it is missing, of another format or not whole. A file read a day after its last write is touched, so pruning sees it in use. */
function readMemoFile(path: string, now: number): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return entries;
  }
  try {
    const end = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.toString('utf8', 0, end)) as Header;
    const body = bytes.subarray(end + 1);
    if (header?.format !== FILE_FORMAT || body.length !== header.bytes || digest(body) !== header.sha256) return entries;
    let at = 0;
    for (const [key, length] of header.entries) entries.set(key, body.subarray(at, (at += length)));
    if (at !== body.length) return new Map();
    if (now - statSync(path).mtimeMs > DAY_MS) utimesSync(path, new Date(now), new Date(now));
  } catch {
    return new Map();
  }
  return entries;
}

function writeMemoFile(path: string, entries: readonly [string, Buffer][]): void {
  const body = Buffer.concat(entries.map(([, bytes]) => bytes));
  const header: Header = { format: FILE_FORMAT, bytes: body.length, sha256: digest(body), entries: entries.map(([key, bytes]) => [key, bytes.length]) };
  writeAtomically(path, [`${JSON.stringify(header)}\n`, body]);
}

function digest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
