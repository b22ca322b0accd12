#!/usr/bin/env bash
# Benchmark (not a test): every dashboard page timed over 1,000,000 customers. The audience and its history
# (orders, texts of one flow, enrollments, replies in the inbox, consent changes) are generated with SQL into a
# fresh database; the packaged service (heap 512 MB) is signed in to with curl and each page is fetched
# 5 times after a warm-up; the median and the slowest are printed.
#   deploy/bench/dashboard-bench.sh [customers]     (BENCH_DB=name overrides the database, default comeback_dashboard_bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/postgres.sh
customers=${1:-1000000}
port=${BENCH_PORT:-18432}
db=${BENCH_DB:-comeback_dashboard_bench}
log_file=${BENCH_LOG:-/tmp/dashboard-bench-service.log}
build=target/dashboard-bench-build
jar="$build/quarkus-app/quarkus-run.jar"

ensure_postgres_running
create_database "$db" fresh
use_local_database "$db"
[ -f "$jar" ] || mvn -B -ntp -q package -DskipTests -Dbuild.dir="$build"

export COMEBACK_API_KEYS=bench-key QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 1000)) COMEBACK_ADMIN_USERNAME=bench COMEBACK_ADMIN_PASSWORD=bench-password QUARKUS_PROFILE=prod COMEBACK_DETECTOR_CRON=off
java -Xmx512m -Xms512m -jar "$jar" > "$log_file" 2>&1 &
pid=$!
jar_dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$jar_dir"' EXIT
for _ in $(seq 1 120); do curl -sf "http://localhost:$((port + 1000))/q/health/ready" >/dev/null && break; sleep 1; done

sql() { PGPASSWORD=$COMEBACK_DB_PASSWORD psql -h "$COMEBACK_DB_HOST" -p "$COMEBACK_DB_PORT" -U "$COMEBACK_DB_USER" -v ON_ERROR_STOP=1 -qAt "$db" "$@"; }

log "Generating $customers customers and their history"
start=$(date +%s)
sql <<SQL
INSERT INTO customers (external_id, phone, first_name, time_zone, consent_status, created_at)
SELECT 'c' || i, '+479' || lpad(i::text, 7, '0'), 'Kari', 'Europe/Oslo',
       CASE WHEN i % 10 = 0 THEN 'opted_out' ELSE 'opted_in' END, now() - (i % 700) * interval '1 day'
FROM generate_series(1, $customers) i;
-- 0..9 orders per customer over the last two years.
INSERT INTO orders (order_id, customer_id, total, order_amount, currency, rate, placed_at)
SELECT 'o' || c.id || '-' || j, c.id, 100 + (c.id * 31 + j) % 900, 100 + (c.id * 31 + j) % 900, 'NOK', 1,
       now() - ((c.id * 104729 + j * 7919) % 730) * interval '1 day' - ((c.id + j) % 1440) * interval '1 minute'
FROM customers c, generate_series(0, 9) j
WHERE j < c.id % 10;
UPDATE customers c SET orders_count = o.n, first_order_at = o.first_at, last_order_at = o.last_at, total_spent = o.spent,
       recent_order_times = comeback_recent_order_times('{}', o.times)
FROM (SELECT customer_id, count(*) AS n, min(placed_at) AS first_at, max(placed_at) AS last_at, sum(total) AS spent,
             array_agg(placed_at) AS times FROM orders GROUP BY customer_id) o
WHERE c.id = o.customer_id;
-- Every customer went through winback once in the last 90 days: an enrollment and a delivered text.
INSERT INTO enrollments (flow_id, flow_version, customer_id, status, entered_at, exited_at, exit_reason)
SELECT 'winback', 'bench', id, 'exited', now() - (id % 90) * interval '1 day', now() - (id % 90) * interval '1 day' + interval '3 days', 'completed'
FROM customers;
INSERT INTO outbound_messages (enrollment_id, send_key, customer_id, flow_id, flow_version, step_id, to_phone, body, kind,
                               status, not_before, created_at, status_at)
SELECT e.id, 'first', e.customer_id, 'winback', 'bench', 'first', '+479' || lpad(e.customer_id::text, 7, '0'),
       'Hei Kari! Vi savner deg.', 'marketing', CASE WHEN e.id % 50 = 0 THEN 'failed' ELSE 'delivered' END,
       e.entered_at, e.entered_at, e.entered_at + interval '1 minute'
FROM enrollments e;
-- One customer in ten answered; half of those answers wait in the inbox, one in a hundred handled.
INSERT INTO inbound_messages (provider_message_id, from_phone, body, received_at, customer_id, routed_to, handled_at)
SELECT 'bench-' || id, '+479' || lpad(id::text, 7, '0'), 'Hei, et spørsmål', now() - (id % 90) * interval '1 day',
       id, CASE WHEN id % 20 = 0 THEN 'inbox' ELSE 'enrollment' END,
       CASE WHEN id % 2000 = 0 THEN now() ELSE NULL END
FROM customers WHERE id % 10 = 0;
INSERT INTO consent_events (phone, customer_id, change, status, source, at)
SELECT phone, id, 'opt_in', 'opted_in', 'checkout', created_at FROM customers;
VACUUM ANALYZE;
SQL
log "Generated in $(( $(date +%s) - start )) s: $(sql -c 'select count(*) from customers') customers, $(sql -c 'select count(*) from orders') orders, $(sql -c 'select count(*) from outbound_messages') texts, database $(sql -c "select pg_size_pretty(pg_database_size('$db'))")"

curl -sf -o /dev/null -c "$jar_dir/cookies" -d "username=bench&password=bench-password" "http://localhost:$port/login"
page() {
  local path=$1 times=()
  curl -sfL -m 300 -o /dev/null -b "$jar_dir/cookies" "http://localhost:$port$path"  # warm-up
  for _ in 1 2 3 4 5; do
    times+=("$(curl -sfL -m 300 -o /dev/null -w '%{time_total}' -b "$jar_dir/cookies" "http://localhost:$port$path")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v p="$path" '{ t[NR] = $1 } END { printf "%-40s median %6.0f ms   slowest %6.0f ms\n", p, t[3] * 1000, t[5] * 1000 }'
}
# Bounded pages first; the overview and a busy flow compute reports over the whole period (minutes here).
page /flows
page /inbox
page "/inbox?show=all"
page "/customers/c$((customers / 2))"
page "/customers?q=%2B479$(printf '%07d' $((customers / 3)))"
page /flows/feedback
page /flows/winback
page /
page "/?flow=winback"
echo "peak RSS of the service: $(awk '/VmHWM/ { print int($2 / 1024) }' /proc/$pid/status) MiB"
