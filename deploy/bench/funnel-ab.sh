#!/usr/bin/env bash
# Benchmark (not a test): a busy flow's report and dashboard page, old build against this one, back to back on
# the same database. Needs the database of deploy/bench/reports-bench.sh (1,000,000 customers, ~9.5M orders,
# 300,000 win-back enrollments in the last 90 days); generate it first with
#   BENCH_DB=comeback_funnel_bench deploy/bench/reports-bench.sh
# then
#   deploy/bench/funnel-ab.sh            — builds main (git archive) and this tree, then ROUNDS (3) rounds of: old, new
# BENCH_DB (comeback_funnel_bench), BASE (git ref of the old build, main), OLD_JAR / NEW_JAR (skip the builds),
# BENCH_PORT (18479), ROUNDS, REPEAT (5). Each figure: the fastest and slowest of REPEAT requests after a warm-up,
# with the load; round 1 also prints each build's funnel of the last 90 whole days, which must be equal.
# Last, the write cost of the V90 ledger triggers (deploy/bench/funnel-trigger-cost.sql, rolled back): 20,000
# texts through queued → sent → delivered in statements of 200 rows, with the triggers and without, alternated.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/postgres.sh
db=${BENCH_DB:-comeback_funnel_bench}
port=${BENCH_PORT:-18479}
rounds=${ROUNDS:-3}
repeat=${REPEAT:-5}
work=${BENCH_WORK:-/tmp/funnel-ab}
mkdir -p "$work"

ensure_postgres_running
use_local_database "$db"
if [ -z "${OLD_JAR:-}" ]; then
  log "Building ${BASE:-main} in $work/base"
  rm -rf "$work/base" && mkdir -p "$work/base"
  git archive "${BASE:-main}" | tar -x -C "$work/base"
  (cd "$work/base" && mvn -B -ntp -q package -DskipTests)
  OLD_JAR="$work/base/target/quarkus-app/quarkus-run.jar"
fi
if [ -z "${NEW_JAR:-}" ]; then
  log "Building this tree in target/funnel-ab-build"
  mvn -B -ntp -q package -DskipTests -Dbuild.dir=target/funnel-ab-build
  NEW_JAR=target/funnel-ab-build/quarkus-app/quarkus-run.jar
fi

pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; pid=; }
trap 'stop; rm -f "$work/cookies"' EXIT
start() {
  if curl -s -o /dev/null "http://localhost:$port/"; then log "Port $port is taken; set BENCH_PORT"; exit 1; fi
  # The old build does not know this tree's migrations: it leaves the schema as it is.
  local migrate=true; [ "$2" = old ] && migrate=false
  QUARKUS_FLYWAY_MIGRATE_AT_START=$migrate COMEBACK_API_KEYS=bench-key QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 1000)) COMEBACK_ADMIN_USERNAME=bench COMEBACK_ADMIN_PASSWORD=bench-password QUARKUS_PROFILE=prod COMEBACK_DETECTOR_CRON=off \
    java -Xmx512m -Xms512m -jar "$1" > "$work/service-$2.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do curl -sf "http://localhost:$((port + 1000))/q/health/ready" >/dev/null && break; sleep 1; done
  curl -sf -o /dev/null -c "$work/cookies" -d "username=bench&password=bench-password" "http://localhost:$port/login"
}
time_it() {
  local name=$1 url=$2 times=()
  shift 2
  curl -sf -m 600 -o "$work/out" "$@" "$url"  # warm-up
  for _ in $(seq 1 "$repeat"); do times+=("$(curl -sf -m 600 -o "$work/out" -w '%{time_total}' "$@" "$url")"); done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$name" '{ t[NR] = $1 } END { printf "  %-44s %8.0f – %6.0f ms\n", n, t[1] * 1000, t[NR] * 1000 }'
}
api="http://localhost:$port/api/reports/flows"
from90=$(date -u -d '90 days ago' +%Y-%m-%d)
today=$(date -u +%Y-%m-%d)
yesterday=$(date -u -d '1 day ago' +%Y-%m-%dT12:00:00Z)
for round in $(seq 1 "$rounds"); do
  for build in old new; do
    jar=$OLD_JAR; [ "$build" = new ] && jar=$NEW_JAR
    start "$jar" "$build"
    echo "round $round, $build build ($(uptime | sed 's/.*load/load/'))"
    auth=(-H 'Authorization: Bearer bench-key')
    time_it "GET /api/reports/flows/winback (30 days)" "$api/winback" "${auth[@]}"
    time_it "GET /api/reports/flows/winback?from=<90 d>" "$api/winback?from=$from90" "${auth[@]}"
    time_it "GET /api/reports/flows/winback (last 36 h)" "$api/winback?from=$yesterday" "${auth[@]}"
    time_it "/flows/winback (page, 90 days)" "http://localhost:$port/flows/winback" -b "$work/cookies"
    time_it "/flows/feedback (page, no texts)" "http://localhost:$port/flows/feedback" -b "$work/cookies"
    [ "$round" = 1 ] && echo "  funnel $from90..$today: $(curl -sf "${auth[@]}" "$api/winback?from=$from90&to=$today" | sed 's/.*"funnel"://')"
    stop
  done
done

psql_db() { PGPASSWORD=$COMEBACK_DB_PASSWORD psql -h "$COMEBACK_DB_HOST" -p "$COMEBACK_DB_PORT" -U "$COMEBACK_DB_USER" -qAt "$db" "$@"; }
echo "write cost of the ledger triggers (ms for 60,000 status changes):"
for mode in on off on off; do
  echo "  triggers $(psql_db -v mode=$mode -f deploy/bench/funnel-trigger-cost.sql | grep -E '^(on|off)\|')  ($(uptime | sed 's/.*load/load/'))"
done
