#!/usr/bin/env bash
# The statusline's cost as Claude Code meets it: `ccotel statusline` (sh + curl, no JVM) against a running
# packaged daemon, with Claude Code 2.1.332's real statusline input on stdin, N times; and `ccotel --version`
# (a JVM start) M times in the same run, alternated, for scale. Prints median and p95 wall milliseconds.
# usage: [DIST=app/target/ccotel-<version>] [N=200] [M=20] tools/bench/statusline.sh
# Needs the packaged distribution (mvn -B -q package -DskipTests), curl, python3. Only loopback is used.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
dist=${DIST:-$(ls -d "$repo"/app/target/ccotel-*/ | head -n 1)}; ccotel=${dist%/}/bin/ccotel
input=$repo/domain/src/test/resources/fixtures/claude-code-2.1.332/statusline/gateway-rate-limits/1-first/statusline-05.json
n=${N:-200}; m=${M:-20}
w=$(mktemp -d); trap 'kill "$dp" 2>/dev/null; rm -rf "$w"' EXIT
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export HOME=$w/home; mkdir -p "$HOME"
CCOTEL_RECEIVER_PORT=$(free) CCOTEL_RECEIVER_HTTP_PORT=$(free) "$ccotel" daemon >"$w/daemon.out" 2>"$w/daemon.err" & dp=$!
for _ in $(seq 240); do grep -q "listening on" "$w/daemon.err" && break; sleep 0.5; done
grep -q "listening on" "$w/daemon.err" || { echo "the daemon did not start: $(cat "$w/daemon.err")" >&2; exit 1; }
"$ccotel" --version >/dev/null 2>&1 # the CLI's class-data archive is written on the first run
ms() { local a b; a=$(date +%s%N); "$@" >/dev/null 2>&1; b=$(date +%s%N); echo $(( (b - a) / 1000 )); }
: >"$w/sl"; : >"$w/ver"
for i in $(seq "$n"); do
    ms sh -c "exec '$ccotel' statusline <'$input'" >>"$w/sl"
    if [ $((i % (n / m))) -eq 0 ]; then ms "$ccotel" --version >>"$w/ver"; fi
done
stats() { sort -n "$1" | awk '{a[NR]=$1} END {printf "median %.1f ms, p95 %.1f ms, max %.1f ms (%d runs)\n", a[int((NR+1)/2)]/1000, a[int(NR*0.95+0.5)]/1000, a[NR]/1000, NR}'; }
echo "statusline: $(stats "$w/sl")"
echo "--version:  $(stats "$w/ver")"
echo "the line: $("$ccotel" statusline <"$input")"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
