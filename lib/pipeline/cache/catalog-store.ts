import { createHash } from 'node:crypto';
import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogFilesMemo } from '../../catalog/catalog-files';
import { ResolvedApp } from '../../model/resolved-app';
import { readSummedJson, writeSummedJson } from './summed-file';

/** Names the format in every file: a file of another format is not read. */
const FILE_FORMAT = 'golden-path-catalog/2';
/** In every key: bumped when what a key covers changes. */
const KEY_FORMAT = 'catalog-1';
/** The catalog's folder beside the environments' (an environment is a DNS label: never `_catalog`). */
const FOLDER = '_catalog';
const DAY_MS = 24 * 3600 * 1000;

/** One team's file: its Components' texts as stored, and those this run used or made. */
interface TeamFile {
  readonly path: string;
  readonly stored: ReadonlyMap<string, string>;
  readonly used: Map<string, string>;
}

/**
 * The render cache's part for the Backstage catalog (`catalogFiles`): each Component file's text
 * under a key of the keys of its app's renderings and what else it reads, so a warm synth does
 * not emit the catalog of the whole fleet again, and a one-app change emits that app's Component
 * (and those whose dependencies it changed).
 *
 * A rendering's key is the one its resolution got (`ResolveMemo.keyOf`: its resolution alone's key,
 * which decides every value of it, plus what the dependencies changed), made anyway while resolving,
 * so keying costs one small hash per Component instead of a walk of every resolved app. An app
 * resolved without that key (its definition holds code) makes its Component every run.
 *
 * One JSON file per team, `<folder>/_catalog/<team>.json`, holding exactly the entries the last
 * run that changed it used: a one-app change rewrites one small file. Never a source of truth: a
 * file that does not read back is a miss, and files are written (atomically) only by `store`.
 */
export class CatalogStore implements CatalogFilesMemo {
  private readonly files = new Map<string, TeamFile>();

  /**
   * @param folder the render cache's folder for this code version
   * @param appKey the key of a resolved app, when it has one
   */
  constructor(
    private readonly folder: () => string,
    private readonly appKey: (app: ResolvedApp) => string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  catalogKey(renderings: readonly ResolvedApp[], parts: readonly unknown[]): string | undefined {
    const keys: string[] = [];
    for (const app of renderings) {
      const key = this.appKey(app);
      if (key === undefined) return undefined;
      keys.push(key);
    }
    // Plain JSON: the keys are hex and `parts` strings and nulls (catalogFiles), so the text says what it was made of.
    return createHash('sha256')
      .update(JSON.stringify([KEY_FORMAT, keys, parts]))
      .digest('hex');
  }

  catalogFile(team: string, key: string): string | undefined {
    const file = this.file(team);
    const text = file.stored.get(key);
    if (text !== undefined) file.used.set(key, text);
    return text;
  }

  renderedCatalogFile(team: string, key: string, text: string): void {
    this.file(team).used.set(key, text);
  }

  /** Writes the teams' files whose entries this run changed, holding exactly the entries it used. */
  store(): void {
    for (const file of this.files.values()) {
      const same = file.used.size === file.stored.size && [...file.used.keys()].every((key) => file.stored.has(key));
      if (same) continue;
      const entries = Object.fromEntries([...file.used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      try {
        writeSummedJson(file.path, FILE_FORMAT, entries);
      } catch {
        // A catalog that cannot be stored is only made again.
      }
    }
    // Stored, then forgotten: a second store in this run (one per environment written) writes nothing, and the texts
    // (~1.6 KB an app) are not held while the environments render. A later read reads the file again.
    this.files.clear();
  }

  private file(team: string): TeamFile {
    let file = this.files.get(team);
    if (!file) {
      const path = join(this.folder(), FOLDER, `${encodeURIComponent(team)}.json`);
      file = { path, stored: readTeamFile(path, this.now()), used: new Map() };
      this.files.set(team, file);
    }
    return file;
  }
}

/**
 * A team's stored texts by key; empty when the file is missing, of another format or damaged. A
 * file read a day after its last write is touched, so the render cache's prune sees it in use.
 */
function readTeamFile(path: string, now: number): Map<string, string> {
  // A file that is not whole (its sum tells) holds nothing: its texts go to dist/ as they are.
  const entries = readSummedJson(path, FILE_FORMAT);
  if (entries === undefined || entries === null || typeof entries !== 'object' || Array.isArray(entries)) return new Map();
  const texts = new Map<string, string>();
  for (const [key, text] of Object.entries(entries)) {
    // One entry that is not a text makes the file no file: it was not written by `store`.
    if (typeof text !== 'string') return new Map();
    texts.set(key, text);
  }
  try {
    if (now - statSync(path).mtimeMs > DAY_MS) utimesSync(path, new Date(now), new Date(now));
  } catch {
    // Only pruned sooner.
  }
  return texts;
}
