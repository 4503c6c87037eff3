#!/usr/bin/env bash
# Checks the Prometheus rules the platform generates, with Prometheus's own promtool:
#   1. `promtool check rules` on every PrometheusRule of the sample fleet (apps/) and of the
#      fixture apps in scripts/promtool-fixtures.ts (syntax, types, templates);
#   2. `promtool test rules` on test/monitoring/promtool/*.promtool.yaml, unit tests that run the
#      fixture apps' generated rules over made-up series: the fast-burn alert fires at the
#      expected minute, zero traffic gives 0 and fires nothing, a vanished target alerts, both
#      `le` spellings are one bucket, the 30-day ratio is weighted by traffic.
#
# promtool comes from $PROMTOOL, else the PATH, else Debian's `prometheus` package, downloaded
# and unpacked into a temporary folder (never installed, so no Prometheus server is started).
#
# Usage: bash scripts/promtool.sh        (from anywhere; exits non-zero on any failure)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

find_promtool() {
  if [[ -n "${PROMTOOL:-}" ]]; then echo "$PROMTOOL"; return; fi
  if command -v promtool >/dev/null 2>&1; then command -v promtool; return; fi
  echo "promtool: not on PATH; unpacking it from Debian's prometheus package" >&2
  if ! apt-cache show prometheus >/dev/null 2>&1; then
    apt-get update -qq >&2
  fi
  mkdir -p "$WORK/deb"
  chmod 0755 "$WORK" && chmod 0777 "$WORK/deb" # apt downloads as the unprivileged _apt user when it can
  # Stale package lists name a version the mirror no longer has: refresh them once and retry.
  if ! (cd "$WORK/deb" && apt-get download -qq prometheus >&2); then
    apt-get update -qq >&2
    (cd "$WORK/deb" && apt-get download -qq prometheus >&2)
  fi
  dpkg-deb -x "$WORK"/deb/prometheus_*.deb "$WORK/prometheus"
  echo "$WORK/prometheus/usr/bin/promtool"
}

PROMTOOL_BIN="$(find_promtool)"
"$PROMTOOL_BIN" --version 2>&1 | head -n 1

cd "$ROOT"
node --require ./lib/internal/register-ts.js scripts/promtool-rules.ts "$WORK/rules" >"$WORK/rule-files.txt"
mapfile -t RULE_FILES <"$WORK/rule-files.txt"
echo "promtool check rules: ${#RULE_FILES[@]} generated rule files"
"$PROMTOOL_BIN" check rules "${RULE_FILES[@]}"

# Rule unit tests name their rule files relative to themselves: run them beside the fixtures.
cp test/monitoring/promtool/*.promtool.yaml "$WORK/rules/fixtures/"
echo "promtool test rules: $(ls test/monitoring/promtool/*.promtool.yaml | wc -l) test files"
(cd "$WORK/rules/fixtures" && "$PROMTOOL_BIN" test rules ./*.promtool.yaml)
echo "promtool: generated rules check and unit tests passed"
