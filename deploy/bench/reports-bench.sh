#!/usr/bin/env bash
# Benchmark (not a test): the three reports over 1,000,000 customers and ~9,500,000 orders.
# The audience is generated with SQL straight into a fresh database (as detector-bench.sh does), plus
# one flow's last 90 days: 300,000 enrollments (10 % held out), a delivered or failed text each, clicks,
# replies and 50,000 NPS answers. Each report is then timed through the HTTP API of the packaged service.
#   deploy/bench/reports-bench.sh [customers]
#   REUSE=1 deploy/bench/reports-bench.sh   — time the reports again on the database generated last time
#   BENCH_DB=name (default comeback_reports_bench), BENCH_JAR=path of a packaged quarkus-run.jar to time another build
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/postgres.sh
customers=${1:-1000000}
port=${BENCH_PORT:-18437}
db=${BENCH_DB:-comeback_reports_bench}
jar=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
log_file=${BENCH_LOG:-/tmp/reports-bench-service.log}

ensure_postgres_running
[ "${REUSE:-0}" = 1 ] || create_database "$db" fresh
use_local_database "$db"
[ -f "$jar" ] || mvn -B -ntp -q package -DskipTests

if curl -s -o /dev/null "http://localhost:$port/"; then log "Port $port is taken; set BENCH_PORT"; exit 1; fi
export COMEBACK_API_KEYS=bench-key QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 1000)) COMEBACK_ADMIN_USERNAME=bench COMEBACK_ADMIN_PASSWORD=bench-password QUARKUS_PROFILE=prod COMEBACK_DETECTOR_CRON=off
java -Xmx512m -Xms512m -jar "$jar" > "$log_file" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
# Flyway creates the schema at start-up; on a busy machine that can take minutes.
for _ in $(seq 1 300); do curl -sf "http://localhost:$((port + 1000))/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://localhost:$((port + 1000))/q/health/ready" >/dev/null || { log "The service did not start; see $log_file"; exit 1; }

sql() { PGPASSWORD=$COMEBACK_DB_PASSWORD psql -h "$COMEBACK_DB_HOST" -p "$COMEBACK_DB_PORT" -U "$COMEBACK_DB_USER" -v ON_ERROR_STOP=1 -qAt "$db" "$@"; }

if [ "${REUSE:-0}" != 1 ]; then
log "Generating $customers customers, their orders and a flow's history"
start=$(date +%s)
sql <<SQL
INSERT INTO customers (external_id, phone, first_name, time_zone, consent_status)
SELECT 'c' || i, '+479' || lpad(i::text, 7, '0'), 'Kari', 'Europe/Oslo', 'opted_in'
FROM generate_series(1, $customers) i;
-- 0..19 orders per customer (9.5 on average), a personal gap of 15..194 days, last order 0..499 days ago.
INSERT INTO orders (order_id, customer_id, total, order_amount, currency, rate, placed_at)
SELECT 'o' || c.id || '-' || j, c.id, 100 + (c.id * 31 + j) % 900, 100 + (c.id * 31 + j) % 900, 'NOK', 1,
       now() - ((c.id * 104729) % 500) * interval '1 day'
             - j * (15 + (c.id * 7919) % 180) * interval '1 day'
             - ((c.id + j * 13) % 1440) * interval '1 minute'
FROM customers c, generate_series(0, 19) j
WHERE j < c.id % 20;
UPDATE customers c SET orders_count = o.n, first_order_at = o.first_at, last_order_at = o.last_at, total_spent = o.spent,
       recent_order_times = comeback_recent_order_times('{}', o.times)
FROM (SELECT customer_id, count(*) AS n, min(placed_at) AS first_at, max(placed_at) AS last_at, sum(total) AS spent,
             array_agg(placed_at) AS times FROM orders GROUP BY customer_id) o
WHERE c.id = o.customer_id;
-- The winback flow over the last 90 days: every third customer (up to 300,000) entered, 10 % held out.
INSERT INTO enrollments (flow_id, flow_version, customer_id, status, entered_at, exited_at, exit_reason, conversion)
SELECT 'winback', 'bench', id, CASE WHEN id % 10 = 0 THEN 'held_out' ELSE 'exited' END,
       now() - (id % 90) * interval '1 day', now() - (id % 90) * interval '1 day' + interval '3 days',
       CASE WHEN id % 97 = 0 THEN 'opted_out' ELSE 'completed' END, id % 7 = 0
FROM customers WHERE id % 3 = 0 AND id <= 900000;
-- One text per treated enrollment, in time order as the ledger writes them; 5 % fail.
INSERT INTO outbound_messages (enrollment_id, send_key, customer_id, flow_id, flow_version, step_id, body, kind, status,
                               error_code, not_before, created_at, status_at)
SELECT e.id, 'offer#1', e.customer_id, 'winback', 'bench', 'offer', 'Vi savner deg!', 'marketing',
       CASE WHEN e.id % 20 = 0 THEN 'undelivered' ELSE 'delivered' END, CASE WHEN e.id % 20 = 0 THEN '30003' END,
       e.entered_at, e.entered_at, e.entered_at + interval '1 minute'
FROM enrollments e WHERE e.status <> 'held_out' ORDER BY e.entered_at;
INSERT INTO engagement_events (customer_id, type, at)
SELECT customer_id, 'link_click', entered_at + interval '2 hours' FROM enrollments WHERE id % 11 = 0 AND status <> 'held_out';
INSERT INTO inbound_messages (provider_message_id, from_phone, body, received_at, customer_id, routed_to, enrollment_id)
SELECT 'SM' || id, '+4790000000', 'Ja', entered_at + interval '1 hour', customer_id, 'enrollment', id
FROM enrollments WHERE id % 13 = 0 AND status <> 'held_out' ORDER BY entered_at;
INSERT INTO survey_responses (enrollment_id, flow_id, step_id, customer_id, score, answered_at)
SELECT id, 'feedback', 'nps_reply', customer_id, id % 11, entered_at FROM enrollments WHERE id % 6 = 0;
VACUUM ANALYZE;
SQL
log "Generated in $(( $(date +%s) - start )) s"
fi
log "Database: $(sql -c 'select count(*) from customers') customers, $(sql -c 'select count(*) from orders') orders, $(sql -c 'select count(*) from enrollments') enrollments, database $(sql -c "select pg_size_pretty(pg_database_size('$db'))")"

api() { curl -sf -o /tmp/reports-bench.out -w '%{time_total}' -H 'Authorization: Bearer bench-key' "$@"; }
run() {
  local name=$1 url=$2
  api "$url" >/dev/null  # warm-up
  for i in 1 2 3; do
    t=$(api "$url")
    echo "$name run $i: ${t}s  $(head -c 160 /tmp/reports-bench.out)"
  done
}
base="http://localhost:$port/api/reports"
run "flow report, last 30 days" "$base/flows/winback"
run "flow report, last 90 days" "$base/flows/winback?from=$(date -u -d '90 days ago' +%Y-%m-%d)"
run "NPS, last 30 days" "$base/nps"
run "loyalty, last 30 days by month" "$base/loyalty"
run "loyalty, 12 months by month" "$base/loyalty?from=$(date -u -d '12 months ago' +%Y-%m-01)&interval=month"
run "loyalty of one flow, last 30 days" "$base/loyalty?flow=winback"
echo "peak RSS of the service: $(awk '/VmHWM/ { print int($2 / 1024) }' /proc/$pid/status) MiB"
