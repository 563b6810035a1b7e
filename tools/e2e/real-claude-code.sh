#!/bin/bash
# One real Claude Code session per protocol against the packaged daemon (store + forwarding to a recording backend).
# usage: CLAUDE_BIN=... [JAVA=...] tools/e2e/real-claude-code.sh grpc http/protobuf http/json
# Needs the packaged jar (mvn -B -q package -DskipTests), python3, and ../shared/claude-rig. Output in $E2E_DIR.
set -u
E=${E2E_DIR:-/tmp/ccotel-e2e}; HERE=$(cd "$(dirname "$0")" && pwd); RIG=${RIG:-$HERE/../../../shared/claude-rig}; CLAUDE=${CLAUDE_BIN:?set CLAUDE_BIN to the claude binary of the npm package @anthropic-ai/claude-code}
JAVA=${JAVA:-java}; JAR=${JAR:-$HERE/../../app/target/ccotel.jar}
rm -rf $E/out; mkdir -p $E/out/home $E/out/work
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
A=$(free); B=$(free); G=$(free); H=$(free)
python3 $RIG/fake_anthropic.py $A $E/out/api.log $E/out/work & AP=$!
python3 $HERE/recording_backend.py $B $E/out/backend & BP=$!
env -i PATH=/usr/bin:/bin HOME=$E/out/home CCOTEL_BACKEND_TOKEN=e2e-token-0123456789 CCOTEL_BACKEND_URL=http://127.0.0.1:$B \
  CCOTEL_RECEIVER_PORT=$G CCOTEL_RECEIVER_HTTP_PORT=$H $JAVA -jar $JAR daemon > $E/out/daemon.out 2> $E/out/daemon.err & DP=$!
sleep 3
for P in "$@"; do
  PORT=$G; [ "$P" != grpc ] && PORT=$H
  (cd $E/out/work && rm -f hello.py && env -i PATH=/usr/bin:/bin HOME=$E/out/home TERM=dumb \
    ANTHROPIC_BASE_URL=http://127.0.0.1:$A ANTHROPIC_API_KEY=sk-ant-fake-key \
    CLAUDE_CODE_ENABLE_TELEMETRY=1 OTEL_METRICS_EXPORTER=otlp OTEL_LOGS_EXPORTER=otlp \
    OTEL_EXPORTER_OTLP_PROTOCOL=$P OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$PORT \
    OTEL_METRIC_EXPORT_INTERVAL=1000 OTEL_LOGS_EXPORT_INTERVAL=500 DISABLE_AUTOUPDATER=1 \
    timeout 120 $CLAUDE -p "Please WRITEFILE now" --model claude-sonnet-4-5 --allowedTools Write > $E/out/claude-${P//\//-}.out 2>&1; echo "exit=$?" >> $E/out/claude-${P//\//-}.out)
  sleep 2
done
env -i PATH=/usr/bin:/bin HOME=$E/out/home $JAVA -jar $JAR --set receiver.port=$G --set receiver.http.port=$H status > $E/out/status.txt 2>&1
env -i PATH=/usr/bin:/bin HOME=$E/out/home $JAVA -jar $JAR report sessions --timezone UTC > $E/out/report.txt 2>&1
kill $DP; wait $DP; echo "daemon exit=$?" >> $E/out/daemon.err
kill $AP $BP
