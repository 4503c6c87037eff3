#!/usr/bin/env bash
# The supported Node lines, each tested the way a user runs it: the machine's Node (20) and the
# LTS lines 22 and 24. Per line: `npm test` (the README's test command) and `npm run synth` into a
# folder of its own; then every line's tree must be byte-identical to the machine's. Called by
# .ci/run after `npm ci`; fails on the first line that breaks.
#
# The extra lines come from the npm registry, no other host: the `node` package's preinstall runs
# `npm install node-<platform>-<arch>@<version>`, whose tarball holds the official binary. One
# install of node_modules serves every line: no dependency builds a native addon with node-gyp (the
# two prebuilt addons, knip's oxc parser and resolver, use N-API, stable across Node versions;
# esbuild's binary is a separate executable).
#
# Usage: bash scripts/node-lines.sh [MAJOR...]   (default: 22 24; the machine's Node always runs)
# PLATFORM_NODE_LINES_DIR: where to install the extra lines (default: a temporary folder, removed
# at exit). The jest test that runs the TypeScript loader on each line reads PLATFORM_TEST_NODES,
# which this script sets to the extra binaries' paths.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then majors=("$@"); else majors=(22 24); fi

work="$(mktemp -d "${TMPDIR:-/tmp}/node-lines-XXXXXX")"
trap 'rm -rf "$work"' EXIT
lines_dir="${PLATFORM_NODE_LINES_DIR:-$work/nodes}"

section() { printf '\n== %s\n' "$*"; }

binaries=()
for major in "${majors[@]}"; do
  section "Node $major: install node@$major from the npm registry into $lines_dir/node$major"
  npm install --no-audit --no-fund --no-save --loglevel=error --prefix "$lines_dir/node$major" "node@$major"
  bin="$lines_dir/node$major/node_modules/node/bin/node"
  got="$("$bin" -p 'process.versions.node')"
  if [ "${got%%.*}" != "$major" ]; then
    echo "node@$major installed Node $got" >&2
    exit 1
  fi
  echo "Node $got at $bin"
  binaries+=("$bin")
done
export PLATFORM_TEST_NODES="$(IFS=:; echo "${binaries[*]}")"

# One pass per line: the machine's node first, then each installed one first on PATH (npm, jest and
# every process the tests spawn then run on it).
run_line() {
  local label="$1" path_prefix="$2"
  (
    [ -z "$path_prefix" ] || export PATH="$path_prefix:$PATH"
    section "Node $(node -p 'process.versions.node') ($label): npm test"
    npm test
    section "Node $(node -p 'process.versions.node') ($label): npm run synth -- --out <temporary folder>"
    npm run synth --silent -- --out "$work/dist-$label"
  )
}

run_line machine ''
labels=()
for i in "${!majors[@]}"; do
  run_line "node${majors[$i]}" "$(dirname "${binaries[$i]}")"
  labels+=("node${majors[$i]}")
done

section "dist/ is byte-identical on every Node line"
status=0
for label in "${labels[@]}"; do
  if diff -r "$work/dist-machine" "$work/dist-$label" > "$work/diff-$label"; then
    echo "$label: identical to the machine's Node ($(find "$work/dist-$label" -type f | wc -l) files)"
  else
    head -50 "$work/diff-$label"
    echo "$label: dist/ differs from the machine's Node's" >&2
    status=1
  fi
done
exit "$status"
