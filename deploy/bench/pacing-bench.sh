#!/usr/bin/env bash
# Benchmark (not a test) of pacing shared by two replicas.
#   deploy/bench/pacing-bench.sh [segments-per-second] [seconds] [texts]   default 50, 60, 4000
# Starts TWO service processes on one fresh database with the simulator gateway and
# comeback.pacing.segments-per-second set, queues TEXTS texts of 1–3 segments (a backlog larger
# than the window can drain), releases them at once, and measures the segments handed to the
# gateway (simulator_messages.at) per second over the window: mean, min/max per second and per
# 10 seconds. Goal: the mean within ±5 % of the configured rate.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/bench/runtime-lib.sh
rate=${1:-50}; seconds=${2:-60}; texts=${3:-4000}
work=${BENCH_DIR:-/tmp/comeback-pacing-bench}; mkdir -p "$work"; : > "$work/service.log"
BENCH_DB=comeback_pacing_bench
ports=(8196 8197)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

ensure_postgres_running
create_database $BENCH_DB fresh
use_local_database $BENCH_DB
build_service
log "Migrating"
pid=$(start_service ${ports[0]} "$work/service.log" COMEBACK_RUNTIME_ENABLED=false); pids+=("$pid")
wait_ready ${ports[0]}; kill "$pid"; wait "$pid" 2>/dev/null || true

log "Queueing $texts texts of 1–3 segments, not yet due"
bench_psql <<SQL
INSERT INTO outbound_messages (to_phone, body, kind, segments, encoding, status, not_before, created_at, status_at)
SELECT '+4791' || lpad(g::text, 6, '0'), repeat('x', 150 * (1 + g % 3)), 'transactional', 1 + g % 3, 'gsm7',
       'pending', now() + interval '1 day', now(), now()
FROM generate_series(1, $texts) g;
SQL

log "Starting two replicas paced at $rate segments/s"
for port in "${ports[@]}"; do
  pids+=("$(start_service "$port" "$work/service.log" COMEBACK_PACING_SEGMENTS_PER_SECOND="$rate")")
done
for port in "${ports[@]}"; do wait_ready "$port"; done
sleep 2
# The texts become due when this commits: the window starts then.
bench_psql -c "CREATE TABLE bench_start AS SELECT clock_timestamp() AS t" \
           -c "UPDATE outbound_messages SET not_before = (SELECT t FROM bench_start)" >/dev/null
sleep $((seconds + 2))
for port in "${ports[@]}"; do
  echo "replica :$port handed over $(curl -s "http://localhost:$((port + 1000))/q/metrics" | awk '/^comeback_dispatch_messages_total/ {print $2}') texts"
done
cleanup; pids=()

bench_psql <<SQL
WITH t AS (SELECT t FROM bench_start),
sent AS (SELECT extract(epoch FROM s.at - t.t) AS dt, m.segments
         FROM simulator_messages s JOIN outbound_messages m ON m.id = s.ledger_id, t),
per_second AS (SELECT g AS second, coalesce(sum(segments), 0) AS segments
               FROM generate_series(0, $seconds - 1) g LEFT JOIN sent ON sent.dt >= g AND sent.dt < g + 1 GROUP BY g),
per_ten AS (SELECT second / 10 AS w, sum(segments) / 10.0 AS rate FROM per_second GROUP BY 1)
SELECT format('pacing %s segments/s, two replicas, %s s: mean %s segments/s (%s %% off), per second min %s max %s, per 10 s %s; %s texts still pending',
    $rate, $seconds, round(avg(segments), 2), round((avg(segments) / $rate - 1) * 100, 2), min(segments), max(segments),
    (SELECT string_agg(round(rate, 1)::text, ' ' ORDER BY w) FROM per_ten),
    (SELECT count(*) FROM outbound_messages WHERE status = 'pending'))
FROM per_second;
SQL
bench_psql -c "SELECT format('first %s s excluded (start-up and the full bucket): mean %s segments/s', 5,
    round(sum(m.segments) / ($seconds - 5.0), 2)) FROM simulator_messages s JOIN outbound_messages m ON m.id = s.ledger_id, bench_start b
    WHERE s.at >= b.t + interval '5 s' AND s.at < b.t + $seconds * interval '1 s'"
