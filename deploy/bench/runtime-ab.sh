#!/usr/bin/env bash
# A/B benchmark of the flow runtime: this checkout against a baseline commit built in a separate
# directory, runs alternated back to back on the same database, with the load average of each run.
#   deploy/bench/runtime-ab.sh [baseline-ref] [rounds] [runtime-bench.sh arguments...]
#   e.g. deploy/bench/runtime-ab.sh main 2 throughput 1000000 100000
#        deploy/bench/runtime-ab.sh main 1 lateness 1000 60
# BENCH_DB (default comeback_runtime_ab) is dropped and created for every run; BASELINE_DIR (default
# /tmp/comeback-runtime-baseline) holds the baseline's clone. Each run prints its rate and its CPU per due
# step (service + PostgreSQL backends), which varies far less than the rate on a busy machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
ref=${1:-main}; rounds=${2:-2}; shift 2 || shift $#
args=("$@"); [ ${#args[@]} -eq 0 ] && args=(throughput 1000000 100000)
export BENCH_DB=${BENCH_DB:-comeback_runtime_ab}
baseline=${BASELINE_DIR:-/tmp/comeback-runtime-baseline}
jars=$(mktemp -d)
trap 'rm -rf "$jars"' EXIT

echo "[ab] building this checkout ($(git rev-parse --short HEAD)) and $ref"
mvn -B -ntp -q package -DskipTests
cp -r target/quarkus-app "$jars/new"
rm -rf "$baseline"; git clone -q . "$baseline"; git -C "$baseline" checkout -q "$(git rev-parse "$ref")"
(cd "$baseline" && mvn -B -ntp -q package -DskipTests)
cp -r "$baseline/target/quarkus-app" "$jars/base"

for round in $(seq 1 "$rounds"); do
  for build in base new; do
    echo "[ab] round $round, $build ($([ $build = new ] && git rev-parse --short HEAD || echo "$ref")), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    BENCH_DIR="/tmp/comeback-runtime-ab-$build" BENCH_JAR="$jars/$build/quarkus-run.jar" \
      deploy/bench/runtime-bench.sh "${args[@]}" 2>&1 | grep -E '^comeback:|^CPU|load average|WARNING' || true
  done
done
