# Helpers shared by crash-test.sh and runtime-bench.sh (sourced). Each service process is started
# by these scripts and only these processes are killed, by their pid.
source deploy/postgres.sh

bench_psql() {
  PGPASSWORD=$COMEBACK_DB_PASSWORD psql -h "$COMEBACK_DB_HOST" -p "$COMEBACK_DB_PORT" -U "$COMEBACK_DB_USER" \
    -v ON_ERROR_STOP=1 -qAt "$BENCH_DB" "$@"
}

build_service() {
  [ -n "${BENCH_JAR:-}" ] && return 0
  if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src -newer target/quarkus-app/quarkus-run.jar -type f | head -1)" ]; then
    log "Packaging the service"
    mvn -B -ntp -q package -DskipTests
  fi
}

# start_service PORT LOGFILE [extra env assignments...] — prints the pid.
# The loyalty roll-up cron is off: the seeded enrollments (millions, inserted at once with SQL) queue as many
# flow members for V121's roll-up, and folding them once is a one-off of the seeding, not a due step's cost
# (COMEBACK_REPORTS_ROLLUP_CRON=... to keep it; the flow counters' fold job stays on either way).
start_service() {
  local port=$1 logfile=$2; shift 2
  env COMEBACK_REPORTS_ROLLUP_CRON="${COMEBACK_REPORTS_ROLLUP_CRON:-off}" COMEBACK_API_KEYS=bench-key QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT=$((port + 1000)) QUARKUS_PROFILE=prod \
      COMEBACK_FLOWS_DIR=deploy/bench/flows COMEBACK_FLOWS_WATCH=false \
      QUARKUS_LOG_CATEGORY__IO_COMEBACK__LEVEL=INFO "$@" \
      java ${BENCH_JAVA_OPTS:--Xmx1g} -jar "${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}" >> "$logfile" 2>&1 &
  echo $!
}

# A start takes 40 s and more when the machine is busy: BENCH_READY_TIMEOUT seconds (default 180).
wait_ready() {
  local port=$1
  for _ in $(seq 1 $((${BENCH_READY_TIMEOUT:-180} * 2))); do
    curl -sf "http://localhost:$((port + 1000))/q/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  log "service on port $port did not become ready"; return 1
}

flow_version() {
  bench_psql -c "SELECT version FROM flow_versions WHERE flow_id = '$1' ORDER BY first_loaded_at DESC LIMIT 1"
}

# cpu_ticks PID... — user+system CPU clock ticks used so far by these processes (gone ones count 0).
cpu_ticks() {
  local total=0 p t
  for p in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    total=$((total + ${t:-0}))
  done
  echo $total
}

# backend_pids — the PostgreSQL backends serving $BENCH_DB (the service's pool), as a list of pids.
backend_pids() {
  bench_psql -c "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
}
