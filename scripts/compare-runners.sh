#!/usr/bin/env bash
# Compares TypeScript loaders for `platform synth` run from this repository's sources (every lib/,
# apps/ and imports/ file goes through the loader): wall and CPU (user + system) seconds, median,
# min and max of RUNS runs each, with a warm cache (as on a laptop) and a cold one (as in CI, where
# `npm ci` empties node_modules/.cache). Used to choose the loader; see the README, "TypeScript
# loader". Rewrites dist/ with the same bytes. Usage: scripts/compare-runners.sh [runs] [loader...]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-7}"; shift || true
ROOT="$PWD"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SYNTH="process.exitCode = LOAD('$ROOT/lib/cli/main.ts').main(['--root', '$ROOT', 'synth'])"
declare -A ENTRY=(
  [register-ts]="require('$ROOT/lib/internal/register-ts.js'); const LOAD = require; $SYNTH"
  [tsx]="require('tsx/cjs/api').register(); const LOAD = require; $SYNTH"
  [esbuild-register]="require('esbuild-register/dist/node').register({ target: 'node20' }); const LOAD = require; $SYNTH"
  [jiti]="const LOAD = require('jiti').createJiti('$ROOT/', { fsCache: process.env.JITI_CACHE_DIR }); $SYNTH"
)
LOADERS=("${@:-register-ts tsx esbuild-register jiti}")
# shellcheck disable=SC2206
LOADERS=(${LOADERS[*]})

# Each run gets the caches of its mode: a fresh folder per run when cold, one shared folder when warm.
# register-ts caches in $PLATFORM_TS_CACHE, tsx in $TMPDIR, jiti where its fsCache option says; esbuild-register has none.
once() {
  local loader="$1" cache="$2"
  mkdir -p "$cache"
  env PLATFORM_TS_CACHE="$cache/register-ts" TMPDIR="$cache" JITI_CACHE_DIR="$cache/jiti" \
    /usr/bin/time -f '%e %U %S' -o "$WORK/time" node -e "${ENTRY[$loader]}" >/dev/null
  cat "$WORK/time"
}
stats() { # reads "wall user sys" lines; prints median (min..max) of wall and of CPU
  python3 -c '
import statistics, sys
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
wall = [r[0] for r in rows]; cpu = [r[1] + r[2] for r in rows]
f = lambda xs: "%.2f s (%.2f..%.2f)" % (statistics.median(xs), min(xs), max(xs))
print("wall %s  cpu %s  n=%d" % (f(wall), f(cpu), len(rows)))'
}
for loader in "${LOADERS[@]}"; do
  once "$loader" "$WORK/warm-$loader" >/dev/null # fills the warm cache
  printf '%-17s warm  ' "$loader"
  for _ in $(seq "$RUNS"); do once "$loader" "$WORK/warm-$loader"; done | stats
  printf '%-17s cold  ' "$loader"
  for i in $(seq "$RUNS"); do once "$loader" "$WORK/cold-$loader-$i"; rm -rf "$WORK/cold-$loader-$i"; done | stats
done
