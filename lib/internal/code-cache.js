// V8's code cache for Node 20, which lacks Node 22's module.enableCompileCache(): the bytecode of
// every CommonJS module (cdk8s-plus-28's 2.7 MB of generated classes, the 3.9 MB of precompiled
// validators, the CRD imports, lib's transpiled TypeScript, and the small ones: measured, even
// yaml's 145 files of a few KB load faster from the cache) is kept between runs, so a run
// deserializes it instead of parsing and compiling it again. bin/platform turns it on.
//
// Entries are addressed by a hash of the module's path and code (never by its mtime: an edited file
// is a new key, so stale code cannot run; the path because V8 keeps the file name the data was made
// under, which stack traces would show). They live in pack files per V8 version (V8 refuses data
// of another version anyway; the platform's code and a repository's app files apart: `packOf`): one read per run, and one write after a run that missed, where a
// file per module cost ~0.5 ms of CPU per file written (0.25 s for a first synth). Each entry
// carries a hash of its data: V8 checks only the length of the source and its own version and
// flags, so a damaged entry is caught here and is a miss (unchecked, it crashed the process in a
// test). Data is taken at exit, after the run compiled the functions it called; the pack is written
// aside and renamed, so a concurrent run reads the old pack or the new one, and concurrent writers
// only lose each other's additions. A folder that cannot be written (a read-only node_modules) only
// costs the cache. Entries no run used for a week are dropped, and the pack is kept to three times
// what the run that writes it uses.
'use strict';

const Module = require('node:module');
const vm = require('node:vm');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { basename, dirname, join, sep } = require('node:path');
const { threadId } = require('node:worker_threads');

const MAX_UNUSED_MS = 7 * 24 * 3600 * 1000;
const MARK = Symbol.for('golden-path-platform.code-cache');
const PACK = 'pack';
/** The module wrapper on a line of its own (lineOffset -1), so line and column numbers stay the file's. */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_END = '\n})';

const digest = (data) => createHash('sha256').update(data).digest('hex');

/**
 * The pack's entries: key -> { data, length, usedAt, sum }. The pack is a 4-byte header length, a
 * JSON header (key -> [offset, length, usedAt, sha256 of the data]) and the data. Only the header is
 * read up front: an entry's data is read when it is used (a warm synth uses a tenth of a pack that
 * also holds what a cold one compiles: cdk8s-plus-28, the validators), through a descriptor kept
 * open until `close()`, so a concurrent run's rename cannot swap the bytes under it. It is read
 * again, not kept, when the pack is written at exit: kept, the data of every module a synth used
 * stayed in memory to the end (13 MB at 3,000 apps, most of it the app files'). An entry's data is
 * checked when it is used; a pack that does not read back is empty.
 */
function readPack(file) {
  const entries = new Map();
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const headerLength = readAt(fd, 0, 4).readUInt32LE(0);
    const header = JSON.parse(readAt(fd, 4, headerLength).toString('utf8'));
    const base = 4 + headerLength;
    for (const [key, [offset, length, usedAt, sum]] of Object.entries(header)) {
      if (base + offset + length > size) continue;
      entries.set(key, {
        length,
        usedAt,
        sum,
        get data() {
          return readAt(fd, base + offset, length);
        },
      });
    }
  } catch {
    // no pack yet, or not one this code wrote
    entries.clear();
  }
  const close = () => {
    if (fd === undefined) return;
    try {
      fs.closeSync(fd);
    } catch {
      // closed already
    }
    fd = undefined;
  };
  return { entries, close };
}

/** `length` bytes of the open file at `position` (fewer when the file is shorter: the entry's sum then fails). */
function readAt(fd, position, length) {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = fs.readSync(fd, buffer, read, length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return read === length ? buffer : buffer.subarray(0, read);
}

/** Writes `entries` (key -> { data, usedAt, sum }) as the pack, aside and renamed. */
function writePack(file, entries) {
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    const header = {};
    let offset = 0;
    for (const [key, { data, usedAt, sum }] of entries) {
      header[key] = [offset, data.length, usedAt, sum];
      offset += data.length;
    }
    const json = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length);
    fs.mkdirSync(dirname(file), { recursive: true });
    fs.writeFileSync(temporary, Buffer.concat([length, json, ...[...entries.values()].map((e) => e.data)]));
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
    return false;
  }
}

/** Removes what no run read or wrote for a week: the packs of other V8 versions, a crashed run's temporary file. */
function prune(root, now = Date.now()) {
  let versions;
  try {
    versions = fs.readdirSync(root);
  } catch {
    return;
  }
  for (const version of versions) {
    let names;
    try {
      names = fs.readdirSync(join(root, version));
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(root, version, name);
      try {
        const { atimeMs, mtimeMs } = fs.statSync(path);
        if (now - Math.max(atimeMs, mtimeMs) > MAX_UNUSED_MS) fs.rmSync(path, { force: true });
      } catch {
        // removed by a concurrent run
      }
    }
  }
}

/** What Node's loader hands a module as `require` (lib/internal/modules/helpers.js, makeRequireFunction). */
function requireFor(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * Which pack `platform` keeps a module in: installed packages and the platform's own code, which
 * change with an install or an upgrade, in `pack`; a repository's app files in one of
 * sixteen small packs, `apps-<hex digit>`, by a hash of the file's name. Apart, an edited app
 * file (a miss) makes the run write one small pack again at exit, not the large one: in one pack,
 * each one-app change rewrote ~13 MB (~60 ms of a one-app-change synth), and in one pack of every
 * app file still ~5 MB (~0.1 s) at 1,000 apps. By the file's name, not its path, so a copy of the
 * repository (the folder `platform diff` renders the base in) uses the same packs, whose size
 * `write` bounds. Not cached at all, 1,000 app files compiled in ~45 ms more per run.
 */
function packOf(filename) {
  if (filename.includes(`${sep}node_modules${sep}`) || PLATFORM_DIRS.some((dir) => filename.startsWith(dir))) return PACK;
  return `apps-${createHash('sha256').update(basename(filename)).digest('hex').slice(0, 1)}`;
}
/** The platform's package: lib/ (or build/ when installed), imports/ and bin/ beside this file's lib/internal/. */
const PLATFORM_DIRS = ['lib', 'build', 'imports', 'bin'].map((dir) => join(__dirname, '..', '..', dir) + sep);

/** $PLATFORM_CODE_CACHE, else beside the TypeScript loader's cache in the node_modules that holds esbuild. */
function defaultRoot() {
  return process.env.PLATFORM_CODE_CACHE || join(dirname(dirname(require.resolve('esbuild/package.json'))), '.cache', 'platform-v8');
}

/**
 * Compiles CommonJS modules through the code cache in `root` (a folder per V8 version is made
 * under it). A module V8 will not compile as a script (ES module syntax, a syntax error) goes
 * through Node's own compiler, which loads it or reports the error. `packOf(filename)` names the
 * pack a module is kept in (default: one pack); each pack is read on first use and written again
 * at exit only when the run missed in it. Returns false when it was already on.
 */
function enableCodeCache(root = defaultRoot(), { packOf = () => PACK } = {}) {
  const compile = Module.prototype._compile;
  if (compile[MARK]) return false;
  /** Name -> the pack's stored entries, and what this run used of it: key -> the stored entry (a hit) or the script to take data from at exit (a miss). */
  const packs = new Map();
  const open = (name) => {
    let pack = packs.get(name);
    if (!pack) {
      const file = join(root, process.versions.v8, name);
      packs.set(name, (pack = { file, ...readPack(file), used: new Map(), missed: false }));
    }
    return pack;
  };

  function compileCached(content, filename, ...rest) {
    if (typeof content !== 'string') return compile.call(this, content, filename, ...rest);
    const pack = open(packOf(filename));
    const key = createHash('sha256').update(filename).update('\0').update(content).digest('hex');
    const entry = pack.entries.get(key);
    const data = entry?.data;
    const cachedData = data !== undefined && digest(data) === entry.sum ? data : undefined;
    let script;
    try {
      script = new vm.Script(WRAPPER_START + content + WRAPPER_END, {
        filename,
        lineOffset: -1,
        cachedData,
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      return compile.call(this, content, filename, ...rest); // Node reports the syntax error, or loads an ES module its own way
    }
    const hit = cachedData !== undefined && !script.cachedDataRejected;
    pack.used.set(key, hit ? entry : { script });
    pack.missed ||= !hit;
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  }
  compileCached[MARK] = true;
  Module.prototype._compile = compileCached;

  process.once('exit', () => {
    let wrote = false;
    for (const pack of packs.values()) wrote = (pack.missed ? write(pack) : pack.close()) || wrote;
    if (wrote) prune(root);
  });
  return true;
}

/**
 * A pack a run missed in, written again: this run's modules, then the most recently used of the
 * others (another command's, another copy of the repository's) that a run used within the week,
 * up to twice this run's own size: `platform diff` synthesizes the base from a new temporary
 * folder each time, whose entries must not pile up. True when it was written.
 */
function write({ file, entries, close, used }) {
  const now = Date.now();
  const next = new Map();
  let room = 0;
  for (const [key, entry] of used) {
    const data = entry.script ? entry.script.createCachedData() : entry.data;
    next.set(key, { data, usedAt: now, sum: entry.script ? digest(data) : entry.sum });
    room += 2 * data.length;
  }
  const others = [...entries].filter(([key, entry]) => !next.has(key) && now - entry.usedAt <= MAX_UNUSED_MS);
  for (const [key, entry] of others.sort((a, b) => b[1].usedAt - a[1].usedAt)) {
    if (entry.length > room) break;
    room -= entry.length;
    next.set(key, { data: entry.data, usedAt: entry.usedAt, sum: entry.sum });
  }
  // Every byte kept is read now: the descriptor closes before the pack is replaced.
  close();
  return writePack(file, next);
}

module.exports = { enableCodeCache, packOf };
