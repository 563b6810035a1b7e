#!/usr/bin/env bash
# The dashboard's first look as a browser asks for it: the page and the eight API calls its script makes at once
# (the last 30 days), against the packaged daemon on a given store, three times in a row (the first on a daemon just
# started). Prints each round's wall time until the last answer, and the slowest call.
# usage: STORE=/tmp/year/ccotel.db [UNTIL=2026-12-07] [DIST=app/target/ccotel-<version>] tools/bench/dashboard.sh
# The store is copied first (the daemon may migrate it). Needs curl and python3; only loopback is used.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
dist=${DIST:-$(ls -d "$repo"/app/target/ccotel-*/ | head -n 1)}; ccotel=${dist%/}/bin/ccotel
: "${STORE:?STORE: the store to look at}"
until=${UNTIL:-$(date -u +%F)}; since=$(date -u -d "$until - 29 days" +%F)
w=$(mktemp -d); trap 'kill "$dp" 2>/dev/null; rm -rf "$w"' EXIT
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cp "$STORE" "$w/ccotel.db"; http=$(free)
HOME=$w CCOTEL_STORE_PATH=$w/ccotel.db CCOTEL_IMPORT_AUTO=false CCOTEL_RECEIVER_PORT=$(free) \
    CCOTEL_RECEIVER_HTTP_PORT=$http "$ccotel" daemon >"$w/out" 2>"$w/err" & dp=$!
for _ in $(seq 240); do grep -q "listening on" "$w/err" && break; sleep 0.5; done
base=http://127.0.0.1:$http
paths="/ /api/overview /api/report?kind=daily&breakdown=1&since=$since&until=$until /api/decisions?since=$since&until=$until
/api/limits?since=$since /api/report?kind=projects&since=$since /api/report?kind=repos&since=$since
/api/report?kind=branches&since=$since /api/report?kind=sessions&since=$since"
for round in 1 2 3; do
    a=$(date +%s%N); pids=''
    for p in $paths; do
        curl -s -o /dev/null -w "%{time_total} %{http_code} $p\n" "$base$p" >>"$w/round$round" & pids="$pids $!"
    done
    for pid in $pids; do wait "$pid"; done
    b=$(date +%s%N)
    echo "round $round: $(( (b - a) / 1000000 )) ms until the last answer; slowest: $(sort -rn "$w/round$round" | head -n 1)"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
