import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import Module, { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CODE_DIRS, CODE_ROOT } from './code-fingerprint';

/** A module specifier in TypeScript or JavaScript source: import/export ... from, import(), require(). */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;
/** File systems that keep modification times in whole seconds (or two): an edit just before the start may look older. */
const COARSE_MTIME_MS = 2000;
/** `import type ... from` and `export type ... from`: erased by the compiler, so Node never loads what they name. */
const TYPE_ONLY = /\b(?:import|export)\s+type\s+[^;'"]*?\bfrom\s*(['"])[^'"\n]+\1/g;
/** `require(name)` or `import(name)` with a computed name: what it loads cannot be known from the text. */
const COMPUTED = /\b(?:require|import)\s*\(\s*(?!['"\s])/;
const BUILTINS = new Set(builtinModules);
/** The platform's own code: in the code fingerprint already, so a closure stops there. */
const PLATFORM_CODE = CODE_DIRS.map((dir) => join(CODE_ROOT, dir) + sep);

/** A file's own part of a closure: its content hash and the files and packages it names, by absolute path. */
interface FilePart {
  readonly hash: string;
  readonly locals: string[];
  readonly packages: string[];
}

/** Why a file's part of a closure cannot be known; `passing` when it will not be so in the next run. */
interface Failure {
  readonly reason: string;
  readonly passing: boolean;
}

class Unreadable extends Error {
  constructor(
    message: string,
    readonly passing = false,
  ) {
    super(message);
  }
}

/**
 * A sha256 of the code an app file runs: its own source and that of every local module it imports,
 * transitively (by the literal specifiers of `import`, `export ... from`, `import()` and `require()`),
 * with each package it imports by name and version. The platform's own code (lib/, imports/) is left
 * out: the code fingerprint covers it. Undefined when the closure cannot be read whole (a file gone,
 * a relative import that names no file): then the app is not cached.
 *
 * This is what lets an app whose definition holds code (`customize`, `objects` as a function) be
 * cached: such a function must be a deterministic function of its inputs and of this source (it may
 * not read files, the clock or the environment; a file that requires a module by a computed name is
 * never cached, as its closure cannot be read); README,
 * "Incremental synth".
 */
export class SourceClosures {
  /** Each file's own part: its content hash and the files and packages it names, or why it cannot be keyed; by absolute path. */
  private readonly files = new Map<string, FilePart | Failure>();
  private readonly closures = new Map<string, { hash: string } | Failure>();
  private readonly versions = new Map<string, string>();

  /**
   * @param root the repository app sources are relative to
   * @param loadedSince when this process began loading app files: a file modified since may not be
   * the code that was loaded, so its closure is unknown (the app is rendered and not stored)
   */
  constructor(
    private readonly root: string,
    private readonly loadedSince: number = performance.timeOrigin,
  ) {}

  /** The hash of the closure of `source` (relative to the root), or undefined when it cannot be read (`why` says why). */
  of(source: string): string | undefined {
    const closure = this.closure(source);
    return 'hash' in closure ? closure.hash : undefined;
  }

  /**
   * Why the closure of `source` can never be read as the code stands, e.g. "apps/shop/web.ts requires or
   * imports a module by a computed name"; undefined when it can, or when what stops it passes by itself
   * (a file modified just before the run, or gone since it loaded: cached from the next run).
   */
  why(source: string): string | undefined {
    const closure = this.closure(source);
    return 'reason' in closure && !closure.passing ? closure.reason : undefined;
  }

  private closure(source: string): { hash: string } | Failure {
    if (!this.closures.has(source)) this.closures.set(source, this.compute(join(this.root, source)));
    return this.closures.get(source)!;
  }

  private compute(start: string): { hash: string } | Failure {
    const seen = new Set<string>([start]);
    const queue = [start];
    const packages = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      const own = this.file(queue[i]);
      if ('reason' in own) return own;
      for (const name of own.packages) packages.add(name);
      for (const local of own.locals) {
        if (seen.has(local)) continue;
        seen.add(local);
        queue.push(local);
      }
    }
    const hash = createHash('sha256');
    for (const file of [...seen].sort()) hash.update(`${this.name(file)}\0${(this.files.get(file) as FilePart).hash}\0`);
    // Each package with the versions of what it depends on in turn: an update of a dependency's dependency changes no direct version.
    for (const name of [...packages].sort()) hash.update(`${name}@${this.version(name, start)}\0`);
    return { hash: hash.digest('hex') };
  }

  /** A file as the key and messages name it: relative to the root, with forward slashes. */
  private name(file: string): string {
    return relative(this.root, file).split(sep).join('/');
  }

  private file(path: string): FilePart | Failure {
    if (!this.files.has(path)) {
      let part: FilePart | Failure;
      try {
        const text = readFileSync(path, 'utf8');
        // Read, then checked: an edit after the check leaves the text read the one that was loaded.
        if (statSync(path).mtimeMs >= this.loadedSince - COARSE_MTIME_MS)
          throw new Unreadable(`${this.name(path)} was modified after the app files began to load`, true);
        // Node resolves a module's imports from where the file really is: a symlinked file's from its target's folder.
        const real = realpathSync(path);
        const locals: string[] = [];
        const packages: string[] = [];
        // Data, not code: a JSON file (or a package.json the resolution read) imports nothing.
        const code = !/\.(json|node)$/.test(path);
        if (code && COMPUTED.test(text)) throw new Unreadable(`${this.name(path)} requires or imports a module by a computed name`);
        for (const [, , specifier] of code ? text.replace(TYPE_ONLY, '').matchAll(SPECIFIER) : []) {
          if (specifier.startsWith('.') || specifier.startsWith('/')) {
            const found = resolveLocal(dirname(real), specifier);
            if (found === undefined) throw new Unreadable(`${this.name(path)} imports '${specifier}', which names no file`);
            for (const file of found) if (!PLATFORM_CODE.some((dir) => file.startsWith(dir))) locals.push(file);
          } else if (!specifier.startsWith('node:') && !BUILTINS.has(specifier)) {
            // A package linked into node_modules (a workspace, `npm link`, `file:`) or found through NODE_PATH is
            // source that changes without its version: it is followed like a local module.
            const linked = linkedSource(specifier, real);
            if (linked === undefined) packages.push(packageName(specifier));
            else if (!PLATFORM_CODE.some((dir) => linked.startsWith(dir))) locals.push(linked);
          }
        }
        part = { hash: createHash('sha256').update(text).digest('hex'), locals, packages };
      } catch (error) {
        if (error instanceof Unreadable) part = { reason: error.message, passing: error.passing };
        else {
          // A file gone since it loaded passes by itself; one that cannot be read (EACCES, a folder: EISDIR) does not.
          const code = (error as { code?: unknown }).code;
          part =
            code === 'ENOENT'
              ? { reason: `${this.name(path)} is gone`, passing: true }
              : { reason: `${this.name(path)} cannot be read (${String(code ?? error)})`, passing: false };
        }
      }
      this.files.set(path, part);
    }
    return this.files.get(path)!;
  }

  /**
   * The version of a package as installed for `from`, with those of the packages it depends on, transitively
   * (`name@version` sorted; '?' for one not found). Keyed by the folder it is looked up from: nested node_modules may hold another.
   */
  private version(name: string, from: string): string {
    const key = `${dirname(from)}\0${name}`;
    if (!this.versions.has(key)) {
      const found = new Map<string, string>();
      const visit = (pkg: string, dir: string): void => {
        for (let at = dir; ; at = dirname(at)) {
          const folder = join(at, 'node_modules', pkg);
          let manifest: { version?: string; dependencies?: object; optionalDependencies?: object; peerDependencies?: object } | undefined;
          try {
            manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as typeof manifest;
          } catch {
            if (dirname(at) === at) return void found.set(`${pkg}\0${dir}`, `${pkg}@?`);
            continue;
          }
          const real = realpathSync(folder);
          if (found.has(real)) return;
          found.set(real, `${pkg}@${manifest?.version ?? '?'}`);
          for (const dep of Object.keys({ ...manifest?.dependencies, ...manifest?.optionalDependencies, ...manifest?.peerDependencies })) visit(dep, real);
          return;
        }
      };
      visit(name, dirname(from));
      this.versions.set(key, [...found.values()].sort().join(','));
    }
    return this.versions.get(key)!;
  }
}

/**
 * The file `require(specifier)` loads from `dir`, as Node's CommonJS loader finds it (the loader that
 * runs app files): the exact name, then each extension it knows in its order (.js, .json, .node, then
 * the .ts that register-ts.js adds); then a folder's package.json `main` and its `index` with the same
 * extensions. Listed first, followed by the package.json files read on the way, whose edit may change
 * which file loads. Undefined when nothing is found (or a package.json cannot be read): the loader would
 * fail too, or the closure cannot be known.
 */
function resolveLocal(dir: string, specifier: string): string[] | undefined {
  const found = resolveLikeNode(dir, specifier);
  if (found !== undefined) return found;
  // Declarations only: an import of what is only a type is erased by the compiler, so Node never loads it.
  const declarations = `${resolve(dir, specifier)}.d.ts`;
  return isFile(declarations) ? [declarations] : undefined;
}

function resolveLikeNode(dir: string, specifier: string): string[] | undefined {
  const base = resolve(dir, specifier);
  const extensions = loaderExtensions();
  // A specifier ending in a slash, or that is `.` or `..` (or ends in `/.`, `/..`), names a folder to Node, never a file.
  const file = /(?:^|[/\\])\.{0,2}$/.test(specifier) ? undefined : asFile(base, extensions);
  if (file !== undefined) return [file];
  const manifest = join(base, 'package.json');
  if (!isFile(manifest)) return oneOf(asIndex(base, extensions));
  let main: unknown;
  try {
    main = (JSON.parse(readFileSync(manifest, 'utf8')) as { main?: unknown }).main;
  } catch {
    return undefined; // Node throws on a package.json it cannot parse
  }
  if (typeof main === 'string' && main !== '') {
    const entry = resolve(base, main);
    const found = asFile(entry, extensions) ?? asIndex(entry, extensions);
    if (found !== undefined) return [found, manifest];
  }
  // A main that names no file: Node falls back to the folder's index (deprecated, DEP0128).
  const index = asIndex(base, extensions);
  return index === undefined ? undefined : [index, manifest];
}

/** Node's own extensions and those registered since, in order; .ts when this process has not loaded the hook (a test). */
function loaderExtensions(): string[] {
  const own = Object.keys((Module as unknown as { _extensions: Record<string, unknown> })._extensions);
  return own.includes('.ts') ? own : [...own, '.ts'];
}

function asFile(base: string, extensions: readonly string[]): string | undefined {
  if (isFile(base)) return base;
  for (const extension of extensions) if (isFile(base + extension)) return base + extension;
  return undefined;
}

function asIndex(folder: string, extensions: readonly string[]): string | undefined {
  for (const extension of extensions) if (isFile(join(folder, `index${extension}`))) return join(folder, `index${extension}`);
  return undefined;
}

function oneOf(file: string | undefined): string[] | undefined {
  return file === undefined ? undefined : [file];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The file a bare specifier loads from `from` when it lies outside every node_modules folder (once symlinks are followed); else undefined. */
function linkedSource(specifier: string, from: string): string | undefined {
  let file: string;
  try {
    file = realpathSync(require.resolve(specifier, { paths: [dirname(from)] }));
  } catch {
    return undefined; // not loadable from here (types only, say): keyed by name and version as before
  }
  return file.split(sep).includes('node_modules') ? undefined : file;
}
