#!/usr/bin/env bash
# Benchmark (not a test): inactivity detection over 1,000,000 customers and ~9,500,000 orders.
# The audience is generated with SQL straight into a fresh database (facts folded set-based with the
# same functions the importer uses), then preview, a flow's audience and detection passes are timed
# through the HTTP API of the packaged service (heap capped at 512 MB).
#   deploy/bench/detector-bench.sh [customers]
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/postgres.sh
customers=${1:-1000000}
port=${BENCH_PORT:-8091}
db=comeback_detector_bench
log_file=${BENCH_LOG:-/tmp/detector-bench-service.log}

ensure_postgres_running
create_database "$db" fresh
use_local_database "$db"
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -ntp -q package -DskipTests

export COMEBACK_API_KEYS=bench-key QUARKUS_HTTP_PORT=$port QUARKUS_PROFILE=prod COMEBACK_DETECTOR_CRON=off
java -Xmx512m -Xms512m -jar target/quarkus-app/quarkus-run.jar > "$log_file" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -sf "http://localhost:$port/q/health/ready" >/dev/null && break; sleep 1; done

sql() { PGPASSWORD=$COMEBACK_DB_PASSWORD psql -h "$COMEBACK_DB_HOST" -p "$COMEBACK_DB_PORT" -U "$COMEBACK_DB_USER" -v ON_ERROR_STOP=1 -qAt "$db" "$@"; }

log "Generating $customers customers and their orders"
start=$(date +%s)
sql <<SQL
INSERT INTO customers (external_id, phone, first_name, time_zone, consent_status)
SELECT 'c' || i, '+479' || lpad(i::text, 7, '0'), 'Kari',
       (ARRAY['Europe/Oslo', 'Europe/Stockholm', 'America/New_York'])[1 + i % 3],
       CASE WHEN i % 10 = 0 THEN 'opted_out' ELSE 'opted_in' END
FROM generate_series(1, $customers) i;
-- 0..19 orders per customer (9.5 on average), a personal gap of 15..194 days, last order 0..499 days ago.
INSERT INTO orders (order_id, customer_id, total, currency, placed_at)
SELECT 'o' || c.id || '-' || j, c.id, 100 + (c.id * 31 + j) % 900, 'NOK',
       now() - ((c.id * 104729) % 500) * interval '1 day'
             - j * (15 + (c.id * 7919) % 180) * interval '1 day'
             - ((c.id + j * 13) % 1440) * interval '1 minute'
FROM customers c, generate_series(0, 19) j
WHERE j < c.id % 20;
UPDATE customers c SET orders_count = o.n, first_order_at = o.first_at, last_order_at = o.last_at, total_spent = o.spent,
       recent_order_times = comeback_recent_order_times('{}', o.times),
       median_gap_seconds = comeback_median_gap_seconds(comeback_recent_order_times('{}', o.times))
FROM (SELECT customer_id, count(*) AS n, min(placed_at) AS first_at, max(placed_at) AS last_at, sum(total) AS spent,
             array_agg(placed_at) AS times FROM orders GROUP BY customer_id) o
WHERE c.id = o.customer_id;
-- Two thirds visited the site in the last 0..199 days; one in twenty ignored 0..9 texts.
UPDATE customers SET last_engaged_at = now() - (id * 37 % 200) * interval '1 day' WHERE id % 3 <> 0;
UPDATE customers SET unanswered_messages = id % 10, last_marketing_text_at = now() - interval '3 days' WHERE id % 20 = 0;
VACUUM ANALYZE customers;
VACUUM ANALYZE orders;
SQL
log "Generated in $(( $(date +%s) - start )) s: $(sql -c 'select count(*) from customers') customers, $(sql -c 'select count(*) from orders') orders, database $(sql -c "select pg_size_pretty(pg_database_size('$db'))")"

api() { curl -sf -o /tmp/detector-bench.out -w '%{time_total}' -H 'Authorization: Bearer bench-key' -H 'Content-Type: application/json' "$@"; }
preview='{"purchase":{"noPurchaseFor":"P90D","rhythmFactor":2.0,"minOrders":3},"engagement":{"noEngagementFor":"P30D"}}'
api -X POST "http://localhost:$port/api/segments/inactive/preview" -d "$preview" >/dev/null  # warm-up
for run in 1 2 3; do
  t=$(api -X POST "http://localhost:$port/api/segments/inactive/preview" -d "$preview")
  echo "preview (rhythm + fixed + engagement) run $run: ${t}s  $(head -c 120 /tmp/detector-bench.out)"
done
for run in 1 2 3; do
  t=$(api -X POST "http://localhost:$port/api/segments/inactive/preview" -d '{"purchase":{"noPurchaseFor":"P90D"}}')
  echo "preview (fixed window only) run $run: ${t}s  $(head -c 120 /tmp/detector-bench.out)"
done
t=$(api "http://localhost:$port/api/flows/winback/audience")
echo "winback audience: ${t}s  $(head -c 120 /tmp/detector-bench.out)"
t=$(api -X POST "http://localhost:$port/api/inactivity/detect")
echo "detection pass 1 (first: every eligible customer matched and recorded): ${t}s  $(cat /tmp/detector-bench.out)"
for run in 2 3; do
  t=$(api -X POST "http://localhost:$port/api/inactivity/detect")
  echo "detection pass $run (steady state: matched customers in cool-down): ${t}s  $(cat /tmp/detector-bench.out)"
done
echo "peak RSS of the service: $(awk '/VmHWM/ { print int($2 / 1024) }' /proc/$pid/status) MiB"
