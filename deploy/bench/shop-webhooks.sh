#!/usr/bin/env bash
# Load test of the Shopify webhook on loopback, with valid signatures and a fresh database: deliveries/s and latency
# percentiles from wrk (each request verified by its HMAC and stored before it is answered), then a check that every
# delivery was stored once and that a delivery sent again is answered as a duplicate and not stored twice. The
# service is built first unless BENCH_SKIP_BUILD is set or BENCH_JAR names a packaged
# service (quarkus-run.jar) to run instead.
#   deploy/bench/shop-webhooks.sh [duration, default 30s] [connections, default 32]
# The workers that apply deliveries are off (COMEBACK_RUNTIME_ENABLED=false), so the figure is the intake alone;
# APPLY=1 leaves them on, sharing the two cores with it.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/postgres.sh

duration=${1:-30s}
connections=${2:-32}
port=${BENCH_PORT:-8089}
secret=bench-shopify-webhook-secret
work=$(mktemp -d)
db="comeback_bench_shops_$$"
# Enough distinct deliveries that wrk never wraps around within the run.
deliveries=${DELIVERIES:-500000}
runtime=$([ "${APPLY:-0}" = 1 ] && echo true || echo false)

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
log "Signing $deliveries deliveries (and as many for the warm-up)"
python3 deploy/bench/signed_shop_deliveries.py "$secret" 20000 > "$work/warmup.tsv"
python3 deploy/bench/signed_shop_deliveries.py "$secret" "$deliveries" > "$work/deliveries.tsv"
log "Body size: $(head -1 "$work/deliveries.tsv" | cut -f3 | wc -c) bytes"

COMEBACK_SHOPIFY_WEBHOOK_SECRET=$secret COMEBACK_RUNTIME_ENABLED=$runtime QUARKUS_HTTP_PORT=$port \
  QUARKUS_MANAGEMENT_PORT=$((port + 1000)) COMEBACK_ADMIN_USERNAME=bench COMEBACK_ADMIN_PASSWORD=bench-password \
  COMEBACK_DETECTOR_CRON=off COMEBACK_TRIGGER_DETECTOR_CRON=off \
  java ${JAVA_OPTS:-} -jar "${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}" > "$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$((port + 1000))/q/health/ready" >/dev/null && break
  sleep 1
done

psql_bench() { PGPASSWORD=$QUARKUS_DATASOURCE_PASSWORD psql -h "$COMEBACK_DB_HOST" -p "$COMEBACK_DB_PORT" -U "$QUARKUS_DATASOURCE_USERNAME" -d "$db" -Atc "$1"; }
log "Warming up (10s), then measuring ($duration, $connections connections, 2 threads; workers applying: $runtime)"
WRK_THREADS=2 wrk -t2 -c"$connections" -d10s -s deploy/bench/signed-shop-deliveries.lua "http://127.0.0.1:$port" -- "$work/warmup.tsv" > "$work/warmup.txt"
psql_bench "delete from shop_webhooks" >/dev/null
WRK_THREADS=2 wrk -t2 -c"$connections" -d"$duration" --latency -s deploy/bench/signed-shop-deliveries.lua \
  "http://127.0.0.1:$port" -- "$work/deliveries.tsv" | tee "$work/run.txt"

sent=$(sed -n 's/^requests \([0-9]*\),.*/\1/p' "$work/run.txt")
non2xx=$(sed -n 's/^requests [0-9]*, non-2xx \([0-9]*\),.*/\1/p' "$work/run.txt")
rows=$(psql_bench "select count(*) from shop_webhooks")
distinct=$(psql_bench "select count(distinct delivery_key) from shop_webhooks")
log "sent $sent deliveries ($non2xx not 2xx), stored $rows rows ($distinct distinct)"
if [ "$sent" -ge "$deliveries" ]; then
  log "wrk sent $sent requests, more than the $deliveries distinct deliveries: raise DELIVERIES"
  exit 1
fi
# wrk does not count the requests still in flight when it stops: up to one per connection more is stored.
if [ "$non2xx" != 0 ] || [ "$rows" != "$distinct" ] || [ "$rows" -lt "$sent" ] || [ "$rows" -gt $((sent + connections)) ]; then
  log "MISMATCH: every delivery should be answered 200 and stored exactly once"
  exit 1
fi
# 1,000 stored deliveries sent again (wrk may skip a line when it reconnects, so they are chosen among the stored).
psql_bench "select delivery_key from shop_webhooks order by id limit 1000" > "$work/stored.txt"
replayed=$(python3 deploy/bench/replay_shop_deliveries.py "$port" "$work/deliveries.tsv" "$work/stored.txt")
after=$(psql_bench "select count(*) from shop_webhooks")
log "sent 1000 stored deliveries again: $replayed answered as duplicates; rows $rows -> $after"
if [ "$replayed" != 1000 ] || [ "$after" != "$rows" ]; then
  log "MISMATCH: a delivery sent again must be answered as a duplicate and not stored"
  exit 1
fi
log "OK: every delivery stored exactly once"
