#!/usr/bin/env bash
# Every flow-runtime figure of deploy/bench/README.md "Current figures", in one command:
#   deploy/bench/runtime-figures.sh [baseline-ref]       (default main; run it on an idle machine)
# 1. throughput 1,000,000 waiting / 100,000 due, two rounds, each alternating: the baseline, this checkout, this
#    checkout with the simulator taking one request per message, and db-scheduler 16.7.1 (the side-by-side ratio);
# 2. crash-test.sh one 10000 6 and two 10000 8 (0 duplicates expected);
# 3. lateness at a steady 1,000 due/s;
# 4. this checkout with 100,000 and with 10,000,000 waiting, twice (the ≤ 10 % goal).
# TRIGGERS=1 first runs ledger-trigger-cost.sh (V90's row triggers against V100's statement triggers).
# Databases: BENCH_DB (default comeback_runtime_figures) for the benchmarks,
# BENCH_DB_CRASH for the crash tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
ref=${1:-main}
db=${BENCH_DB:-comeback_runtime_figures}
crash_db=${BENCH_DB_CRASH:-${db}_crash}
stamp() { echo "== $* ($(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg))"; }
jars=$(mktemp -d); baseline=$(mktemp -d)
trap 'rm -rf "$jars" "$baseline"' EXIT

if [ "${TRIGGERS:-0}" = 1 ]; then
  stamp "ledger trigger cost, V90 against V100"
  BENCH_DB="${db}_triggers" deploy/bench/ledger-trigger-cost.sh 20000 3
fi

mvn -B -ntp -q package -DskipTests
cp -r target/quarkus-app "$jars/new"
git clone -q . "$baseline/src"; git -C "$baseline/src" checkout -q "$(git rev-parse "$ref")"
(cd "$baseline/src" && mvn -B -ntp -q package -DskipTests)
cp -r "$baseline/src/target/quarkus-app" "$jars/base"
export BENCH_DB=$db
throughput() { deploy/bench/runtime-bench.sh throughput "$@" 2>&1 | grep -E '^comeback:|^CPU|WARNING' || true; }

for round in 1 2; do
  stamp "round $round, baseline $ref"
  BENCH_JAR="$jars/base/quarkus-run.jar" throughput 1000000 100000
  stamp "round $round, this checkout ($(git rev-parse --short HEAD))"
  BENCH_JAR="$jars/new/quarkus-run.jar" throughput 1000000 100000
  stamp "round $round, this checkout, the simulator taking one request per message"
  BENCH_JAR="$jars/new/quarkus-run.jar" BENCH_ENV=COMEBACK_SIMULATOR_BATCH_REQUESTS=false throughput 1000000 100000
  stamp "round $round, db-scheduler 16.7.1"
  deploy/bench/runtime-bench.sh db-scheduler 1000000 100000 20 2>&1 | grep -E '^db-scheduler' || true
done

export BENCH_JAR="$jars/new/quarkus-run.jar"
for mode in "one 10000 6" "two 10000 8"; do
  stamp "crash-test.sh $mode"
  BENCH_DB=$crash_db deploy/bench/crash-test.sh $mode 2>&1 | grep -E 'kill -9 #|^ok|^FAIL|^reconciled|Finished' || true
done

stamp "lateness, steady 1,000 due/s for 60 s"
deploy/bench/runtime-bench.sh lateness 1000 60 2>&1 | grep -E '^comeback:|WARNING' || true

for waiting in 100000 10000000 100000 10000000; do
  stamp "throughput, $waiting waiting, 100000 due"
  throughput "$waiting" 100000
done
stamp done
