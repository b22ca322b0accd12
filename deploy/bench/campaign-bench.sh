#!/usr/bin/env bash
# Benchmark (not a test) of a campaign as a marketer runs it, end to end, through the API.
#   deploy/bench/campaign-bench.sh [recipients] [replicas]        default: 100000 1
# A fresh database; RECIPIENTS opted-in customers written by generate-audience.sh and loaded through the importer
# (deploy/import.sh); a fake of Twilio's Messages API as a process of its own (FakeTwilioServer, as in
# handover-bench.sh: every answer after FAKE_LATENCY_MS, default 150 ms; more than FAKE_LIMIT in flight, default 100,
# refused at once with 429 / 20429); REPLICAS packaged service processes with COMEBACK_GATEWAY=twilio and the real
# SDK pointed at the fake. Then the marketer's calls: PUT /api/campaigns/bench-offer (the whole audience: one
# condition that everyone meets, a personal coupon and a tracked link, no schedule and quiet_hours: none, so every
# text is due the moment the campaign starts, whatever the hour), POST …/preview (timed, twice: the first call is
# the one a marketer waits for, the second shows it warm), POST …/start (timed: the answer comes once the whole
# audience is entered, in one transaction). From the start's request it waits until every entered recipient has a
# ledger row and none is pending or being handed over, and reports: the answer times; when the first and the last
# ledger row were committed (polled once a second) and the last text handed over, in seconds after the start, and
# ledger rows committed per second (overall and per 10 s); texts per recipient (exactly 1 each expected) and
# duplicates, from the database and from the fake (0 expected); creates/s, 429s and peak in flight at the fake; heap
# (from the GC log) and RSS of the replicas, before the start and at their peak; CPU of replicas, fake and PostgreSQL
# backends; the load average. The texts are marketing: the customers' default zone's quiet hours would hold them at
# night, hence quiet_hours: none; the caps (1 marketing text a day) leave each fresh customer room for this one.
# Why the Twilio fake rather than the simulator: a real campaign's texts end at Twilio, whose concurrency limit
# bounds the hand-over (100 in flight / 0.150 s = 666/s, the ceiling handover-bench.sh measures), so "every text
# handed over" here is the figure a marketer would see; comparing it with "every recipient has a ledger row" shows
# whether the campaign's own steps (audience, entry, wake-ups writing the texts) keep ahead of the hand-over.
# BENCH_COUPON=0 and BENCH_LINK=0 leave out the coupon and the link: the coupon costs the wake-up one INSERT round
# trip per text (CouponService), the link is written with the batch.
# BENCH_GATEWAY=simulator takes the simulator instead (no fake, no network): then the hand-over is no longer the
# bound and the campaign's own steps are measured at their own pace.
# Goals: start answers in <= 30 s for 100,000 (a proxy's usual request timeout is 60 s); every recipient has a
# ledger row before the hand-over needs it (ledger rows written faster than 666/s); 100,000 handed over in
# <= 3 minutes of the start, as handover-bench.sh for texts queued beforehand; exactly 1 text per recipient,
# 0 duplicates.
# Other settings: COMEBACK_RUNTIME_WORKERS (2) and the other COMEBACK_* settings pass through to the replicas;
# BENCH_GATEWAY (twilio), COMEBACK_PROVIDER_CONCURRENCY_LIMIT (100), BENCH_TIMEOUT (seconds after
# the start, default 900), BENCH_JAVA_OPTS (default -Xmx1g; a GC log is added), BENCH_JAR (a packaged service to run
# instead of this checkout's), BENCH_DB (comeback_campaign_bench), BENCH_DIR (/tmp/comeback-campaign-bench: the
# audience file, logs), FAKE_PORT (8590) and BENCH_PORTS (8591-8594; management ports 1000 higher).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/bench/runtime-lib.sh
recipients=${1:-100000}; replicas=${2:-1}
gateway=${BENCH_GATEWAY:-twilio}
latency=${FAKE_LATENCY_MS:-150}; fake_limit=${FAKE_LIMIT:-100}; limit=${COMEBACK_PROVIDER_CONCURRENCY_LIMIT:-100}
timeout=${BENCH_TIMEOUT:-900}
work=${BENCH_DIR:-/tmp/comeback-campaign-bench}; mkdir -p "$work"
BENCH_DB=${BENCH_DB:-comeback_campaign_bench}
fake_port=${FAKE_PORT:-8590}
ports=(${BENCH_PORTS:-8591 8592 8593 8594})
account=AC0123456789abcdef0123456789abcdef
campaign=bench-offer
flow="campaign.$campaign"
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g} -Xlog:gc:file=$work/gc-%p.log"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=(); }
trap cleanup EXIT

ensure_postgres_running
build_service
if [ "$gateway" = twilio ] && [ ! -f target/test-classes/io/comeback/gateway/twilio/FakeTwilioServer.class ]; then
  log "Compiling the fake Twilio API (test classes)"
  mvn -B -ntp -q test-compile
fi
# An empty flows folder: no flow reacts to the imported customers, and no campaign file is read.
rm -rf "$work/flows"; mkdir -p "$work/flows/campaigns"
rm -f "$work"/gc-*.log
: > "$work/service.log"
[ -f "$work/customers.csv" ] && [ "$(($(wc -l < "$work/customers.csv") - 1))" = "$recipients" ] \
  || deploy/bench/generate-audience.sh "$work" "$recipients" 0 >/dev/null

create_database $BENCH_DB fresh
use_local_database $BENCH_DB
log "Migrating and importing $recipients opted-in customers (runtime off)"
pid=$(start_service ${ports[0]} "$work/service.log" COMEBACK_RUNTIME_ENABLED=false COMEBACK_FLOWS_DIR="$work/flows")
pids+=("$pid")
wait_ready ${ports[0]}
COMEBACK_URL=http://localhost:${ports[0]} COMEBACK_API_KEY=bench-key \
  deploy/import.sh customers "$work/customers.csv" > "$work/import.report" 2> >(tail -n 1 >&2)
# Not a child of this shell (started in a command substitution): wait until it has let go of its port.
kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; pids=()
bench_psql -c "VACUUM ANALYZE customers" >/dev/null

env_gateway=()
if [ "$gateway" = twilio ]; then
  log "Starting the fake Twilio API on :$fake_port ($latency ms, at most $fake_limit in flight)"
  java -cp target/test-classes io.comeback.gateway.twilio.FakeTwilioServer $fake_port "$latency" "$fake_limit" \
      >> "$work/fake.log" 2>&1 &
  pids+=($!)
  env_gateway=(COMEBACK_GATEWAY=twilio COMEBACK_TWILIO_API_BASE_URL=http://127.0.0.1:$fake_port
               COMEBACK_TWILIO_ACCOUNT_SID=$account COMEBACK_TWILIO_AUTH_TOKEN=bench-token
               COMEBACK_TWILIO_MESSAGING_SERVICE_SID=MG22222222222222222222222222222222
               COMEBACK_PROVIDER_CONCURRENCY_LIMIT=$limit)
fi
log "Starting $replicas replica(s) with the $gateway gateway"
replica_pids=()
for ((i = 0; i < replicas; i++)); do
  p=$(start_service "${ports[$i]}" "$work/service.log" COMEBACK_FLOWS_DIR="$work/flows" \
      COMEBACK_PUBLIC_URL=https://hooks.comeback.example "${env_gateway[@]}")
  pids+=("$p"); replica_pids+=("$p")
done
for ((i = 0; i < replicas; i++)); do wait_ready "${ports[$i]}"; done
if [ "$gateway" = twilio ]; then
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$fake_port/bench/stats" >/dev/null && break; sleep 0.5; done
fi
sleep 2

api=http://localhost:${ports[0]}/api/campaigns/$campaign
auth=(-H 'Authorization: Bearer bench-key')
# A personal coupon and a tracked link each cost the wake-up a write per text: BENCH_COUPON=0 / BENCH_LINK=0 leave
# them out, to see what they cost.
coupon_text=""; coupon_spec=""; link_text=""; links=""
if [ "${BENCH_COUPON:-1}" = 1 ]; then
  coupon_text=" {{ coupon.code }}"; coupon_spec="  coupon: { prefix: UKE, valid_for: P7D }"
fi
if [ "${BENCH_LINK:-1}" = 1 ]; then
  link_text=" {{ link.shop }}"; links=$'links:\n  shop: https://example.com/uke'
fi
cat > "$work/campaign.yaml" <<YAML
id: $campaign
name: Benchmark offer
description: Everyone who said yes to marketing, at once (deploy/bench/campaign-bench.sh).
settings:
  default_locale: nb
  quiet_hours: none
audience:
  - not: { tag: needs_follow_up }
goal: ordered
convert_within: P3D
$links
send:
  text:
    nb: "Hei {{ customer.firstName | der }}! 20 % på alt denne uken:$coupon_text$link_text Svar STOPP for å melde deg av."
    en: "Hi {{ customer.firstName | there }}! 20% off everything this week:$coupon_text$link_text Reply STOP to opt out."
$coupon_spec
YAML
code=$(curl -s -o "$work/put.json" -w '%{http_code}' -X PUT "${auth[@]}" -H 'Content-Type: application/yaml' \
    --data-binary @"$work/campaign.yaml" "$api")
[ "$code" = 201 ] || { log "PUT answered $code: $(head -c 600 "$work/put.json")"; exit 1; }

# preview TIMES_FILE_SUFFIX — the answer time in seconds; the answer is kept.
preview() {
  curl -s -o "$work/preview-$1.json" -w '%{http_code} %{time_total}' -X POST "${auth[@]}" "$api/preview"
}
read -r code preview_first <<<"$(preview 1)"
[ "$code" = 200 ] || { log "preview answered $code: $(head -c 600 "$work/preview-1.json")"; exit 1; }
read -r code preview_second <<<"$(preview 2)"

heap_after_gc() { # the heap after the last GC so far, in MiB, summed over the replicas' GC logs
  local total=0 f v
  for f in "$work"/gc-*.log; do
    v=$(grep -o '[0-9]*M->[0-9]*M' "$f" 2>/dev/null | tail -n 1 | sed 's/.*->//; s/M//')
    total=$((total + ${v:-0}))
  done
  echo $total
}
rss() { local t=0 p; for p in "${replica_pids[@]}"; do t=$((t + $(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$p/status))); done; echo $t; }
heap_before=$(heap_after_gc); rss_before=$(rss)
load_before=$(cut -d' ' -f1 /proc/loadavg)
backends=$(backend_pids)
ticks_before=$(cpu_ticks "${pids[@]}" $backends)

log "Starting the campaign"
start_epoch=$(date +%s.%N)
read -r code start_answer <<<"$(curl -s -o "$work/start.json" -w '%{http_code} %{time_total}' -X POST "${auth[@]}" "$api/start")"
[ "$code" = 200 ] || { log "start answered $code: $(head -c 600 "$work/start.json")"; exit 1; }
started=$SECONDS
expected=$(bench_psql -c "SELECT count(*) FROM enrollments WHERE flow_id = '$flow' AND status <> 'held_out'")
# Ledger rows as committed (seen from outside), once a second: created_at is the time a wake-up batch wrote a row,
# which is its transaction's start, not when the dispatcher could see it.
: > "$work/rows.samples"
while true; do
  read -r rows left <<<"$(bench_psql -F ' ' -c "SELECT count(*), count(*) FILTER (WHERE status IN ('pending', 'dispatching'))
                                              FROM outbound_messages WHERE flow_id = '$flow'")"
  echo "$(date +%s.%N) $rows $left" >> "$work/rows.samples"
  [ "$rows" -ge "$expected" ] && [ "$left" = 0 ] && break
  if (( SECONDS - started > timeout )); then log "timed out: $rows of $expected ledger rows, $left not handed over"; break; fi
  sleep 1
done
elapsed=$(( SECONDS - started ))
ticks=$(( $(cpu_ticks "${pids[@]}" $backends) - ticks_before ))
load_after=$(cut -d' ' -f1 /proc/loadavg)
heap_peak=0
for f in "$work"/gc-*.log; do
  v=$(grep -o '[0-9]*M->[0-9]*M' "$f" 2>/dev/null | cut -dM -f1 | sort -n | tail -n 1)
  heap_peak=$((heap_peak + ${v:-0}))
done
heap_end=$(heap_after_gc)
rss_peak=0; for p in "${replica_pids[@]}"; do rss_peak=$((rss_peak + $(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$p/status))); done
stats='{}'
[ "$gateway" = twilio ] && stats=$(curl -sf "http://127.0.0.1:$fake_port/bench/stats")
entered_log=$(grep -o "Campaign $campaign started by [^:]*: [0-9]* entered" "$work/service.log" | tail -n 1 || true)
cleanup

figures=$(bench_psql -F ' ' <<SQL
WITH t AS (SELECT to_timestamp($start_epoch) AS s),
     m AS (SELECT * FROM outbound_messages WHERE flow_id = '$flow')
SELECT (SELECT count(*) FROM enrollments WHERE flow_id = '$flow'),
       (SELECT count(*) FROM enrollments WHERE flow_id = '$flow' AND status = 'held_out'),
       (SELECT count(*) FROM m),
       round(extract(epoch FROM (SELECT min(created_at) FROM m) - (SELECT s FROM t))::numeric, 1),
       round(extract(epoch FROM (SELECT max(created_at) FROM m) - (SELECT s FROM t))::numeric, 1),
       round(extract(epoch FROM (SELECT max(status_at) FROM m
                                 WHERE status IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'))
                     - (SELECT s FROM t))::numeric, 1),
       (SELECT count(*) FROM customers WHERE consent_status = 'opted_in' AND erased_at IS NULL)
SQL
)
statuses=$(bench_psql -c "SELECT string_agg(status || ' ' || n, ', ' ORDER BY n DESC)
                          FROM (SELECT status, count(*) n FROM outbound_messages WHERE flow_id = '$flow' GROUP BY 1) s")
per_recipient=$(bench_psql -c "SELECT string_agg(n || ' text(s): ' || c, ', ' ORDER BY n)
                               FROM (SELECT n, count(*) c FROM (SELECT c.id, count(o.id) n FROM customers c
                                     LEFT JOIN outbound_messages o ON o.customer_id = c.id AND o.flow_id = '$flow'
                                     WHERE c.consent_status = 'opted_in' GROUP BY c.id) x GROUP BY n) y")
twice=$(bench_psql -c "SELECT count(*) FROM (SELECT customer_id FROM outbound_messages WHERE flow_id = '$flow'
                       GROUP BY customer_id HAVING count(*) > 1) d")
preview_audience=$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); print(p["audience"], p["estimatedCost"], p["currency"], p["texts"])' "$work/preview-1.json")

seen=$(awk -v s="$start_epoch" -v n="$expected" '$2 > 0 && first == "" {first = sprintf("%.1f", $1 - s)}
    $2 >= n && all == "" {all = sprintf("%.1f", $1 - s)}
    {t = int(($1 - s) / 10); r[t] = $2; if (t > m) m = t}
    END {printf "%s %s ", (first == "" ? "never" : first), (all == "" ? "never" : all); p = 0
         for (i = 0; i <= m; i++) {if (i in r) {printf "%s%d", (i ? "," : ""), (r[i] - p) / 10; p = r[i]} else printf "%s-", (i ? "," : "")}}' \
    "$work/rows.samples")
python3 - "$stats" "$recipients" "$replicas" "$gateway" "$latency" "$fake_limit" "$preview_first" "$preview_second" \
    "$preview_audience" "$start_answer" "$figures" "$statuses" "$per_recipient" "$twice" "$entered_log" \
    "$heap_before" "$heap_peak" "$heap_end" "$rss_before" "$rss_peak" "$ticks" "$(getconf CLK_TCK)" "$elapsed" \
    "$load_before" "$load_after" "$seen" <<'PY'
import json, sys
a = sys.argv[1:]
s = json.loads(a[0]); recipients, replicas, gateway, latency, limit = a[1:6]
preview_first, preview_second, preview_audience, start_answer = a[6:10]
enrolled, held_out, rows, first_row, last_row, last_handed, opted_in = a[10].split()
statuses, per_recipient, twice, entered_log = a[11:15]
heap_before, heap_peak, heap_end, rss_before, rss_peak = a[15:20]
ticks, hz, elapsed = int(a[20]), int(a[21]), max(int(a[22]), 1)
load_before, load_after = a[23:25]
seen_first, seen_all, per_ten = (a[25].split() + ["", "", ""])[:3]
fake = f"fake {latency} ms / {limit} in flight" if gateway == "twilio" else "simulator"
print(f"campaign {recipients} recipients, {replicas} replica(s), {fake}:")
print(f"  preview: {float(preview_first):.2f} s (again {float(preview_second):.2f} s); audience, cost, texts: {preview_audience}")
print(f"  start answered in {float(start_answer):.2f} s (goal <= 30 s for 100,000); "
      f"{enrolled} entered ({held_out} held out); service: {entered_log or 'no start line in the log'}")
def f(x):
    return "none" if x == "" else x
committed = float(seen_all) - float(seen_first) if "never" not in (seen_first, seen_all) else 0
rows_s = f"{int(rows) / committed:.0f} rows/s" if committed > 0 else "all at once"
print(f"  ledger rows {rows}: first committed {seen_first} s, all {seen_all} s after the start = {rows_s} "
      f"(goal: faster than the hand-over)")
print(f"  ledger rows committed per second, per 10 s: {per_ten.replace(',', ' ')}; created_at (a wake-up batch's "
      f"start) from {f(first_row)} s to {f(last_row)} s")
print(f"  last text handed over {f(last_handed)} s after the start (goal <= 180 s for 100,000); {statuses}")
print(f"  texts per opted-in customer ({opted_in}): {per_recipient} (goal: all exactly 1); "
      f"customers with more than one: {twice} (goal 0)")
if gateway == "twilio":
    creates, secs, per = s["creates"], s["createSeconds"], s["createsPerSecond"]
    steady = per[1:-1] or per
    print(f"  fake: creates {creates} in {secs:.1f} s = {creates / secs if secs else 0:.0f}/s, whole seconds min "
          f"{min(steady) if steady else 0} max {max(steady) if steady else 0}; peak in flight {s['peakInFlight']}; "
          f"429s {s['throttled']}; duplicates {s['duplicates']} (goal 0)")
print(f"  replicas: heap after GC {heap_before} MiB before the start, {heap_end} MiB at the end, peak before a GC "
      f"{heap_peak} MiB; RSS {rss_before} MiB before, peak {rss_peak} MiB")
cpu = ticks / hz
print(f"  CPU (replicas, fake, PostgreSQL backends) {cpu:.1f} s = {cpu / elapsed:.2f} cores over {elapsed} s, "
      f"{1000 * cpu / max(int(rows), 1):.2f} ms per text")
print(f"  load average {load_before} before, {load_after} after")
PY
