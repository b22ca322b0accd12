#!/usr/bin/env bash
# Benchmark (not a test): inactivity detection over 1,000,000 customers and 10,000,000 orders.
#   deploy/bench/detector-bench.sh [customers] [orders]
#
# Load (skipped with REUSE=1): CSV files are generated (deploy/bench/generate-lapse-audience.sh)
# and loaded through the importer (POST /api/import/customers, /api/import/orders, with
# deploy/import.sh) into a fresh database. There is no event importer: engagement (site visits)
# is inserted with SQL into engagement_events and folded into the customer facts with the
# statement of migration V20; the unanswered-text streaks are set with SQL.
# Timing: the packaged service (heap capped at 512 MB; runtime workers, detector, RFM and loyalty
# roll-up crons off so nothing else runs) answers previews, a flow's audience and detection passes;
# the first detection on a database enters every eligible customer, later ones are the steady state.
#
# Environment:
#   BENCH_DB    database (default comeback_detector2_bench); REUSE=1 keeps and re-times it, LOAD_ONLY=1 only loads
#   BENCH_JAR   the service (default target/quarkus-app/quarkus-run.jar, built if absent)
#   BASE_JAR    a second build (e.g. of main) timed alternately with BENCH_JAR on the same database
#   ROUNDS      rounds of the alternation (default 2); RUNS timings of each query per round (default 3)
#   FIRST=1     before each build is timed, empty enrollments, entry_log, detector_matches and
#               detector_last_matches (only in a database whose name contains "bench"), so its first
#               pass enters every eligible customer again (a first-pass A/B); the JSON answer splits
#               the pass into finding and entering ("entering", seconds) where the build reports it
#   BENCH_DIR   CSV files and logs (default /tmp/detector-bench); BENCH_PORT (default 18091)
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/postgres.sh
customers=${1:-1000000}; orders=${2:-10000000}
db=${BENCH_DB:-comeback_detector2_bench}
work=${BENCH_DIR:-/tmp/detector-bench}
port=${BENCH_PORT:-18091}
jar=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
base_jar=${BASE_JAR:-}
rounds=${ROUNDS:-2}; runs=${RUNS:-3}
mkdir -p "$work"

ensure_postgres_running
use_local_database "$db"
[ -f "$jar" ] || mvn -B -ntp -q package -DskipTests
sql() { PGPASSWORD=$COMEBACK_DB_PASSWORD psql -h "$COMEBACK_DB_HOST" -p "$COMEBACK_DB_PORT" -U "$COMEBACK_DB_USER" -v ON_ERROR_STOP=1 -qAt "$db" "$@"; }

pid=; gc_log=
stop_service() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  pid=
}
trap stop_service EXIT
trap 'exit 130' INT TERM

# start_service JAR LOG: the service on $port with a 512 MB heap. Its GC log gives the peak heap in use
# (the heap before each collection), the peak RSS is /proc VmHWM. (jstat once a second started a JVM a
# second, half a core of a 2-core machine taken from the queries being timed.)
# Flyway may apply a branch's migration below the newest one applied (out of order) and lets an older
# build run on a database that has it (missing), so two builds can be timed on one database.
start_service() {
  gc_log="$2.gc"
  rm -f "$gc_log"
  QUARKUS_FLYWAY_OUT_OF_ORDER=true QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:missing,*:future' COMEBACK_API_KEYS=bench-key QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 1000)) COMEBACK_ADMIN_USERNAME=bench COMEBACK_ADMIN_PASSWORD=bench-password QUARKUS_PROFILE=prod COMEBACK_DETECTOR_CRON=off COMEBACK_RFM_CRON=off COMEBACK_REPORTS_ROLLUP_CRON=off \
    COMEBACK_RUNTIME_ENABLED=false java -Xmx512m -Xms512m "-Xlog:gc:file=$gc_log" -jar "$1" > "$2" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "http://localhost:$((port + 1000))/q/health/ready" >/dev/null && break; sleep 1; done
  curl -sf "http://localhost:$((port + 1000))/q/health/ready" >/dev/null || { echo "service did not start: $2" >&2; tail -n 20 "$2" >&2; exit 1; }
}

memory() {
  # "GC(3) Pause Young (Normal) (G1 Evacuation Pause) 301M->52M(512M) 12.3ms": the first figure is the heap in use.
  local gc_peak now_used
  gc_peak=$(grep -o '[0-9]*M->[0-9]*M' "$gc_log" 2>/dev/null | cut -dM -f1 | sort -n | tail -n 1)
  now_used=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { print int($(i + 1)) / 1024; exit } }')
  echo "peak heap used $(printf '%s\n%s\n' "${gc_peak:-0}" "${now_used:-0}" | sort -n | tail -n 1 | cut -d. -f1) MiB of 512, peak RSS $(awk '/VmHWM/ { print int($2 / 1024) }' /proc/$pid/status) MiB"
}

if [ "${REUSE:-0}" != 1 ]; then
  create_database "$db" fresh
  [ -f "$work/customers.csv" ] && [ "$(($(wc -l < "$work/customers.csv") - 1))" = "$customers" ] \
    && [ "$(($(wc -l < "$work/orders.csv") - 1))" = "$orders" ] \
    || deploy/bench/generate-lapse-audience.sh "$work" "$customers" "$orders"
  start_service "$jar" "$work/load-service.log"
  export COMEBACK_URL="http://localhost:$port" COMEBACK_API_KEY=bench-key
  echo "load: $(uptime)"
  deploy/import.sh customers "$work/customers.csv" > "$work/customers.report" 2> >(tail -n 1 >&2)
  deploy/import.sh orders "$work/orders.csv" > "$work/orders.report" 2> >(tail -n 1 >&2)
  echo "customers report: $(head -c 160 "$work/customers.report")"
  echo "orders report:    $(head -c 160 "$work/orders.report")"
  echo "import: $(memory); $(uptime)"
  stop_service
  now=$(cat "$work/now")
  start=$(date +%s)
  sql <<SQL
-- Two thirds visited the site: the last time 0..199 days before the files' "now", once more 100 days before that.
INSERT INTO engagement_events (customer_id, type, at)
SELECT id, 'site_visit', to_timestamp($now) - (id * 37 % 200 + v * 100) * interval '1 day'
FROM customers, generate_series(0, 1) v WHERE id % 3 <> 0;
UPDATE customers c SET last_engaged_at = e.last_at
FROM (SELECT customer_id, max(at) AS last_at FROM engagement_events
      WHERE type IN ('site_visit', 'link_click', 'reply') GROUP BY customer_id) e
WHERE c.id = e.customer_id;
-- One in twenty ignored 0..9 marketing texts.
UPDATE customers SET unanswered_messages = id % 10, last_marketing_text_at = to_timestamp($now) - interval '3 days' WHERE id % 20 = 0;
VACUUM ANALYZE customers; VACUUM ANALYZE engagement_events; VACUUM ANALYZE orders;
SQL
  echo "events and streaks with SQL in $(( $(date +%s) - start )) s"
fi
echo "database $db: $(sql -c 'select count(*) from customers') customers, $(sql -c 'select count(*) from orders') orders, \
$(sql -c 'select count(*) from engagement_events') events, $(sql -c "select pg_size_pretty(pg_database_size('$db'))")"
[ "${LOAD_ONLY:-0}" = 1 ] && exit 0

# A kept database outlives its CSV files: the files' "now" is then the newest order (customer 36,000's last
# order falls exactly on it).
[ -f "$work/now" ] || sql -c "select extract(epoch from max(placed_at))::bigint from orders" > "$work/now"

# Every query is asked as of the instant the files were generated for, so each pass and preview sees
# the same lapsed customers however long the runs take (with "now", a few more lapse every minute).
as_of=$(date -u -d "@$(cat "$work/now")" +%Y-%m-%dT%H:%M:%SZ)
echo "as of $as_of"
api() { curl -sf -o "$work/out.json" -w '%{time_total}' -H 'Authorization: Bearer bench-key' -H 'Content-Type: application/json' "$@"; }
both='{"asOf":"'$as_of'","purchase":{"noPurchaseFor":"P90D","rhythmFactor":2.0,"minOrders":3},"engagement":{"noEngagementFor":"P30D"}}'
fixed='{"asOf":"'$as_of'","purchase":{"noPurchaseFor":"P90D"}}'

# time_build NAME JAR: previews, the winback audience and detection passes on one start of JAR.
time_build() {
  local name=$1 t
  if [ "${FIRST:-0}" = 1 ]; then
    case "$db" in *bench*) ;; *) echo "FIRST=1 empties tables: only in a database named *bench*" >&2; exit 1 ;; esac
    sql -c "TRUNCATE enrollments, entry_log, detector_matches, detector_last_matches" -c "VACUUM ANALYZE enrollments, entry_log, detector_matches, detector_last_matches"
  fi
  start_service "$2" "$work/$name-service.log"
  echo "== $name ($2) $(uptime)"
  api -X POST "http://localhost:$port/api/segments/inactive/preview" -d "$both" >/dev/null  # warm-up
  for run in $(seq 1 "$runs"); do
    t=$(api -X POST "http://localhost:$port/api/segments/inactive/preview" -d "$both")
    echo "$name preview rhythm+fixed+engagement: ${t}s  $(head -c 100 "$work/out.json")"
  done
  for run in $(seq 1 "$runs"); do
    t=$(api -X POST "http://localhost:$port/api/segments/inactive/preview" -d "$fixed")
    echo "$name preview fixed window only: ${t}s  $(head -c 100 "$work/out.json")"
  done
  for run in $(seq 1 "$runs"); do
    t=$(api "http://localhost:$port/api/flows/winback/audience?asOf=$as_of")
    echo "$name winback audience: ${t}s  $(head -c 100 "$work/out.json")"
  done
  for run in $(seq 1 "$runs"); do
    local kind="steady pass (matched customers in cool-down)"
    [ "$(sql -c "select count(*) from detector_matches where flow_id = 'winback'")" = 0 ] && kind="FIRST pass (every eligible customer entered)"
    t=$(api -X POST "http://localhost:$port/api/inactivity/detect?asOf=$as_of")
    echo "$name detection $kind: ${t}s  $(head -c 200 "$work/out.json"); $(uptime)"
  done
  echo "$name $(memory); $(uptime)"
  stop_service
}

for round in $(seq 1 "$rounds"); do
  time_build new "$jar"
  [ -n "$base_jar" ] && time_build base "$base_jar"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; $(sql -c "select 'shared_buffers=' || current_setting('shared_buffers') || ', work_mem=' || current_setting('work_mem') || ', max_parallel_workers_per_gather=' || current_setting('max_parallel_workers_per_gather')") ; $(sql -c 'select version()' | cut -c1-40)"
