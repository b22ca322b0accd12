#!/usr/bin/env bash
# Load test of the Twilio status webhook on loopback, with valid signatures and a fresh database:
# requests/s and latency percentiles from wrk, then a check that every callback was stored once.
# The service is built first unless BENCH_SKIP_BUILD is set or BENCH_JAR names a packaged
# service (quarkus-run.jar) to run instead.
#   deploy/bench/twilio-webhooks.sh [duration, default 30s] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/postgres.sh

duration=${1:-30s}
connections=${2:-32}
port=${BENCH_PORT:-8089}
token=bench-auth-token
public_url=https://hooks.bench.example
work=$(mktemp -d)
db="comeback_bench_twilio_$$"
# Enough distinct callbacks that wrk never wraps around (an idle 2-core machine answers ~15,000/s).
callbacks=${CALLBACKS:-1000000}

command -v wrk >/dev/null || { log "wrk is needed: apt-get install wrk"; exit 1; }
ensure_postgres_running
create_database "$db" fresh
use_local_database "$db"
cleanup() {
  [ -n "${service_pid:-}" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
  drop_database "$db"
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${BENCH_SKIP_BUILD:-}" ] && [ -z "${BENCH_JAR:-}" ]; then
  log "Building the service"
  mvn -B -ntp -q package -DskipTests
fi
log "Signing $callbacks status callbacks"
python3 deploy/bench/signed_status_callbacks.py "$token" "$public_url" "$callbacks" > "$work/callbacks.tsv"

COMEBACK_TWILIO_AUTH_TOKEN=$token COMEBACK_PUBLIC_URL=$public_url QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 1000)) COMEBACK_ADMIN_USERNAME=bench COMEBACK_ADMIN_PASSWORD=bench-password \
  java ${JAVA_OPTS:-} -jar "${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}" > "$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$((port + 1000))/q/health/ready" >/dev/null && break
  sleep 1
done

log "Warming up (10s), then measuring ($duration, $connections connections, 2 threads)"
psql_bench() { PGPASSWORD=$QUARKUS_DATASOURCE_PASSWORD psql -h "$COMEBACK_DB_HOST" -p "$COMEBACK_DB_PORT" -U "$QUARKUS_DATASOURCE_USERNAME" -d "$db" -Atc "$1"; }
WRK_THREADS=2 wrk -t2 -c"$connections" -d10s -s deploy/bench/signed-callbacks.lua "http://127.0.0.1:$port" -- "$work/callbacks.tsv" > "$work/warmup.txt"
warm_rows=$(psql_bench "select count(*) from twilio_status_callbacks")
psql_bench "truncate twilio_status_callbacks" >/dev/null
# A new file, so the measured run stores new callbacks instead of acknowledging the warm-up's.
python3 deploy/bench/signed_status_callbacks.py "$token" "$public_url" "$callbacks" > "$work/callbacks.tsv"
WRK_THREADS=2 wrk -t2 -c"$connections" -d"$duration" --latency -s deploy/bench/signed-callbacks.lua \
  "http://127.0.0.1:$port" -- "$work/callbacks.tsv" | tee "$work/run.txt"

sent=$(sed -n 's/^requests \([0-9]*\),.*/\1/p' "$work/run.txt")
rows=$(psql_bench "select count(*) from twilio_status_callbacks")
distinct=$(psql_bench "select count(distinct (message_sid, message_status)) from twilio_status_callbacks")
applied=$(psql_bench "select count(*) from twilio_status_callbacks where applied_at is not null")
log "warm-up stored $warm_rows; measured run sent $sent callbacks, stored $rows rows ($distinct distinct, $applied applied)"
# wrk does not count the requests still in flight when it stops: up to one per connection more is stored.
if [ "$sent" -ge "$callbacks" ]; then
  log "wrk sent $sent requests, more than the $callbacks distinct callbacks: raise CALLBACKS"
  exit 1
fi
if [ "$rows" != "$distinct" ] || [ "$rows" -lt "$sent" ] || [ "$rows" -gt $((sent + connections)) ]; then
  log "MISMATCH: every callback should be stored exactly once"
  exit 1
fi
log "OK: every callback stored exactly once"
