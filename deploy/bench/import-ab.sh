#!/usr/bin/env bash
# A/B of the CSV import: runs deploy/bench/import-bench.sh against a baseline checkout (built there)
# and this one, alternately, ROUNDS times, on the same database name; prints each run's figures.
#   deploy/bench/import-ab.sh BASELINE_DIR [customers] [orders]
# e.g. git clone -q . /tmp/import-baseline && (cd /tmp/import-baseline && git checkout main) && deploy/bench/import-ab.sh /tmp/import-baseline
set -euo pipefail
cd "$(dirname "$0")/../.."
baseline=${1:?usage: $0 BASELINE_DIR [customers] [orders]}; shift
rounds=${ROUNDS:-1}
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -ntp -q package -DskipTests
[ -f "$baseline/target/quarkus-app/quarkus-run.jar" ] || (cd "$baseline" && mvn -B -ntp -q package -DskipTests)
export BENCH_DB=${BENCH_DB:-comeback_import_ab}
for round in $(seq 1 "$rounds"); do
  for side in new old; do
    app=.; [ "$side" = old ] && app=$baseline
    echo "== round $round: $side ($(cd "$app" && git log --oneline -1 | cut -c1-60))"
    BENCH_APP=$app BENCH_DIR=${BENCH_DIR:-/tmp/comeback-bench}-$side deploy/bench/import-bench.sh "$@" 2>&1 \
      | grep -E "lines/s|load|peak|folded|batch s" | cut -c1-240
  done
done
