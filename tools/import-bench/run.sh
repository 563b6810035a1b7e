#!/usr/bin/env bash
# Times `ccotel import` against `ccusage daily` (npm ccusage 18) on the same generated year of heavy
# Claude Code use (issue 25: the first import at least 3x faster than ccusage daily; a re-run over
# unchanged files at most 0.5 s), with farm-bench, pair by pair. Record the medians in
# docs/PERFORMANCE.md ("Importing transcripts").
#
#   tools/import-bench/run.sh [WORKDIR] [SESSIONS] [BYTES]     (defaults: /tmp/ccotel-import-bench 20000 1000000000)
#
# Takes 10-30 minutes on two cores and uses them fully: run it on a quiet machine. The generated
# history (about 1 GB) is kept in WORKDIR and reused by later runs; delete WORKDIR to make it anew.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${1:-/tmp/ccotel-import-bench}
SESSIONS=${2:-20000}
BYTES=${3:-1000000000}
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
command -v farm-bench >/dev/null || { echo "farm-bench is not on PATH" >&2; exit 2; }

DIST="$PWD/app/target/ccotel-0.1.0-SNAPSHOT/bin/ccotel"
if [ ! -x "$DIST" ]; then
  mvn -B -q package -DskipTests # package, never install: ~/.m2 may be shared
fi

BENCH_HOME="$WORK/home"
if [ ! -d "$BENCH_HOME/.claude/projects" ]; then
  "$JAVA_HOME/bin/java" tools/import-bench/GenerateHistory.java --out "$BENCH_HOME" --sessions "$SESSIONS" \
      --bytes "$BYTES"
fi
echo "history: $(du -sh "$BENCH_HOME/.claude/projects" | cut -f1), $(find "$BENCH_HOME/.claude/projects" -name '*.jsonl' | wc -l) files"

# ccusage installed once beforehand, so that npx's download and resolution are not what is timed;
# --offline: its own shipped prices (the machine may not reach GitHub, where it fetches them from)
CCUSAGE="$WORK/npm/node_modules/.bin/ccusage"
if [ ! -x "$CCUSAGE" ]; then
  npm install --prefix "$WORK/npm" --no-audit --no-fund ccusage@18 >/dev/null
fi
"$CCUSAGE" --version

# Both read $HOME/.claude/projects; ccotel's store goes to $HOME/.local/share/ccotel.
export HOME="$BENCH_HOME"
unset CLAUDE_CONFIG_DIR XDG_DATA_HOME XDG_CONFIG_HOME
STORE_DIR="$BENCH_HOME/.local/share/ccotel"
"$DIST" --version >/dev/null # the launcher writes its start-up cache on a first start; not timed

echo "== first import into an empty store (A) vs ccusage daily (B)"
farm-bench -n 3 --warmup 1 --timeout 3600 --vs "$CCUSAGE daily --offline" -- \
    sh -c "rm -rf '$STORE_DIR' && exec '$DIST' import"

echo "== re-run over unchanged files (the store of the last first import)"
"$DIST" import >/dev/null
farm-bench -n 10 --warmup 1 --timeout 600 -- "$DIST" import

echo "== what was imported"
"$DIST" report monthly | tail -4
