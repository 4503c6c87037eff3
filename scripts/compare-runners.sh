#!/usr/bin/env bash
# Compares TypeScript runners for the synth entry (apps/main.ts): median wall time of 5 runs each.
# Used to choose cdk8s.yaml's `app:` runner; see the README. Rewrites dist/ with the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
median() { sort -n | sed -n 3p; }
run() {
  local label="$1"; shift
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
    echo "scale=3; ($end - $start) / 1000000000" | bc
  done | median | xargs printf "%-28s %ss\n" "$label"
}
run "bin/register-ts.js (esbuild, cached)" node --require ./bin/register-ts.js apps/main.ts
run "tsx (transpile only)" node_modules/.bin/tsx apps/main.ts
run "ts-node (type-checking)" node_modules/.bin/ts-node apps/main.ts
run "ts-node --transpile-only" node_modules/.bin/ts-node --transpile-only apps/main.ts
