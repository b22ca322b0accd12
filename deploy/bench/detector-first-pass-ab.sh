#!/usr/bin/env bash
# Benchmark (not a test): the first-pass figure of deploy/bench/README.md, in one command.
#   deploy/bench/detector-first-pass-ab.sh
#
# A/B of this checkout against main on a copy of the 1M-customer benchmark database: for each build,
# the previews, the winback audience, a FIRST detection pass that enters every eligible customer
# (the detector and enrollment tables are emptied before each build, FIRST=1) and a steady pass.
#
# Environment:
#   BENCH_DB     the copy timed (default comeback_detector3_bench); made with createdb -T from
#                TEMPLATE_DB (default comeback_detector2_bench, loaded by detector-bench.sh) if absent.
#                Never the template itself: FIRST=1 empties its enrollments.
#   BASE_DIR     where main is unpacked and built (default /tmp/detector3-baseline)
#   ROUNDS, RUNS as for detector-bench.sh (defaults 1 and 2: each build's first pass, then one steady pass)
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/postgres.sh
db=${BENCH_DB:-comeback_detector3_bench}
template=${TEMPLATE_DB:-comeback_detector2_bench}
base=${BASE_DIR:-/tmp/detector3-baseline}
[ "$db" != "$template" ] || { echo "BENCH_DB must be a copy, not $template" >&2; exit 1; }

ensure_postgres_running
if [ "$(pg_psql -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
  log "Copying $template to $db (needs no open connection to $template)"
  pg_psql -c "create database \"$db\" template \"$template\" owner \"$COMEBACK_DB_USER\""
fi
if [ ! -f "$base/target/quarkus-app/quarkus-run.jar" ]; then
  log "Building main in $base"
  rm -rf "$base" && mkdir -p "$base"
  git archive main | tar -x -C "$base"
  (cd "$base" && mvn -B -ntp -q package -DskipTests)
fi
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -ntp -q package -DskipTests
FIRST=1 REUSE=1 ROUNDS=${ROUNDS:-1} RUNS=${RUNS:-2} BENCH_DB=$db BASE_JAR="$base/target/quarkus-app/quarkus-run.jar" \
  exec deploy/bench/detector-bench.sh
