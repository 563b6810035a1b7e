#!/usr/bin/env bash
# Times `ccotel import` against `ccusage daily` (npm ccusage 18) on the same generated year of heavy
# Claude Code use (issue 25: the first import at least 3x faster than ccusage daily; a re-run over
# unchanged files at most 0.5 s), A and B alternated run by run, each timed as a whole process
# (/usr/bin/time: wall, user+sys CPU, peak RSS). Record the medians in docs/PERFORMANCE.md
# ("Importing transcripts").
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
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }

# One whole-process run: "wall_s cpu_s maxrss_kb" on stdout, the command's own output thrown away.
timed() {
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.out" "$@" >/dev/null 2>&1 || true
    awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$WORK/time.out"
}
# The median of column $2 of file $1.
median() { sort -n -k"$2" "$1" | awk -v c="$2" '{a[NR]=$c} END {print a[int((NR+1)/2)]}'; }

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

echo "== first import into an empty store (A) vs ccusage daily (B), alternated, 3 runs each after a warm-up"
"$CCUSAGE" daily --offline >/dev/null 2>&1 # warm-up (file cache)
: >"$WORK/a"; : >"$WORK/b"
for _ in 1 2 3; do
    rm -rf "$STORE_DIR"
    timed "$DIST" import >>"$WORK/a"
    timed "$CCUSAGE" daily --offline >>"$WORK/b"
done
echo "ccotel import (first): wall $(median "$WORK/a" 1) s, cpu $(median "$WORK/a" 2) s, peak RSS $(median "$WORK/a" 3) KB"
echo "ccusage daily:         wall $(median "$WORK/b" 1) s, cpu $(median "$WORK/b" 2) s, peak RSS $(median "$WORK/b" 3) KB"

echo "== re-run over unchanged files (the store of the last first import), 10 runs"
: >"$WORK/r"
for _ in $(seq 10); do timed "$DIST" import >>"$WORK/r"; done
echo "ccotel import (re-run): wall $(median "$WORK/r" 1) s, cpu $(median "$WORK/r" 2) s"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== what was imported"
"$DIST" report monthly | tail -4
