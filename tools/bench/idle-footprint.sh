#!/bin/bash
# The daemon's footprint at rest, as the launcher starts it: a fresh HOME and cache folder, a first start
# (on JDK 25 it trains the AOT cache in the background) stopped at once, a second start, 600 OTLP/HTTP
# JSON exports of the captured fixtures, 30 s, then IDLE seconds of nothing. Prints RSS at each step and
# the CPU the daemon used while idle (from /proc/PID/stat, in clock ticks of 10 ms).
#
# usage: tools/bench/idle-footprint.sh [DIST] [IDLE]   (after `mvn -B -q package -DskipTests`)
#   DIST: the unpacked distribution (default app/target/ccotel-*/), IDLE: seconds (default 300)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dist=${1:-$(ls -d "$top"/app/target/ccotel-*/ | grep -v tar | head -n 1)}
idle=${2:-300}
fixtures=$top/domain/src/test/resources/fixtures/claude-code-2.1.328/json
work=$(mktemp -d /tmp/ccotel-idle-XXXXXX)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CACHE_HOME=$work/cache
mkdir -p "$HOME"
pid=''
start() {
    setsid "$dist/bin/ccotel" daemon --port 0 >"$work/out.log" 2>"$work/err.log" &
    for _ in $(seq 1 150); do grep -q "listening on" "$work/err.log" 2>/dev/null && break; sleep 0.2; done
    # this probe's daemon, by its HOME: the newest daemon on the machine may be another run's
    pid=$(for p in $(pgrep -f "dev.ccotel.app.Main daemon"); do
        tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "HOME=$HOME" && echo "$p"; done | tail -n 1)
}
rss() { grep VmRSS "/proc/$pid/status" | awk '{print $2 " kB"}'; }
start
kill "$pid"; sleep 2
for _ in $(seq 1 180); do ls "$work"/cache/ccotel/*.aot >/dev/null 2>&1 && break; sleep 1; done
start
echo "ready: RSS $(rss) ($(ls "$work"/cache/ccotel/ | grep -c '\.aot$') AOT cache)"
http=$(cat "$HOME/.local/state/ccotel/daemon-http")
for _ in $(seq 1 100); do
    for scenario in bash-tool text-reply write-file; do
        curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @"$fixtures/$scenario/0001-logs.json" "http://$http/v1/logs"
        curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @"$fixtures/$scenario/0002-metrics.json" "http://$http/v1/metrics"
    done
done
echo "after 600 exports: RSS $(rss)"
sleep 30
t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
sleep "$idle"
t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
echo "idle $idle s: CPU $(( (t1 - t0) * 10 )) ms ($(( (t1 - t0) * 600 / idle )) ms a minute), RSS $(rss), $(ls "/proc/$pid/task" | wc -l) threads"
kill "$pid"
