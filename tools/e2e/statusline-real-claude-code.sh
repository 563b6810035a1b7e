#!/usr/bin/env bash
# The real Claude Code, interactive under tmux, with ccotel's statusline and SessionStart hook from the packaged
# distribution and its telemetry pointed at the packaged daemon: the line must appear on Claude Code's screen, first
# with Claude Code's own figure (~), then with the session's cost from telemetry; the reports must group the session
# by its real folder and branch, and list the limit windows the stand-in's rate-limit headers reported.
# usage: CLAUDE_BIN=... [JAVA_HOME=...] [DIST=app/target/ccotel-<version>] tools/e2e/statusline-real-claude-code.sh
# Needs tmux, git, python3, patch, curl, ../shared/claude-rig. Only loopback is used. Prints PASS/FAIL lines; exit 1 on a FAIL.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
rig=${RIG:-$repo/../shared/claude-rig}; standin=$repo/domain/src/test/resources/fixtures/claude-code-2.1.332/standin
: "${CLAUDE_BIN:?CLAUDE_BIN: the native claude binary of npm @anthropic-ai/claude-code}"
dist=${DIST:-$(ls -d "$repo"/app/target/ccotel-*/ | head -n 1)}; ccotel=${dist%/}/bin/ccotel
w=$(mktemp -d); home=$w/home; proj=$w/project; mkdir -p "$home/.claude" "$proj"
s=ccotel-e2e-$$; t() { tmux -L "$s" "$@"; }; screen() { t capture-pane -t "$s" -p; }
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() { t kill-server 2>/dev/null; [ -n "${dp:-}" ] && kill "$dp" 2>/dev/null; [ -n "${fp:-}" ] && kill "$fp" 2>/dev/null; }
trap cleanup EXIT
failed=0; check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; failed=1; fi; }
wait_for() { local i; for i in $(seq "${2:-60}"); do screen | grep -q -- "$1" && return 0; sleep 1; done; return 1; }

cp "$rig/fake_anthropic.py" "$w/" && (cd "$w" && patch -s -p1 < "$standin/fake_anthropic.py.patch")
api=$(free); grpc=$(free); http=$(free)
RATELIMIT_HEADERS=1 python3 "$w/fake_anthropic.py" "$api" "$w/api.log" "$proj" >/dev/null 2>&1 & fp=$!
git -C "$proj" init -q && git -C "$proj" checkout -q -b feature/demo
env HOME="$home" CCOTEL_RECEIVER_PORT=$grpc CCOTEL_RECEIVER_HTTP_PORT=$http "$ccotel" daemon >"$w/daemon.out" 2>"$w/daemon.err" & dp=$!
for _ in $(seq 120); do grep -q "listening on" "$w/daemon.err" && break; sleep 0.5; done
check "the packaged daemon started" 'grep -q "listening on" "$w/daemon.err"'

echo '{"hasCompletedOnboarding": true, "theme": "dark"}' >"$home/.claude.json"
cat >"$home/.claude/settings.json" <<JSON
{"statusLine": {"type": "command", "command": "'$ccotel' statusline"},
 "hooks": {"SessionStart": [{"hooks": [{"type": "command", "command": "'$ccotel' hook"}]}]},
 "env": {"CLAUDE_CODE_ENABLE_TELEMETRY": "1", "OTEL_METRICS_EXPORTER": "otlp", "OTEL_LOGS_EXPORTER": "otlp",
         "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:$grpc",
         "OTEL_METRIC_EXPORT_INTERVAL": "1000", "OTEL_LOGS_EXPORT_INTERVAL": "500"}}
JSON
jwt="e30.$(printf '{"aud":"claude-gateway","sub":"ccotel-e2e"}' | base64 -w0 | tr '+/' '-_' | tr -d '=').x"
t new-session -d -s "$s" -x 160 -y 40 "cd '$proj' && env HOME='$home' TERM=xterm-256color ANTHROPIC_BASE_URL=http://127.0.0.1:$api ANTHROPIC_AUTH_TOKEN=$jwt DISABLE_AUTOUPDATER=1 '$CLAUDE_BIN' --model claude-sonnet-4-5; sleep 60"
if wait_for "trust this folder" 30; then t send-keys -t "$s" Down; sleep 0.3; t send-keys -t "$s" Enter; fi
check "ccotel's line shows on Claude Code's screen" 'wait_for "· today " 60'
t send-keys -t "$s" "please WRITEFILE hello.py" Enter; sleep 8
screen | grep -q "Do you want to" && { t send-keys -t "$s" Enter; sleep 4; }
check "the session's cost from telemetry replaces Claude Code's own figure" 'wait_for "[^~]\$0\.0[0-9]* · today \$0\.0[1-9]" 60'
check "the 5-hour limit window shows" 'wait_for "5h 42%" 10'
screen >"$w/screen.txt"; grep -m1 "· today " "$w/screen.txt" | sed 's/^ */  line: /'
t send-keys -t "$s" "/exit" Enter; sleep 3
env HOME="$home" "$ccotel" report projects --timezone UTC --json >"$w/projects.txt" 2>&1
env HOME="$home" "$ccotel" report branches --timezone UTC >"$w/branches.txt" 2>&1
env HOME="$home" "$ccotel" report limits --timezone UTC >"$w/limits.txt" 2>&1
check "report projects names the real folder" 'grep -q "\"key\" : \"$proj\"" "$w/projects.txt"'
check "report branches names the branch git has" 'grep -q "feature/demo" "$w/branches.txt"'
check "report limits lists the 5-hour window at 42 %" 'grep -q "^5h .* 42%" "$w/limits.txt"'
kill "$dp"; wait "$dp"; dp=
check "the daemon stopped cleanly and took its address back" '[ ! -e "$home/.local/state/ccotel/daemon-http" ]'
echo "work folder: $w (screen.txt, daemon.err, *.txt)"
exit $failed
