#!/usr/bin/env bash
# Database cost of the ledger's report triggers, V90 (one plpgsql call and one INSERT per row) against
# V100 (one call and one grouped INSERT per statement), on the runtime's statements: ledger rows inserted
# pending in batches, then claimed (dispatching), recorded (sent) and delivered, 200 rows per statement,
# as the dispatcher and the receipts do. One backend, no service: far steadier than the end-to-end
# benchmark on a busy machine. Prints milliseconds per 1,000 texts for each build, ROUNDS times alternated.
#   deploy/bench/ledger-trigger-cost.sh [texts] [rounds]      (BENCH_DB, default comeback_ledger_trigger_cost)
# VERSIONS="130 150" compares other schema versions (default "99 100"; each: migrations up to and including it);
# COMMIT_EACH=1 commits (unflushed, as the runtime does) after every statement instead of running all in one
# transaction: a HOT update needs its page pruned of the versions before it, which one transaction never allows;
# an entry VERSION+FILE[+FILE…] applies those SQL files after the migrations, e.g. the HOT-ledger experiment:
#   VERSIONS="130 130+deploy/bench/experiments/ledger-open-texts.sql 130+deploy/bench/experiments/ledger-open-texts.sql+deploy/bench/experiments/without-open-triggers.sql"
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/bench/runtime-lib.sh
texts=${1:-50000}; rounds=${2:-3}
BENCH_DB=${BENCH_DB:-comeback_ledger_trigger_cost}
ensure_postgres_running

# The schema from the migrations (plain SQL, applied in version order), up to and including $1.
schema_up_to() {
  create_database "$BENCH_DB" fresh
  for f in $(ls src/main/resources/db/migration/V*.sql | sed -E 's/.*\/V([0-9]+)__.*/\1 &/' | sort -n | awk -v max="$1" '$1 <= max {print $2}'); do
    bench_psql -f "$f" >/dev/null
  done
}

measure() {
  local commit=""; [ "${COMMIT_EACH:-0}" = 1 ] && commit="COMMIT;"
  bench_psql <<SQL
TRUNCATE outbound_messages, flow_count_deltas, message_status_history;
INSERT INTO customers (id, external_id, phone, consent_status, time_zone)
SELECT g, 'c' || g, '+4790' || g, 'opted_in', 'Europe/Oslo' FROM generate_series(1, $texts) g ON CONFLICT DO NOTHING;
VACUUM ANALYZE customers;
SET synchronous_commit = off;
DO \$\$
DECLARE
    t0 timestamptz; spent interval[] := ARRAY[interval '0', interval '0', interval '0', interval '0'];
    first bigint; b int; batch int := 200;
BEGIN
    FOR b IN 0 .. ($texts / batch) - 1 LOOP
        t0 := clock_timestamp();
        INSERT INTO outbound_messages (enrollment_id, send_key, customer_id, flow_id, flow_version, step_id, to_phone, body,
                                       kind, status, not_before, created_at, status_at)
        SELECT g, 'ping', g, 'timer', 'v1', 'ping', '+4790' || g, 'Timer benchmark text.', 'transactional', 'pending',
               now(), now(), now()
        FROM generate_series(b * batch + 1, (b + 1) * batch) g;
        $commit
        spent[1] := spent[1] + (clock_timestamp() - t0);
        t0 := clock_timestamp();
        UPDATE outbound_messages SET status = 'dispatching', dispatched_at = now(), attempts = attempts + 1, status_at = now()
        WHERE enrollment_id BETWEEN b * batch + 1 AND (b + 1) * batch;
        $commit
        spent[2] := spent[2] + (clock_timestamp() - t0);
        t0 := clock_timestamp();
        UPDATE outbound_messages SET status = 'sent', gateway = 'simulator', provider_message_id = 'SM' || id, status_at = now()
        WHERE enrollment_id BETWEEN b * batch + 1 AND (b + 1) * batch;
        $commit
        spent[3] := spent[3] + (clock_timestamp() - t0);
        t0 := clock_timestamp();
        UPDATE outbound_messages SET status = 'delivered', status_at = now()
        WHERE enrollment_id BETWEEN b * batch + 1 AND (b + 1) * batch;
        $commit
        spent[4] := spent[4] + (clock_timestamp() - t0);
    END LOOP;
    RAISE NOTICE 'ms per 1,000 texts: insert % , claim % , sent % , delivered % , total %',
        round(extract(epoch FROM spent[1]) * 1e6 / $texts, 1), round(extract(epoch FROM spent[2]) * 1e6 / $texts, 1),
        round(extract(epoch FROM spent[3]) * 1e6 / $texts, 1), round(extract(epoch FROM spent[4]) * 1e6 / $texts, 1),
        round(extract(epoch FROM spent[1] + spent[2] + spent[3] + spent[4]) * 1e6 / $texts, 1);
END \$\$;
SELECT 'check: ' || sum(sent) || ' sent, ' || sum(delivered) || ' delivered counted' FROM flow_count_deltas;
SQL
}

for round in $(seq 1 "$rounds"); do
  for entry in ${VERSIONS:-99 100}; do
    IFS=+ read -r version extras <<<"$entry"
    schema_up_to "$version"
    for extra in ${extras//+/ }; do bench_psql -f "$extra" >/dev/null; done
    echo "round $round, migrations up to V$version${extras:+ + $extras}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    measure 2>&1 | grep -E "ms per|check|ERROR" | sed "s/^.*NOTICE: *//"
  done
done
drop_database "$BENCH_DB" 2>/dev/null || true
