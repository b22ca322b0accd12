#!/usr/bin/env bash
# Benchmark (not a test): the two webhook intakes — Twilio status callbacks (twilio-webhooks.sh) and Shopify
# deliveries (shop-webhooks.sh) — of a baseline build against this checkout's, back to back on one machine. Each
# round runs both benches for the baseline, then for this build; each run has its own fresh database and prints its
# own checks (every callback and delivery stored exactly once). A summary line per run gives requests/s, p99 and
# the load average.
#   BASELINE_JAR=/path/to/baseline/target/quarkus-app/quarkus-run.jar deploy/bench/webhooks-ab.sh [rounds] [duration] [connections]
# Defaults: 2 rounds, 30s, 32 connections. A baseline: `git worktree add /tmp/webhooks-base <ref>` and
# `mvn -B -ntp -q package -DskipTests` there.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/postgres.sh
baseline=${BASELINE_JAR:?set BASELINE_JAR to the quarkus-run.jar of a baseline build}
rounds=${1:-2}
duration=${2:-30s}
connections=${3:-32}
log "Building this checkout"
mvn -B -ntp -q package -DskipTests
current=$PWD/target/quarkus-app/quarkus-run.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for round in $(seq 1 "$rounds"); do
  for build in baseline current; do
    jar=$([ "$build" = baseline ] && echo "$baseline" || echo "$current")
    for bench in twilio-webhooks shop-webhooks; do
      BENCH_JAR=$jar bash "deploy/bench/$bench.sh" "$duration" "$connections" > "$out/run.txt" 2>&1 \
        || { cat "$out/run.txt"; log "$bench failed for $build"; exit 1; }
      grep -E 'OK:|MISMATCH' "$out/run.txt" | sed "s/^/  /"
      rate=$(awk '/^Requests\/sec/ {print $2}' "$out/run.txt")
      p99=$(awk '$1 == "99%" {print $2}' "$out/run.txt")
      log "round $round $build $bench: $rate requests/s, p99 $p99; load $(cut -d' ' -f1-3 /proc/loadavg)"
    done
  done
done
