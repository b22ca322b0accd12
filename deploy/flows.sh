#!/usr/bin/env bash
# Flow tools for marketers and their CI; needs only a JDK 17 and Maven, no database.
#   deploy/flows.sh lint [--languages sv,da,nb,en] [folder-or-file ...]   validate flow files (default flows/);
#       exit 1 on errors; with --languages, warn for marketing flows without a text in one of those languages
#   deploy/flows.sh test [flows-folder] [scenario.yaml ...]   run the scenario tests in <flows>/tests/
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command=${1:-}; shift || true
case "$command" in
  lint) main=io.comeback.engine.validate.FlowLintCli ;;
  test) main=io.comeback.engine.run.ScenarioCli ;;
  *) echo "usage: $0 lint [--languages sv,da,nb,en] [folder-or-file ...] | test [flows-folder] [scenario.yaml ...]" >&2; exit 2 ;;
esac
cp="$root/target/flow-tools.classpath"
if [ ! -f "$cp" ] || [ "$root/pom.xml" -nt "$cp" ] || [ -n "$(find "$root/src/main/java/io/comeback/engine" -newer "$cp" -print -quit)" ]; then
  mvn -q -B -ntp -f "$root/pom.xml" compile dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=runtime >&2
fi
exec java -cp "$root/target/classes:$(cat "$cp")" "$main" "$@"
