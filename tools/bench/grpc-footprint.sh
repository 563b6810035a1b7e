#!/bin/bash
# The daemon's RSS around gRPC exports, as the launcher starts it (Claude Code's default protocol is gRPC):
# a fresh HOME and cache folder, a first start that trains the AOT cache (waited for), a second start, then
# TrainClient five times (OTLP exports over gRPC and OTLP/HTTP, a hook's and a statusline's call), 5 s, and
# 60 s idle. Prints RSS at each step (/proc's VmRSS, kB) and the CPU used while idle.
#
# usage: tools/bench/grpc-footprint.sh [DIST]   (after `mvn -B -q package -DskipTests`; needs JDK 25 as java)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dist=${1:-$(ls -d "$top"/app/target/ccotel-*/ | grep -v tar | head -n 1)}
work=$(mktemp -d /tmp/ccotel-grpc-footprint-XXXXXX)
trap 'rm -rf "$work"' EXIT
grpc=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
http=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export HOME=$work/home XDG_CACHE_HOME=$work/cache CCOTEL_RECEIVER_PORT=$grpc CCOTEL_RECEIVER_HTTP_PORT=$http \
    CCOTEL_IMPORT_AUTO=false
mkdir -p "$HOME"
pid=''
start() {
    setsid "$dist/bin/ccotel" daemon >"$work/out.log" 2>"$work/err.log" &
    for _ in $(seq 1 150); do grep -q "listening on" "$work/err.log" 2>/dev/null && break; sleep 0.2; done
    # this probe's daemon, by its HOME: the newest daemon on the machine may be another run's
    pid=$(for p in $(pgrep -f "dev.ccotel.app.Main daemon"); do
        tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "HOME=$HOME" && echo "$p"; done | tail -n 1)
}
rss() { grep VmRSS "/proc/$pid/status" | awk '{print $2}'; }
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
start
kill "$pid"; sleep 2
for _ in $(seq 1 180); do
    ls "$work"/cache/ccotel/*.aot >/dev/null 2>&1 && ! ls -d "$work"/cache/ccotel/*.making >/dev/null 2>&1 && break
    sleep 1
done
start
ready=$(rss)
for _ in 1 2 3 4 5; do
    java --enable-native-access=ALL-UNNAMED -cp "$dist/lib/*" dev.ccotel.app.cli.TrainClient "$grpc" "$http" >/dev/null
done
sleep 5
exported=$(rss); before=$(ticks)
sleep 60
echo "ready $ready kB, after the exports $exported kB, after 60 s idle $(rss) kB; idle CPU $(( ($(ticks) - before) * 10 )) ms"
kill "$pid"
