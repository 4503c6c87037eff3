// Lets Node's CommonJS loader require this repository's TypeScript: `require('./register-ts')`, or
// `node -r ./bin/register-ts.js file.ts`. There is no build step; type checking is `npm test`'s job.
//
// Each .ts file is transpiled alone by esbuild (tsconfig.json sets isolatedModules, so that is
// safe) and the result cached under node_modules/.cache (or $PLATFORM_TS_CACHE), one entry per
// source file, reused while the source, tsconfig.json and esbuild are unchanged. JavaScript loads through Node's own loader,
// untouched: a general-purpose runner (tsx) also scans every .js file for ESM syntax, 2.7 MB for
// cdk8s-plus-28 alone, which cost about a fifth of a sample synth.
'use strict';

const Module = require('node:module');
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const CACHE = process.env.PLATFORM_TS_CACHE || join(ROOT, 'node_modules', '.cache', 'platform-ts');
const LOADER_VERSION = '1'; // bump when the options below change shape

let esbuild;
let settings;

/** The transform options and the fingerprint of everything besides the source that decides the output. */
function transformSettings() {
  if (settings) return settings;
  const tsconfigRaw = readFileSync(join(ROOT, 'tsconfig.json'), 'utf8');
  const esbuildVersion = require('esbuild/package.json').version;
  const fingerprint = [LOADER_VERSION, esbuildVersion, tsconfigRaw].join('\0');
  settings = { tsconfigRaw, fingerprint };
  return settings;
}

function transpile(source, filename) {
  esbuild ??= require('esbuild');
  return esbuild.transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    sourcemap: 'inline', // stack traces point into the .ts source (see setSourceMapsEnabled below)
    sourcesContent: false,
    tsconfigRaw: transformSettings().tsconfigRaw,
  }).code;
}

/** The JavaScript for one source file, from the cache when its first line names the same inputs. */
function compiled(source, filename) {
  const key = createHash('sha256').update(transformSettings().fingerprint).update('\0').update(source).digest('hex');
  const entry = join(CACHE, `${createHash('sha256').update(filename).digest('hex').slice(0, 32)}.js`);
  try {
    const cached = readFileSync(entry, 'utf8');
    const newline = cached.indexOf('\n');
    if (cached.slice(0, newline) === `//${key}`) return cached.slice(newline + 1);
  } catch {
    // not cached yet
  }
  const code = transpile(source, filename);
  try {
    mkdirSync(CACHE, { recursive: true });
    // Written aside and renamed: a concurrent run never reads half an entry.
    const temporary = `${entry}.${process.pid}.tmp`;
    writeFileSync(temporary, `//${key}\n${code}`);
    renameSync(temporary, entry);
  } catch {
    // A read-only node_modules only costs the cache.
  }
  return code;
}

if (!Module._extensions['.ts']) {
  Module._extensions['.ts'] = function loadTypeScript(module, filename) {
    module._compile(compiled(readFileSync(filename, 'utf8'), filename), filename);
  };
  process.setSourceMapsEnabled(true);
}
