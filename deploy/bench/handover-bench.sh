#!/usr/bin/env bash
# Benchmark (not a test) of the hand-over to Twilio at the account's concurrency limit.
#   deploy/bench/handover-bench.sh [texts] [replica counts...]        default: 100000 1 2
# For each replica count: a fresh database, a fake of Twilio's Messages API as a process of its own
# (FakeTwilioServer, from the test classes: every answer after FAKE_LATENCY_MS, default 150 ms; more than
# FAKE_LIMIT requests in flight, default 100, refused at once with 429 / 20429), TEXTS campaign texts queued as
# ledger rows (marketing, opted-in customers, one segment) that become due at once, then that many packaged
# service processes on the database with COMEBACK_GATEWAY=twilio and the real SDK pointed at the fake. It waits
# until no text is pending or being handed over and reports, from the fake: creates/s (first to last create,
# and per 10 s), the most requests in flight at once, 429s as a share of creates, duplicates (creates for a
# ledger id already created); from the database: texts accepted, and the time from release to the last outcome.
# Goals (issue 20): >= 600 creates/s, 429s < 1 %, 0 duplicates, 100,000 handed over in <= 3 minutes.
# Other settings: COMEBACK_PROVIDER_CONCURRENCY_LIMIT (default 100), BENCH_TIMEOUT (seconds, default 900),
# BENCH_JAVA_OPTS (default -Xmx1g), BENCH_JAR (a packaged service to run instead of this checkout's), FAKE_PORT
# (8490) and BENCH_PORTS (8491-8494; management ports 1000 higher).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/bench/runtime-lib.sh
texts=${1:-100000}; shift || true
counts=("$@"); [ ${#counts[@]} -gt 0 ] || counts=(1 2)
latency=${FAKE_LATENCY_MS:-150}; fake_limit=${FAKE_LIMIT:-100}; limit=${COMEBACK_PROVIDER_CONCURRENCY_LIMIT:-100}
timeout=${BENCH_TIMEOUT:-900}
work=${BENCH_DIR:-/tmp/comeback-handover-bench}; mkdir -p "$work"
BENCH_DB=${BENCH_DB:-comeback_handover_bench}
fake_port=${FAKE_PORT:-8490}
ports=(${BENCH_PORTS:-8491 8492 8493 8494})
account=AC0123456789abcdef0123456789abcdef
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=(); }
trap cleanup EXIT

ensure_postgres_running
build_service
if [ ! -f target/test-classes/io/comeback/gateway/twilio/FakeTwilioServer.class ]; then
  log "Compiling the fake Twilio API (test classes)"
  mvn -B -ntp -q test-compile
fi

run_round() {
  local replicas=$1
  : > "$work/service.log"
  create_database $BENCH_DB fresh
  use_local_database $BENCH_DB
  log "Migrating"
  local pid
  pid=$(start_service ${ports[0]} "$work/service.log" COMEBACK_RUNTIME_ENABLED=false); pids+=("$pid")
  wait_ready ${ports[0]}; kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; pids=()

  log "Queueing $texts campaign texts to opted-in customers, not yet due"
  bench_psql <<SQL
INSERT INTO customers (external_id, phone, first_name, time_zone, consent_status, consent_at)
SELECT 'hb-' || g, '+4791' || lpad(g::text, 6, '0'), 'Kari', 'Europe/Oslo', 'opted_in', now()
FROM generate_series(1, $texts) g;
INSERT INTO outbound_messages (customer_id, flow_id, step_id, to_phone, body, kind, locale, segments, encoding,
                               status, not_before, created_at, status_at)
SELECT id, 'winback-burst', 'offer', phone, 'Hei Kari! Vi savner deg: 20 % på alt denne uken. Svar STOPP for å melde deg av.',
       'marketing', 'nb', 1, 'gsm7', 'pending', now() + interval '1 day', now(), now()
FROM customers WHERE external_id LIKE 'hb-%';
VACUUM ANALYZE customers;
VACUUM ANALYZE outbound_messages;
SQL

  log "Starting the fake Twilio API on :$fake_port ($latency ms, at most $fake_limit in flight)"
  java -cp target/test-classes io.comeback.gateway.twilio.FakeTwilioServer $fake_port "$latency" "$fake_limit" \
      >> "$work/fake.log" 2>&1 &
  pids+=($!)
  local twilio=(COMEBACK_GATEWAY=twilio COMEBACK_TWILIO_API_BASE_URL=http://127.0.0.1:$fake_port
                COMEBACK_TWILIO_ACCOUNT_SID=$account COMEBACK_TWILIO_AUTH_TOKEN=bench-token
                COMEBACK_TWILIO_MESSAGING_SERVICE_SID=MG22222222222222222222222222222222
                COMEBACK_PUBLIC_URL=https://hooks.comeback.example COMEBACK_PROVIDER_CONCURRENCY_LIMIT=$limit)
  log "Starting $replicas replica(s) with COMEBACK_GATEWAY=twilio"
  local i
  for ((i = 0; i < replicas; i++)); do
    pids+=("$(start_service "${ports[$i]}" "$work/service.log" "${twilio[@]}")")
  done
  for ((i = 0; i < replicas; i++)); do wait_ready "${ports[$i]}"; done
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$fake_port/bench/stats" >/dev/null && break; sleep 0.5; done
  sleep 2

  local load_before; load_before=$(cut -d' ' -f1 /proc/loadavg)
  # CPU of the replicas, the fake and the database's backends for this database, from /proc.
  local backends; backends=$(backend_pids)
  local ticks_before; ticks_before=$(cpu_ticks "${pids[@]}" $backends)
  # The texts become due when this commits: the clock starts then.
  bench_psql -c "CREATE TABLE bench_start AS SELECT clock_timestamp() AS t" \
             -c "UPDATE outbound_messages SET not_before = (SELECT t FROM bench_start) WHERE status = 'pending'" >/dev/null
  local started=$SECONDS left
  # Sends in flight at each replica (its slots in use), sampled twice a second, to compare with the fake's mean.
  local ports_now=("${ports[@]:0:$replicas}")
  ( while true; do
      for port in "${ports_now[@]}"; do
        curl -s "http://localhost:$((port + 1000))/q/metrics" | awk '/^comeback_dispatch_in_flight/ {print $2}'
      done
      sleep 0.5
    done ) > "$work/in-flight.samples" 2>/dev/null &
  local sampler=$!
  while true; do
    left=$(bench_psql -c "SELECT count(*) FROM outbound_messages WHERE status IN ('pending', 'dispatching')")
    [ "$left" = 0 ] && break
    if (( SECONDS - started > timeout )); then log "timed out with $left texts left"; break; fi
    sleep 1
  done
  kill $sampler 2>/dev/null || true; wait $sampler 2>/dev/null || true
  local ticks; ticks=$(( $(cpu_ticks "${pids[@]}" $backends) - ticks_before ))
  local elapsed=$(( SECONDS - started ))
  local sampled; sampled=$(awk -v r="$replicas" '{s += $1; n++} END {if (n) printf "%.1f", s / n * r; else print "none"}' "$work/in-flight.samples")
  local load_after; load_after=$(cut -d' ' -f1 /proc/loadavg)
  local stats; stats=$(curl -sf "http://127.0.0.1:$fake_port/bench/stats")
  for ((i = 0; i < replicas; i++)); do
    echo "replica :${ports[$i]}: $(curl -s "http://localhost:$((ports[$i] + 1000))/q/metrics" \
        | awk '/^comeback_dispatch_messages_total/ {m=$2} /^comeback_dispatch_throttled_total/ {t=$2} END {printf "handed over %d, throttled %d", m, t}')"
  done
  cleanup

  local outcome; outcome=$(bench_psql <<SQL
SELECT format('%s texts: %s; last outcome %s s after release',
    count(*), string_agg(status || ' ' || n, ', '), round(extract(epoch FROM max(last) - (SELECT t FROM bench_start))::numeric, 1))
FROM (SELECT status, count(*) AS n, max(status_at) AS last FROM outbound_messages GROUP BY status) s;
SQL
)
  python3 - "$stats" "$replicas" "$texts" "$latency" "$fake_limit" "$outcome" "$load_before" "$load_after" "$sampled" \
      "$ticks" "$(getconf CLK_TCK)" "$elapsed" <<'PY'
import json, sys
s = json.loads(sys.argv[1]); replicas, texts, latency, limit = sys.argv[2:6]
outcome, load_before, load_after, sampled = sys.argv[6:10]
ticks, hz, elapsed = int(sys.argv[10]), int(sys.argv[11]), max(int(sys.argv[12]), 1)
creates, secs = s["creates"], s["createSeconds"]
per = s["createsPerSecond"]
tens = [sum(per[i:i + 10]) / len(per[i:i + 10]) for i in range(0, len(per), 10)]
steady = per[1:-1] or per
print(f"handover {replicas} replica(s), {texts} texts, fake {latency} ms / {limit} in flight:")
print(f"  creates {creates} in {secs:.1f} s = {creates / secs if secs else 0:.0f}/s "
      f"(goal >= 600); whole seconds min {min(steady) if steady else 0} max {max(steady) if steady else 0}")
print(f"  per 10 s: {' '.join(f'{t:.0f}' for t in tens)}")
print(f"  in flight at the fake: peak {s['peakInFlight']} (arriving at once {s['peakArriving']}), "
      f"mean {s['meanInFlight']}; mean time in the fake {s['meanAnswerMillis']} ms; "
      f"slots in use at the service(s), sampled: mean {sampled}")
print(f"  "
      f"429s {s['throttled']} = {100 * s['throttled'] / max(creates, 1):.2f} % of creates (goal < 1 %); "
      f"duplicates {s['duplicates']} (goal 0)")
print(f"  {outcome} (goal <= 180 s for 100,000)")
cpu = ticks / hz
print(f"  CPU (replicas, fake, PostgreSQL backends) {cpu:.1f} s = {cpu / elapsed:.2f} cores over {elapsed} s, "
      f"{1000 * cpu / max(creates, 1):.2f} ms per create")
print(f"  load average {load_before} before, {load_after} after")
PY
}

for count in "${counts[@]}"; do
  run_round "$count"
done
