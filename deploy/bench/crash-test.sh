#!/usr/bin/env bash
# Crash safety (not part of the unit tests: it runs the packaged service as separate processes).
#   deploy/bench/crash-test.sh [one|two] [enrollments] [kills]
# Enrolls N customers (default 10,000) in deploy/bench/flows/crash.yaml (send, wait 2 s, send), then
# runs the service and kill -9s it repeatedly while the enrollments are being woken and sent; with
# "two", two service processes share the database and are killed in turn. Finally lets it finish and
# checks: every enrollment completed, every due step has its ledger row, every ledger row reached the
# gateway, and no (enrollment, step, occurrence) produced two gateway calls (the simulator records
# each call in its own committed row).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/bench/runtime-lib.sh
mode=${1:-one}; n=${2:-10000}; kills=${3:-6}
work=${BENCH_DIR:-/tmp/comeback-crash}; mkdir -p "$work"; : > "$work/service.log"
BENCH_DB=${BENCH_DB:-comeback_crash}
ports=(${BENCH_PORTS:-8191 8192})
# Short lease and frequent reconciliation so that rows abandoned by a kill settle within the test.
# Small batches (CRASH_BATCH rows) and one worker per loop (CRASH_WORKERS) spread the work over every kill:
# with the defaults the first process sends all 20,000 texts within a few seconds and the later kills hit an
# idle service. With two processes the survivor works on while the victim restarts, so each goes slower still.
if [ "$mode" = two ]; then batch=${CRASH_BATCH:-1}; workers=${CRASH_WORKERS:-1}; else batch=${CRASH_BATCH:-3}; workers=${CRASH_WORKERS:-2}; fi
fast=(COMEBACK_DISPATCH_LEASE=PT15S COMEBACK_RECONCILE_EVERY=2s COMEBACK_SIMULATOR_RECEIPT_DELAY=PT0.5S
      COMEBACK_RUNTIME_BATCH_SIZE=$batch COMEBACK_DISPATCH_BATCH_SIZE=$batch
      COMEBACK_RUNTIME_WORKERS=$workers COMEBACK_DISPATCH_WORKERS=$workers)

ensure_postgres_running
create_database $BENCH_DB fresh
use_local_database $BENCH_DB
build_service

pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

log "Migrating and loading the flow"
pid=$(start_service ${ports[0]} "$work/service.log" COMEBACK_RUNTIME_ENABLED=false); pids+=("$pid")
wait_ready ${ports[0]}; kill "$pid"; wait "$pid" 2>/dev/null || true
version=$(flow_version crash)

log "Enrolling $n customers"
bench_psql <<SQL
INSERT INTO customers (external_id, phone, time_zone, consent_status)
SELECT 'crash-' || g, '+4790' || lpad(g::text, 6, '0'), 'Europe/Oslo', 'opted_in' FROM generate_series(1, $n) g;
INSERT INTO enrollments (flow_id, flow_version, customer_id, status, next_wake_at, entered_at, entry_reason)
SELECT 'crash', '$version', id, 'new', now(), now(), 'crash test' FROM customers WHERE external_id LIKE 'crash-%';
SQL

progress() {
  bench_psql -c "SELECT (SELECT count(*) FROM enrollments WHERE exited_at IS NOT NULL) || ' exited, ' ||
                        (SELECT count(*) FROM simulator_messages WHERE direction = 'outbound') || ' gateway calls'"
}

running=()
for i in $(seq 1 "$kills"); do
  if [ "$mode" = two ]; then
    # Keep both nodes up; kill one of them each round.
    for slot in 0 1; do
      if [ -z "${running[$slot]:-}" ] || ! kill -0 "${running[$slot]}" 2>/dev/null; then
        running[$slot]=$(start_service ${ports[$slot]} "$work/service.log" "${fast[@]}"); pids+=("${running[$slot]}")
      fi
    done
    victim=$((RANDOM % 2))
  else
    running[0]=$(start_service ${ports[0]} "$work/service.log" "${fast[@]}"); pids+=("${running[0]}")
    victim=0
  fi
  for slot in 0 1; do [ -n "${running[$slot]:-}" ] && wait_ready ${ports[$slot]}; done
  # Killed 0.5–3 s into its work: mid-batch, mid-dispatch, between gateway call and record.
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.1f", 0.5 + (r % 26) / 10 }')"
  kill -9 "${running[$victim]}"; wait "${running[$victim]}" 2>/dev/null || true; running[$victim]=""
  log "kill -9 #$i ($mode): $(progress)"
done

log "Restarting and letting it finish"
started=$(date +%s)
for slot in 0 1; do
  if [ "$slot" = 0 ] || [ "$mode" = two ]; then
    if [ -z "${running[$slot]:-}" ]; then
      running[$slot]=$(start_service ${ports[$slot]} "$work/service.log" "${fast[@]}"); pids+=("${running[$slot]}")
    fi
  fi
done
for _ in $(seq 1 300); do
  left=$(bench_psql -c "SELECT (SELECT count(*) FROM enrollments WHERE exited_at IS NULL) +
                               (SELECT count(*) FROM outbound_messages WHERE status IN ('pending', 'dispatching', 'unknown'))")
  [ "$left" = 0 ] && break
  sleep 1
done
log "Finished in $(( $(date +%s) - started )) s: $(progress)"

fail=0
check() { # check NAME SQL EXPECTED
  local got; got=$(bench_psql -c "$2")
  if [ "$got" = "$3" ]; then echo "ok   $1: $got"; else echo "FAIL $1: got $got, expected $3"; fail=1; fi
}
check "enrollments completed" "SELECT count(*) FROM enrollments WHERE exit_label = 'done'" "$n"
check "ledger rows (2 sends each)" "SELECT count(*) FROM outbound_messages" "$((2 * n))"
check "ledger rows with a provider id" "SELECT count(*) FROM outbound_messages WHERE provider_message_id IS NOT NULL" "$((2 * n))"
check "ledger rows left unknown/pending" "SELECT count(*) FROM outbound_messages WHERE status IN ('pending','dispatching','unknown')" 0
check "gateway calls" "SELECT count(*) FROM simulator_messages WHERE direction = 'outbound'" "$((2 * n))"
check "(enrollment, step, occurrence) with two gateway calls" "
  SELECT count(*) FROM (SELECT m.enrollment_id, m.send_key FROM simulator_messages s
    JOIN outbound_messages m ON m.id = s.ledger_id GROUP BY 1, 2 HAVING count(*) > 1) d" 0
echo "reconciled after kills: $(bench_psql -c "SELECT count(*) FROM message_status_history WHERE detail LIKE 'reconciled%'") rows" \
     "($(bench_psql -c "SELECT count(*) FROM message_status_history WHERE detail LIKE 'reconciled: found%'") found at the gateway," \
     "$(bench_psql -c "SELECT count(*) FROM message_status_history WHERE detail LIKE 'reconciled: the provider never%'") never received → sent once)"
exit $fail
