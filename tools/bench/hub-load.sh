#!/usr/bin/env bash
# The hub's scale benchmark (docs/SCALING.md): builds the reactor with the bench profile (package, no tests,
# nothing installed into ~/.m2), then runs dev.ccotel.app.perf.HubLoadGen, which starts the packaged hub as a
# child process on a free loopback port over PostgreSQL (a temporary cluster unless --database-url is given) and
# has N members send real fixture exports to it at once. Arguments go to HubLoadGen, e.g.
#   tools/bench/hub-load.sh --members 8 --path both --seconds 20 --warmup 10
# SKIP_BUILD=1 reuses the last build. Needs Debian's postgresql (or --database-url) and JAVA_HOME (JDK 21+).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd); cd "$repo"
cp=$repo/app/target/hub-load.classpath
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$cp" ]; then
    mvn -B -q ${MAVEN_ARGS:-} -Pbench -pl app -am package -DskipTests dependency:build-classpath \
        -Dmdep.outputFile="$cp" -Dmdep.includeScope=test
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "app/target/test-classes:app/target/classes:$(cat "$cp")" \
    dev.ccotel.app.perf.HubLoadGen "$@"
