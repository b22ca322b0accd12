#!/usr/bin/env bash
# Every figure of README "Flow runtime" → "Report triggers per statement, streaming state codec" in one command:
#   deploy/bench/runtime-figures.sh [baseline-ref]       (default main; run it on an idle machine)
# 1. ledger-trigger-cost.sh: database time per text of V90's row triggers against V100's statement triggers;
# 2. runtime-ab.sh: this checkout against the baseline, alternated, throughput 1,000,000 waiting / 100,000 due;
# 3. this checkout: throughput with 100,000 and with 10,000,000 waiting (the ≤ 10 % goal), lateness at 1,000/s;
# 4. crash-test.sh one 10000 6 and two 10000 8 (0 duplicates expected).
# Databases: BENCH_DB (default comeback_runtime_figures) for the benchmarks, BENCH_DB_CRASH for the crash tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
ref=${1:-main}
db=${BENCH_DB:-comeback_runtime_figures}
crash_db=${BENCH_DB_CRASH:-${db}_crash}
stamp() { echo "== $* ($(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg))"; }

stamp "ledger trigger cost, V90 against V100"
BENCH_DB="${db}_triggers" deploy/bench/ledger-trigger-cost.sh 20000 3

stamp "A/B against $ref"
BENCH_DB=$db deploy/bench/runtime-ab.sh "$ref" 2 throughput 1000000 100000

mvn -B -ntp -q package -DskipTests
jar=$(mktemp -d); trap 'rm -rf "$jar"' EXIT
cp -r target/quarkus-app "$jar/app"
export BENCH_JAR="$jar/app/quarkus-run.jar"
for waiting in 100000 10000000 100000 10000000; do
  stamp "throughput, $waiting waiting, 100000 due"
  BENCH_DB=$db deploy/bench/runtime-bench.sh throughput "$waiting" 100000 2>&1 | grep -E '^comeback:|^CPU|WARNING' || true
done
stamp "lateness, steady 1,000 due/s for 60 s"
BENCH_DB=$db deploy/bench/runtime-bench.sh lateness 1000 60 2>&1 | grep -E '^comeback:|WARNING' || true

for mode in "one 10000 6" "two 10000 8"; do
  stamp "crash-test.sh $mode"
  BENCH_DB=$crash_db deploy/bench/crash-test.sh $mode 2>&1 | grep -E '^ok|^FAIL|^reconciled|Finished' || true
done
