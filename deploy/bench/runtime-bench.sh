#!/usr/bin/env bash
# Benchmark (not a test) of the flow runtime, end to end to the simulator gateway, on a fresh database.
#   deploy/bench/runtime-bench.sh throughput [waiting] [due]   default 1,000,000 waiting, 100,000 due at once
#   deploy/bench/runtime-bench.sh lateness [per-second] [seconds]  default a steady 1,000 due/s for 60 s
#   deploy/bench/runtime-bench.sh db-scheduler [waiting] [due] [threads]  the same one-time tasks on db-scheduler 16.7.1
# Enrollments wait at the `pause` step of deploy/bench/flows/timer.yaml; a due one is claimed, interpreted
# (one send decision), written to the ledger, dispatched, and recorded by the simulator gateway.
# Throughput counts from the moment the due rows became due to the last gateway call.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/bench/runtime-lib.sh
mode=${1:-throughput}
work=${BENCH_DIR:-/tmp/comeback-runtime-bench}; mkdir -p "$work"; : > "$work/service.log"
# BENCH_DB: the database (dropped and created again); BENCH_JAR: a service jar built elsewhere (A/B runs).
BENCH_DB=${BENCH_DB:-comeback_runtime_bench}
port=${BENCH_PORT:-8193}
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null || true' EXIT

fresh_database() {
  ensure_postgres_running
  create_database $BENCH_DB fresh
  use_local_database $BENCH_DB
  build_service
  pid=$(start_service $port "$work/service.log" COMEBACK_RUNTIME_ENABLED=false)
  wait_ready $port; kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

# seed_waiting COUNT WAKE_SQL — customers and enrollments waiting at `pause`; WAKE_SQL gives each
# row's wake-up from g (1..COUNT). In batches of 1,000,000 to keep transactions reasonable.
seed_waiting() {
  local count=$1 wake=$2 version from to
  version=$(flow_version timer)
  for ((from = 1; from <= count; from += 1000000)); do
    to=$((from + 999999)); [ $to -gt "$count" ] && to=$count
    bench_psql <<SQL
INSERT INTO customers (id, external_id, phone, time_zone, consent_status)
SELECT g, 'b' || g, '+' || (4790000000 + g)::text, 'Europe/Oslo', 'opted_in' FROM generate_series($from, $to) g;
INSERT INTO enrollments (id, flow_id, flow_version, customer_id, status, step_id, state, next_wake_at, entered_at, updated_at)
SELECT g, 'timer', '$version', g, 'waiting_timer', 'pause',
       jsonb_build_object('flowId', 'timer', 'flowVersion', '$version', 'status', 'WAITING_TIMER', 'stepId', 'pause',
         'enrolledAt', now(), 'wakeAt', $wake, 'reAsks', 0, 'occurrences', '{}'::jsonb, 'eventsSeen', '[]'::jsonb,
         'variables', '{}'::jsonb, 'attributes', '{}'::jsonb, 'tagsAdded', '[]'::jsonb, 'tagsRemoved', '[]'::jsonb),
       $wake, now(), now()
FROM generate_series($from, $to) g;
SQL
  done
  bench_psql -c "SELECT setval('customers_id_seq', $count)" -c "SELECT setval('enrollments_id_seq', $count)" >/dev/null
  bench_psql -c "VACUUM ANALYZE customers" -c "VACUUM ANALYZE enrollments" >/dev/null
  # The seeding's WAL (gigabytes for 10M rows) would otherwise be checkpointed during the timed run, and the
  # first update of every page after a checkpoint writes the whole page to the WAL: a cost of the seeding.
  pg_psql -c "CHECKPOINT" >/dev/null
}

throughput() {
  local waiting=${1:-1000000} due=${2:-100000}
  fresh_database
  log "Seeding $waiting waiting enrollments ($due of them to become due at once)"
  # Rows 1..due have a past wake-up in their state but a far next_wake_at until the start signal.
  seed_waiting "$waiting" "CASE WHEN g <= $due THEN now() ELSE now() + interval '30 days' END"
  bench_psql -c "UPDATE enrollments SET next_wake_at = now() + interval '30 days' WHERE id <= $due" >/dev/null
  pid=$(start_service $port "$work/service.log" ${BENCH_ENV:-})
  wait_ready $port
  sleep 2
  # The rows become visible to the workers when this statement commits: the clock starts then.
  bench_psql -c "UPDATE enrollments SET next_wake_at = now() WHERE id <= $due" >/dev/null
  t0=$(bench_psql -c "SELECT extract(epoch FROM clock_timestamp())")
  # CPU used by the service and its PostgreSQL backends while the due rows are worked off: on a busy,
  # shared machine CPU per due step varies far less than the wall-clock rate.
  backends=$(backend_pids); java0=$(cpu_ticks "$pid"); pg0=$(cpu_ticks $backends)
  # The end is read from the gateway's rows afterwards, so this poll only decides when to stop; once a second,
  # because each poll counts a growing table on the cores being measured.
  for _ in $(seq 1 600); do
    done_count=$(bench_psql -c "SELECT count(*) FROM simulator_messages WHERE direction = 'outbound'")
    [ "$done_count" -ge "$due" ] && break
    sleep 1
  done
  java1=$(cpu_ticks "$pid"); backends1=$(backend_pids)
  pg1=$(cpu_ticks $backends1)
  hz=$(getconf CLK_TCK)
  log "load average $(cut -d' ' -f1-3 /proc/loadavg)"
  awk -v j=$((java1 - java0)) -v p=$((pg1 - pg0)) -v hz="$hz" -v n="$due" 'BEGIN {
    printf "CPU while working off: service %.1f s, PostgreSQL backends %.1f s: %.3f ms CPU per due step (%.3f service + %.3f database)\n",
      j / hz, p / hz, (j + p) / hz * 1000 / n, j / hz * 1000 / n, p / hz * 1000 / n }'
  bench_psql -c "SELECT format('comeback: %s waiting, %s due: %s s, %s due steps/s end to end (first ledger row after %s s)',
      $waiting, $due, round(extract(epoch FROM max(s.at)) - $t0, 1),
      round($due / (extract(epoch FROM max(s.at)) - $t0)),
      round(extract(epoch FROM (SELECT min(created_at) FROM outbound_messages)) - $t0, 2))
    FROM simulator_messages s WHERE direction = 'outbound'"
}

lateness() {
  local rate=${1:-1000} seconds=${2:-60} total
  total=$((rate * seconds))
  fresh_database
  log "Seeding $total enrollments due at a steady $rate/s, starting 40 s from now"
  bench_psql -c "CREATE TABLE bench_start AS SELECT now() + interval '40 seconds' AS t" >/dev/null
  seed_waiting "$total" "(SELECT t FROM bench_start) + (g - 1) * interval '1 second' / $rate"
  bench_psql -c "CREATE TABLE bench_due AS SELECT id, next_wake_at AS due_at FROM enrollments" >/dev/null
  pid=$(start_service $port "$work/service.log" ${BENCH_ENV:-})
  wait_ready $port
  for _ in $(seq 1 $((seconds + 300))); do
    done_count=$(bench_psql -c "SELECT count(*) FROM simulator_messages WHERE direction = 'outbound'")
    [ "$done_count" -ge "$total" ] && break
    sleep 1
  done
  bench_psql -c "SELECT CASE WHEN (SELECT t FROM bench_start) < (SELECT min(created_at) FROM outbound_messages) - interval '5 s'
                 THEN 'WARNING: the service started after the first due time; lateness includes its start' ELSE '' END"
  bench_psql -c "SELECT format('comeback: steady %s due/s for %s s: lateness to ledger row p50 %s ms, p99 %s ms; to gateway call p50 %s ms, p99 %s ms, max %s ms',
      $rate, $seconds,
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.created_at - d.due_at)) * 1000),
      round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM m.created_at - d.due_at)) * 1000),
      round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.at - d.due_at)) * 1000),
      round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM s.at - d.due_at)) * 1000),
      round(max(extract(epoch FROM s.at - d.due_at)) * 1000))
    FROM bench_due d JOIN outbound_messages m ON m.enrollment_id = d.id JOIN simulator_messages s ON s.ledger_id = m.id"
}

db_scheduler() {
  local waiting=${1:-1000000} due=${2:-100000} threads=${3:-20}
  ensure_postgres_running
  create_database $BENCH_DB
  use_local_database $BENCH_DB
  (cd deploy/bench/db-scheduler && mvn -B -ntp -q package -DskipTests)
  java -Xmx1g -cp "deploy/bench/db-scheduler/target/db-scheduler-bench-1.jar:deploy/bench/db-scheduler/target/lib/*" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn bench.DbSchedulerBench \
    "$QUARKUS_DATASOURCE_JDBC_URL" "$QUARKUS_DATASOURCE_USERNAME" "$QUARKUS_DATASOURCE_PASSWORD" "$waiting" "$due" "$threads"
}

case "$mode" in
  throughput) shift || true; throughput "$@" ;;
  lateness) shift || true; lateness "$@" ;;
  db-scheduler) shift || true; db_scheduler "$@" ;;
  *) echo "usage: $0 throughput|lateness|db-scheduler [...]" >&2; exit 2 ;;
esac
