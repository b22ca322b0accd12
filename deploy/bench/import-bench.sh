#!/usr/bin/env bash
# Benchmark (not a test): imports 1,000,000 customers and 5,000,000 orders from CSV through the
# HTTP API into a fresh database, with the service's heap capped at 512 MB. Prints rows/s and peak memory.
#   deploy/bench/import-bench.sh [customers] [orders]
# BENCH_DB (database, dropped and created), BENCH_DIR (CSV files and logs), BENCH_PORT, and
# BENCH_APP (a checkout whose target/quarkus-app to run, e.g. a baseline build; default this one).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/postgres.sh
customers=${1:-1000000}; orders=${2:-5000000}
work=${BENCH_DIR:-/tmp/comeback-bench}
port=${BENCH_PORT:-8089}

ensure_postgres_running
db=${BENCH_DB:-comeback_bench}
app=${BENCH_APP:-.}
create_database "$db" fresh
use_local_database "$db"
[ -f "$work/customers.csv" ] && [ "$(($(wc -l < "$work/customers.csv") - 1))" = "$customers" ] \
  && [ "$(($(wc -l < "$work/orders.csv") - 1))" = "$orders" ] || deploy/bench/generate-audience.sh "$work" "$customers" "$orders"
[ -f "$app/target/quarkus-app/quarkus-run.jar" ] || (cd "$app" && mvn -B -ntp -q package -DskipTests)

# No flows: the runtime (inactivity detector, dispatcher) would work through the imported audience
# at the same time and take the cores the import is measured on. BENCH_FLOWS_DIR=flows to keep them.
mkdir -p "$work/no-flows"
export COMEBACK_FLOWS_DIR=${BENCH_FLOWS_DIR:-$work/no-flows}
export COMEBACK_API_KEYS=bench-key QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 1000)) COMEBACK_ADMIN_USERNAME=bench COMEBACK_ADMIN_PASSWORD=bench-password QUARKUS_PROFILE=prod
# Another service on the port would answer the health check and take the import: refuse to measure it.
if curl -s -o /dev/null "http://localhost:$((port + 1000))/q/health"; then
  echo "port $port is already in use: set BENCH_PORT to a free port" >&2; exit 1
fi
java -Xmx512m -Xms512m -jar "$app/target/quarkus-app/quarkus-run.jar" > "$work/service.log" 2>&1 &
pid=$!
sampler=
trap 'kill $pid 2>/dev/null || true; [ -z "$sampler" ] || kill $sampler 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  kill -0 $pid 2>/dev/null || { echo "the service did not start; see $work/service.log" >&2; exit 1; }
  curl -sf "http://localhost:$((port + 1000))/q/health/ready" >/dev/null && break; sleep 1
done

# Peak heap in use, sampled every second (jstat: survivor + eden + old, KB).
( while kill -0 $pid 2>/dev/null; do
    jstat -gc $pid 2>/dev/null | awk 'NR == 2 { print int(($3 + $4 + $6 + $8) / 1024) }'
    sleep 1
  done > "$work/heap.samples" ) &
sampler=$!

echo "load before: $(uptime)"
export COMEBACK_URL="http://localhost:$port" COMEBACK_API_KEY=bench-key
deploy/import.sh customers "$work/customers.csv" > "$work/customers.report" 2> >(tail -n 1 >&2)
deploy/import.sh orders "$work/orders.csv" > "$work/orders.report" 2> >(tail -n 1 >&2)
sleep 1
grep -E "Import of (customers|orders).*(1,000,001|5,000,001|folded)" "$work/service.log" | tail -n 4 | cut -c1-220 || true
echo "customers report: $(head -c 200 "$work/customers.report")"
echo "orders report:    $(head -c 200 "$work/orders.report")"
echo "peak heap used: $(sort -n "$work/heap.samples" | tail -n 1) MiB of 512 MiB; peak RSS: $(awk '/VmHWM/ { print int($2 / 1024) }' /proc/$pid/status) MiB"
echo "postgresql: $(PGPASSWORD=$COMEBACK_DB_PASSWORD psql -h 127.0.0.1 -U "$COMEBACK_DB_USER" -qAt "$db" -c "select 'shared_buffers=' || current_setting('shared_buffers') || ' max_wal_size=' || current_setting('max_wal_size') || ' ' || version()" | cut -c1-120)"
echo "load after:  $(uptime)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB"
echo "database size: $(PGPASSWORD=$COMEBACK_DB_PASSWORD psql -h 127.0.0.1 -U "$COMEBACK_DB_USER" -qAt "$db" -c "select pg_size_pretty(pg_database_size('$db'))")"
