// Lets Node's CommonJS loader require TypeScript: this repository's sources (`node -r
// ./lib/internal/register-ts.js file.ts`), and a user's apps/*.ts when the `platform` command or the
// cdk8s validation plugin runs from the installed package (there lib/ is compiled, see build/). It
// lives in lib/ because the plugin entry needs it too, and lib never requires bin/. Type checking
// is `tsc`'s job, not this file's.
//
// Kept instead of tsx, esbuild-register or jiti because it is measurably faster for `npm run synth`
// (README, "TypeScript loader"): each .ts file is transpiled alone by esbuild (tsconfig.json sets
// isolatedModules, so that is safe) and the result cached under node_modules/.cache/platform-ts (the
// node_modules that holds esbuild; or $PLATFORM_TS_CACHE), addressed by content: the source,
// tsconfig.json, esbuild's version and this file. A copy of the repository (the temporary worktree
// `platform diff` renders the base in) reuses the same entries; entries unused for a week are
// removed. On a cold cache (every CI run: `npm ci` empties node_modules) the first miss transpiles
// the whole source tree in one esbuild call, which takes half the time of one call per file.
// JavaScript loads through Node's own loader, untouched: a general-purpose runner (tsx) also scans
// every .js file for ESM syntax, 2.7 MB for cdk8s-plus-28 alone.
'use strict';

const Module = require('node:module');
const { createHash } = require('node:crypto');
const { basename, dirname, join, sep } = require('node:path');
const fs = require('node:fs');

/** The repository (or, installed, the package's build/ folder, which holds no TypeScript). */
const ROOT = join(__dirname, '..', '..');
const CACHE = process.env.PLATFORM_TS_CACHE || join(dirname(dirname(require.resolve('esbuild/package.json'))), '.cache', 'platform-ts');
/** Installed, there is no tsconfig.json beside build/: app files are transpiled for the same target. */
const DEFAULT_TSCONFIG = '{ "compilerOptions": { "target": "ES2022", "isolatedModules": true } }';
const MAX_UNUSED_MS = 7 * 24 * 3600 * 1000;
const MARK = Symbol.for('golden-path-platform.register-ts');
/** The folders whose TypeScript a run loads: transpiled together on a cold cache. */
const SOURCE_DIRS = ['lib', 'apps', 'imports'].map((dir) => join(ROOT, dir));

const OPTIONS = {
  loader: 'ts',
  format: 'cjs',
  target: 'node20',
  // Stack traces point into the .ts source. The map names the file alone, which Node resolves
  // beside the module: the same entry serves every copy of the repository.
  sourcemap: 'inline',
  sourcesContent: false,
};

let esbuild;
let fingerprint;
let pruned = false;
let batched = false;

/** Everything besides the source that decides the output, as one hash. */
function settings() {
  if (!fingerprint) {
    const tsconfigRaw = readOrUndefined(join(ROOT, 'tsconfig.json')) ?? DEFAULT_TSCONFIG;
    const hash = createHash('sha256');
    for (const part of [fs.readFileSync(__filename), require('esbuild/package.json').version, JSON.stringify(OPTIONS), tsconfigRaw])
      hash.update(part).update('\0');
    fingerprint = { tsconfigRaw, hash: hash.digest('hex') };
  }
  return fingerprint;
}

function transpile(source, filename) {
  esbuild ??= require('esbuild');
  return esbuild.transformSync(source, { ...OPTIONS, sourcefile: basename(filename), tsconfigRaw: settings().tsconfigRaw }).code;
}

function entryOf(source, filename) {
  const key = createHash('sha256').update(settings().hash).update(basename(filename)).update('\0').update(source).digest('hex');
  return join(CACHE, `${key}.js`);
}

/**
 * The JavaScript for one source file, from the cache when an earlier run transpiled the same
 * inputs, and the cache entry that holds it when there is one (`entry`, unset when the cache could
 * not be written).
 */
function compiled(source, filename) {
  const entry = entryOf(source, filename);
  try {
    return { code: fs.readFileSync(entry, 'utf8'), entry };
  } catch {
    // not cached yet
  }
  if (!batched && SOURCE_DIRS.some((dir) => filename.startsWith(dir + sep))) {
    batched = true;
    const code = isCold() ? transpileTree(filename, source) : undefined;
    if (code !== undefined) return { code, entry: fs.existsSync(entry) ? entry : undefined };
  }
  const code = transpile(source, filename);
  return { code, entry: store(entry, code) ? entry : undefined };
}

/** No cache yet (a fresh clone, or `npm ci` emptied node_modules): after an edit, one file at a time is quicker. */
function isCold() {
  try {
    return fs.readdirSync(CACHE).length === 0;
  } catch {
    return true;
  }
}

/**
 * Transpiles every uncached source file under SOURCE_DIRS in one esbuild call and caches them;
 * returns the code of `wanted` (whose content is `wantedSource`). Undefined when the batch fails
 * (a file that does not parse): then files are transpiled one by one, and only a file that is
 * required reports its error.
 */
function transpileTree(wanted, wantedSource) {
  const missing = new Map();
  let outputs;
  try {
    for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
      const source = fs.readFileSync(file, 'utf8');
      const entry = entryOf(source, file);
      if (!fs.existsSync(entry)) missing.set(file, { entry, source });
    }
    esbuild ??= require('esbuild');
    // outdir = outbase = ROOT: each output sits beside its source, so the inline map names the file alone, as transpile() does.
    const { loader: _single, ...options } = OPTIONS; // build takes loaders by extension, and .ts is already TypeScript
    outputs = esbuild.buildSync({
      ...options,
      entryPoints: [...missing.keys()],
      bundle: false,
      write: false,
      outdir: ROOT,
      outbase: ROOT,
      tsconfigRaw: settings().tsconfigRaw,
      logLevel: 'silent',
    }).outputFiles;
  } catch {
    return undefined;
  }
  let code;
  for (const output of outputs) {
    const file = output.path.replace(/\.js$/, '.ts');
    const scanned = missing.get(file);
    if (scanned === undefined) continue;
    // esbuild read the file again: store the output only under the content it was built from.
    if (readOrUndefined(file) !== scanned.source) continue;
    store(scanned.entry, output.text);
    if (file === wanted && scanned.source === wantedSource) code = output.text;
  }
  return code;
}

function readOrUndefined(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function sourceFiles(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) out.push(...sourceFiles(path));
    else if (item.name.endsWith('.ts') && !item.name.endsWith('.d.ts') && !/\.(test|spec)\.ts$/.test(item.name)) out.push(path);
  }
  return out;
}

function store(entry, code) {
  const temporary = `${entry}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    // Written aside and renamed: a concurrent run never reads half an entry.
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, entry);
    pruneOnce();
    return true;
  } catch {
    // A read-only node_modules only costs the cache.
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // there is no cache folder to clean
    }
    return false;
  }
}

/** Removes entries no run has read for a week (at most once per process, and only after a miss). */
function pruneOnce() {
  if (pruned) return;
  pruned = true;
  const now = Date.now();
  for (const name of fs.readdirSync(CACHE)) {
    const path = join(CACHE, name);
    try {
      const { atimeMs, mtimeMs } = fs.statSync(path);
      if (now - Math.max(atimeMs, mtimeMs) > MAX_UNUSED_MS) fs.rmSync(path, { force: true });
    } catch {
      // removed by a concurrent run
    }
  }
}

/**
 * Where each TypeScript module's source map is, by file: its cache entry (the transpiled code,
 * ending with the map), or the map itself when the cache could not be written. Not the code: a
 * fleet's app files are thousands of modules, and the code with its inline map, held here, in the
 * module's source and as V8's source-map URL, was 16 MB of live heap at 3,000 apps.
 */
const mapSources = new Map();
/** Each module's source map, parsed on the first stack trace through it (undefined: it has none). */
const sourceMaps = new Map();
const MAP_URL = '//# sourceMappingURL=data:application/json;base64,';

function loadTypeScript(module, filename) {
  const { code, entry } = compiled(fs.readFileSync(filename, 'utf8'), filename);
  const at = code.lastIndexOf(MAP_URL);
  if (at < 0) {
    module._compile(code, filename);
    return;
  }
  // V8 is given the code without its map comment (the last line: no line moves). Copied through a
  // buffer, as a slice of `code` would keep all of it alive in the module's source.
  mapSources.set(filename, entry ?? { map: Buffer.from(code.slice(at + MAP_URL.length).trim(), 'latin1').toString('latin1') });
  module._compile(Buffer.from(code.slice(0, at), 'utf8').toString('utf8'), filename);
}
loadTypeScript[MARK] = true;

/**
 * `require('./x')` from our sources means `./x.ts` or `./x/index.ts`. Node tries every registered
 * extension on its own; newer Node versions that strip types themselves leave `.ts` out of that
 * search, so a relative request that fails is tried again with the extension.
 */
function resolveTypeScript(original) {
  function resolveFilename(request, parent, ...rest) {
    try {
      return original.call(this, request, parent, ...rest);
    } catch (error) {
      if (error?.code !== 'MODULE_NOT_FOUND' || !/^\.\.?(\/|$)/.test(request) || /\.[cm]?[jt]s$/.test(request)) throw error;
      for (const candidate of [`${request}.ts`, `${request}/index.ts`]) {
        try {
          return original.call(this, candidate, parent, ...rest);
        } catch {
          // try the next form
        }
      }
      throw error;
    }
  }
  resolveFilename[MARK] = true;
  return resolveFilename;
}

function sourceMapOf(filename) {
  if (!sourceMaps.has(filename)) {
    let map;
    try {
      map = new Module.SourceMap(JSON.parse(Buffer.from(mapText(mapSources.get(filename)), 'base64').toString('utf8')));
    } catch {
      // an unreadable map: the frame keeps the transpiled position
    }
    sourceMaps.set(filename, map);
  }
  return sourceMaps.get(filename);
}

/** The base64 source map of `where` (a cache entry, content-addressed: the code that was loaded). */
function mapText(where) {
  if (typeof where !== 'string') return where.map;
  const code = fs.readFileSync(where, 'utf8');
  return code.slice(code.lastIndexOf(MAP_URL) + MAP_URL.length).trim();
}

/** One frame of a stack trace, at its .ts line and column when it is in a TypeScript module. */
function frameOf(site) {
  const text = String(site);
  const file = site.getFileName();
  if (!file || !mapSources.has(file)) return text;
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  const entry = sourceMapOf(file)?.findEntry(line - 1, column - 1);
  if (entry?.originalLine === undefined) return text;
  const generated = `${file}:${line}:${column}`;
  const at = text.lastIndexOf(generated);
  return at < 0 ? text : `${text.slice(0, at)}${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}${text.slice(at + generated.length)}`;
}

/**
 * Stack traces name .ts lines, as Node's `--enable-source-maps` would, but a module's map is only
 * read when a trace passes through it. Node's own source maps (process.setSourceMapsEnabled) parse
 * every module's map and measure every line of its code as it loads: 60 ms of a sample synth's
 * CPU, for traces a run that succeeds never prints.
 */
function prepareStackTrace(error, sites) {
  let header;
  try {
    header = Error.prototype.toString.call(error);
  } catch {
    header = '<error>';
  }
  return header + sites.map((site) => `\n    at ${frameOf(site)}`).join('');
}

// Installed over any other .ts handler, including Node's own type stripping (Node >= 23.6), which
// rejects TypeScript-only syntax such as constructor parameter properties.
if (!Module._extensions['.ts']?.[MARK]) {
  Module._extensions['.ts'] = loadTypeScript;
  if (!Module._resolveFilename[MARK]) Module._resolveFilename = resolveTypeScript(Module._resolveFilename);
  Error.prepareStackTrace = prepareStackTrace; // replaces Node's default (Node 20 exposes it as a function too)
}
