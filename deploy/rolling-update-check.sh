#!/usr/bin/env bash
# Rolling update with texts in flight (not part of the unit tests: it runs the packaged service as separate
# processes, like deploy/bench/crash-test.sh, whose helpers it uses).
#   deploy/rolling-update-check.sh [enrollments] [rounds]      (ROLLING_RATE, ROLLING_LATENCY, ROLLING_EXTRA_ENV: below)
# 1. Starts two replicas at the same moment on a fresh database: Flyway migrates once (it holds a PostgreSQL
#    advisory lock while it migrates; the other replica waits, then finds nothing to do).
# 2. Enrolls N customers (default 20,000) in deploy/bench/flows/crash.yaml (send, wait 2 s, send) with pacing on,
#    so that the campaign is still going out while every replica is replaced.
# 3. Replaces each replica in turn, ROUNDS times (default 1): start a fresh one, wait until it is ready, SIGTERM
#    the old one and wait for it to exit (as a Deployment's rolling update with maxSurge 1, maxUnavailable 0 does).
# 4. Lets the campaign finish and counts, per ledger row, the calls that reached the simulator gateway (each is
#    a row of its own, committed by the call): 0 lost, 0 doubled. And no row needed reconciliation: a replica
#    stopped with SIGTERM finished what it held instead of leaving it for a lease to expire.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/bench/runtime-lib.sh
n=${1:-20000}; rounds=${2:-1}
work=${BENCH_DIR:-/tmp/comeback-rolling}; mkdir -p "$work"; : > "$work/service.log"
BENCH_DB=${BENCH_DB:-comeback_rolling}
ports=(${BENCH_PORTS:-8291 8292 8293 8294})
grace=${ROLLING_GRACE:-60}   # the Deployment's terminationGracePeriodSeconds
# Paced so that the 2·N texts take a few minutes; the dispatch lease is short so that a row a stop did leave
# behind would still settle (and be counted as reconciled) within the check. The simulator answers each request
# after ROLLING_LATENCY (one request per message, Twilio's path), so a SIGTERM finds calls in flight: a replica
# that dropped them would leave rows for reconciliation.
env_fast=(COMEBACK_ERASURE_HASH_KEY=rolling-update-check COMEBACK_PACING_SEGMENTS_PER_SECOND=${ROLLING_RATE:-150} COMEBACK_DISPATCH_LEASE=PT20S
          COMEBACK_RECONCILE_EVERY=2s COMEBACK_SIMULATOR_RECEIPT_DELAY=PT0.5S
          COMEBACK_SIMULATOR_LATENCY=${ROLLING_LATENCY:-PT0.3S} COMEBACK_SIMULATOR_BATCH_REQUESTS=false
          COMEBACK_DISPATCH_CONCURRENT_CALLS=64 ${ROLLING_EXTRA_ENV:-})
# ROLLING_EXTRA_ENV="COMEBACK_SHUTDOWN_DELAY=PT0S COMEBACK_SHUTDOWN_DRAIN_TIMEOUT=PT0S" stops as a crash would (batches
# under way interrupted at once): then the last check fails, and the lost/doubled checks still pass (leases and
# reconciliation), which shows what the graceful stop adds.

ensure_postgres_running
create_database $BENCH_DB fresh
use_local_database $BENCH_DB
build_service

pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

progress() {
  bench_psql -c "SELECT (SELECT count(*) FROM outbound_messages) || ' ledger rows, ' ||
                        (SELECT count(*) FROM simulator_messages WHERE direction = 'outbound') || ' gateway calls, ' ||
                        (SELECT count(*) FROM outbound_messages WHERE status IN ('pending', 'dispatching', 'unknown')) || ' not yet handed over'"
}

log "Starting two replicas at the same moment on the fresh database $BENCH_DB"
: > "$work/replica-0.log"; : > "$work/replica-1.log"
slot_pid=(); slot_port=()
for slot in 0 1; do
  slot_port[$slot]=${ports[$slot]}
  slot_pid[$slot]=$(start_service "${slot_port[$slot]}" "$work/replica-$slot.log" "${env_fast[@]}"); pids+=("${slot_pid[$slot]}")
done
wait_ready "${slot_port[0]}"; wait_ready "${slot_port[1]}"

fail=0
check() { # check NAME SQL EXPECTED
  local got; got=$(bench_psql -c "$2")
  if [ "$got" = "$3" ]; then echo "ok   $1: $got"; else echo "FAIL $1: got $got, expected $3"; fail=1; fi
}
check "migrations applied once each" "SELECT count(*) - count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL" 0
check "failed migrations" "SELECT count(*) FROM flyway_schema_history WHERE NOT success" 0
check "replicas that logged a migration error" "SELECT $(grep -c -i 'FlywayException\|Migration.*failed' "$work/replica-0.log" "$work/replica-1.log" | awk -F: '{s += $2} END {print s + 0}')" 0
echo "     migrated by: $(grep -l 'Successfully applied' "$work"/replica-[01].log | xargs -n1 basename | tr '\n' ' ')" \
     "/ found it done: $(grep -l 'Schema .* is up to date' "$work"/replica-[01].log | xargs -rn1 basename | tr '\n' ' ')"

version=$(flow_version crash)
log "Enrolling $n customers (2 texts each)"
bench_psql <<SQL
INSERT INTO customers (external_id, phone, time_zone, consent_status)
SELECT 'roll-' || g, '+4791' || lpad(g::text, 6, '0'), 'Europe/Oslo', 'opted_in' FROM generate_series(1, $n) g;
INSERT INTO enrollments (flow_id, flow_version, customer_id, status, next_wake_at, entered_at, entry_reason)
SELECT 'crash', '$version', id, 'new', now(), now(), 'rolling update check' FROM customers WHERE external_id LIKE 'roll-%';
SQL
sleep 5
log "Sending: $(progress)"

next_port=2
for round in $(seq 1 "$rounds"); do
  for slot in 0 1; do
    port=${ports[$next_port]}; next_port=$(( (next_port + 1) % ${#ports[@]} ))
    # The ports of the replica being replaced are in use until it exits: the new one takes the next free pair.
    while [ "$port" = "${slot_port[0]}" ] || [ "$port" = "${slot_port[1]}" ]; do
      port=${ports[$next_port]}; next_port=$(( (next_port + 1) % ${#ports[@]} ))
    done
    log "Round $round: surge replica on port $port"
    new=$(start_service "$port" "$work/replica-$slot.log" "${env_fast[@]}"); pids+=("$new")
    wait_ready "$port"
    old=${slot_pid[$slot]}
    log "Round $round: SIGTERM replica $old (port ${slot_port[$slot]}) — $(progress)"
    started=$(date +%s.%N)
    kill -TERM "$old"
    for _ in $(seq 1 $((grace * 10))); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$old" 2>/dev/null; then
      echo "FAIL replica $old still running after the ${grace} s grace period: killed"; kill -9 "$old"; fail=1
    fi
    echo "     replica $old exited after $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s"
    slot_pid[$slot]=$new; slot_port[$slot]=$port
  done
done
check "replicas replaced while texts were still going out (texts not yet handed over > 0)" \
  "SELECT count(*) > 0 FROM outbound_messages WHERE status IN ('pending', 'dispatching', 'unknown')" t
check "replicas that stopped claiming on SIGTERM" "SELECT $(cat "$work"/replica-*.log | grep -c 'Stopping: no new claims' || true)" "$((2 * rounds))"

log "Letting the campaign finish"
for _ in $(seq 1 900); do
  left=$(bench_psql -c "SELECT (SELECT count(*) FROM enrollments WHERE exited_at IS NULL) +
                               (SELECT count(*) FROM outbound_messages WHERE status IN ('pending', 'dispatching', 'unknown'))")
  [ "$left" = 0 ] && break
  sleep 1
done
log "Done: $(progress)"

check "enrollments completed" "SELECT count(*) FROM enrollments WHERE exit_label = 'done'" "$n"
check "ledger rows (2 sends each)" "SELECT count(*) FROM outbound_messages" "$((2 * n))"
check "ledger rows that never reached the gateway (lost)" "
  SELECT count(*) FROM outbound_messages m WHERE NOT EXISTS (SELECT 1 FROM simulator_messages s WHERE s.ledger_id = m.id)" 0
check "ledger rows that reached the gateway twice or more (doubled)" "
  SELECT count(*) FROM (SELECT ledger_id FROM simulator_messages WHERE direction = 'outbound' GROUP BY 1 HAVING count(*) > 1) d" 0
check "gateway calls" "SELECT count(*) FROM simulator_messages WHERE direction = 'outbound'" "$((2 * n))"
check "ledger rows left unknown/pending" "SELECT count(*) FROM outbound_messages WHERE status IN ('pending','dispatching','unknown')" 0
check "rows a stopped replica left for reconciliation" "SELECT count(*) FROM message_status_history WHERE detail LIKE 'reconciled%'" 0
check "replicas interrupted at the drain deadline" "SELECT $(cat "$work"/replica-*.log | grep -c 'still busy at the shutdown deadline' || true)" 0
exit $fail
