// V8's code cache for Node 20, which lacks Node 22's module.enableCompileCache(): the bytecode of
// every CommonJS module (cdk8s-plus-28's 2.7 MB of generated classes, the 3.9 MB of precompiled
// validators, the CRD imports, lib's transpiled TypeScript, and the small ones: measured, even
// yaml's 145 files of a few KB load faster from the cache) is kept between runs, so a run
// deserializes it instead of parsing and compiling it again. bin/platform turns it on.
//
// Entries are addressed by a hash of the module's path and code (never by its mtime: an edited file
// is a new key, so stale code cannot run; the path because V8 keeps the file name the data was made
// under, which stack traces would show) and live in one folder per V8 version, since V8 refuses
// data of another version anyway. An entry starts with a hash of its data: V8 checks only the
// length of the source and its own version and flags, so a damaged entry is caught here and is a
// miss. Data is taken at exit, after the run compiled the functions it called, written aside and
// renamed (a concurrent run never reads half an entry); a folder that cannot be written (a
// read-only node_modules) only costs the cache. Entries no run read for a week are removed.
'use strict';

const Module = require('node:module');
const vm = require('node:vm');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { dirname, join } = require('node:path');
const { threadId } = require('node:worker_threads');

const MAX_UNUSED_MS = 7 * 24 * 3600 * 1000;
const MARK = Symbol.for('golden-path-platform.code-cache');
const DIGEST_BYTES = 32;
/** The module wrapper on a line of its own (lineOffset -1), so line and column numbers stay the file's. */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_END = '\n})';

const digest = (data) => createHash('sha256').update(data).digest();

/** The bytecode stored for `key`, or undefined (none, or damaged). */
function read(file) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length <= DIGEST_BYTES) return undefined;
  const data = bytes.subarray(DIGEST_BYTES);
  return digest(data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

function write(file, data) {
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    fs.mkdirSync(dirname(file), { recursive: true });
    fs.writeFileSync(temporary, Buffer.concat([digest(data), data]));
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

/** Removes entries (of any V8 version) that no run read or wrote for a week. */
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

/** $PLATFORM_CODE_CACHE, else beside the TypeScript loader's cache in the node_modules that holds esbuild. */
function defaultRoot() {
  return process.env.PLATFORM_CODE_CACHE || join(dirname(dirname(require.resolve('esbuild/package.json'))), '.cache', 'platform-v8');
}

/**
 * Compiles CommonJS modules through the code cache in `root` (a folder per V8 version is made
 * under it). A module V8 will not compile as a script (ES module syntax, a syntax error) goes
 * through Node's own compiler, which loads it or reports the error. Returns false when it was
 * already on.
 */
function enableCodeCache(root = defaultRoot()) {
  const compile = Module.prototype._compile;
  if (compile[MARK]) return false;
  const dir = join(root, process.versions.v8);
  /** Scripts compiled without usable data this run: their data is written at exit. */
  const misses = [];

  function compileCached(content, filename, ...rest) {
    if (typeof content !== 'string') return compile.call(this, content, filename, ...rest);
    const entry = join(dir, createHash('sha256').update(filename).update('\0').update(content).digest('hex'));
    const cachedData = read(entry);
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
    if (cachedData === undefined || script.cachedDataRejected) misses.push({ entry, script });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  }
  compileCached[MARK] = true;
  Module.prototype._compile = compileCached;

  process.once('exit', () => {
    let wrote = false;
    for (const { entry, script } of misses) wrote = write(entry, script.createCachedData()) || wrote;
    if (wrote) prune(root);
  });
  return true;
}

module.exports = { enableCodeCache };
