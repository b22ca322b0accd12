#!/usr/bin/env bash
# Fires the oversized requests of the security finding at the packaged service running with a 512 MB heap, and
# shows that each is refused early (status and time) while the process's memory stays flat (peak and current RSS
# from /proc/<pid>/status) and the service still answers afterwards.
#   deploy/security-memory-check.sh            builds the package first (tests are deploy/test.sh's)
#   SKIP_BUILD=1 deploy/security-memory-check.sh   uses target/quarkus-app as it is
# Payloads are generated on the fly and streamed to curl (chunked, -T -), so neither this script nor curl holds one;
# the webhook case is also sent once from a file with its Content-Length. A fresh database is created and dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/postgres.sh

port=${MEMCHECK_PORT:-18431}
key=memcheck-key
base="http://127.0.0.1:$port"
work=$(mktemp -d)
db="comeback_memcheck_$$"
pid=""

cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  if [ -z "${KEEP_DATABASE:-}" ]; then drop_database "$db"; fi
}
trap cleanup EXIT

if [ -z "${SKIP_BUILD:-}" ]; then
  log "Building the service"
  mvn -B -ntp -q package -DskipTests
fi

ensure_postgres_running
create_database "$db" fresh
use_local_database "$db"

log "Starting the service with -Xmx512m on port $port (log: $work/service.log)"
COMEBACK_API_KEYS=$key QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 1)) \
  java -Xmx512m -jar target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$((port + 1))/q/health/ready" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log" >&2; log "The service did not start"; exit 1; }
  sleep 0.5
done

memory() {
  awk '/^VmHWM|^VmRSS/ { printf "%s %d MB  ", $1, $2 / 1024 }' "/proc/$pid/status"
}

printf '\n%-58s %-7s %-9s %-13s %s\n' "case" "status" "time" "uploaded" "memory after (peak, current)"
printf '%-58s %-7s %-9s %-13s %s\n' "(service started)" "" "" "" "$(memory)"

# shoot NAME METHOD PATH CONTENT-TYPE EXPECTED [curl args…] — stdin or a file is the body.
failures=0
shoot() {
  local name=$1 method=$2 path=$3 type=$4 expected=$5
  shift 5
  local out
  out=$(curl -s -o "$work/answer" -w '%{http_code} %{time_total} %{size_upload}' -X "$method" \
        -H "Authorization: Bearer $key" -H "Content-Type: $type" "$@" "$base$path" || true)
  read -r status seconds uploaded <<<"$out"
  printf '%-58s %-7s %-9s %-13s %s\n' "$name" "$status" "${seconds}s" "$((uploaded / 1024)) KB" "$(memory)"
  if [ "$status" != "$expected" ]; then
    failures=$((failures + 1))
    printf '    expected %s; answer: %s\n' "$expected" "$(head -c 400 "$work/answer")"
  else
    printf '    %s\n' "$(head -c 220 "$work/answer")"
  fi
}

bytes() { head -c "$1" /dev/zero | tr '\0' "$2"; }

# From here on a generator cut short by the service's early answer (SIGPIPE) is expected: shoot counts failures.
set +e +o pipefail

# 1. A 200 MB unsigned form to the Twilio webhook: streamed (chunked), then declared with Content-Length.
{ printf 'Body='; bytes 200000000 a; } | shoot "200 MB form, chunked, to /webhooks/twilio/inbound" \
  POST /webhooks/twilio/inbound application/x-www-form-urlencoded 413 -T -
{ printf 'Body='; bytes 200000000 a; } >"$work/form"
shoot "200 MB form, Content-Length, to /webhooks/twilio/inbound" \
  POST /webhooks/twilio/inbound application/x-www-form-urlencoded 413 -T "$work/form"
rm -f "$work/form"

# 2. A customer JSON of about 50 MB with 2.4 million attributes.
{ printf '{"attributes":{'
  seq 0 2399999 | awk '{ printf "%s\"a%d\":\"value-%06d\"", (NR > 1 ? "," : ""), $1, $1 }'
  printf '}}'; } | shoot "50 MB customer JSON, 2.4M attributes" PUT /api/customers/memcheck application/json 413 -T -

# 3. CSV imports (streamed routes: limits per record).
{ printf 'externalId,firstName\nm1,Ann\nm2,'; bytes 200000000 a; printf '\n'; } \
  | shoot "customer CSV with one 200 MB field" POST /api/import/customers text/csv 413 -T -
{ printf 'externalId,firstName\nm3,"never closed\n'; yes 'm4,Ann' | head -c 200000000; } \
  | shoot "customer CSV, quote never closed, 200 MB after it" POST /api/import/customers text/csv 413 -T -
{ printf 'orderId'; yes ',c' | tr -d '\n' | head -c 2000000; printf '\n'; } \
  | shoot "order CSV with 1M columns" POST /api/import/orders text/csv 413 -T -

# The service still serves.
health=$(curl -s -o "$work/health" -w '%{http_code}' "http://127.0.0.1:$((port + 1))/q/health" || true)
api=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "$base/api/flows" || true)
printf '\n/q/health: %s %s\n/api/flows: %s\nfinal memory: %s\n' "$health" "$(tr -d '\n ' <"$work/health" | head -c 120)" "$api" "$(memory)"
if [ "$health" != 200 ] || [ "$api" != 200 ]; then
  failures=$((failures + 1))
fi
if grep -q OutOfMemoryError "$work/service.log"; then
  log "OutOfMemoryError in the service log"
  failures=$((failures + 1))
fi
if [ "$failures" -gt 0 ]; then
  log "$failures check(s) failed"
  exit 1
fi
log "Every oversized request was refused; the service still serves"
