#!/usr/bin/env bash
# Makes a local PostgreSQL available to Comeback and creates databases on it.
# Sourced by run.sh and test.sh; also usable alone: deploy/postgres.sh [database-name]
#
# If QUARKUS_DATASOURCE_JDBC_URL is set, that database is used as it is and nothing is installed.
# Otherwise: install Debian's postgresql package if absent, start the cluster if it is down,
# create the role comeback/comeback, and create the database asked for.

COMEBACK_DB_USER=${COMEBACK_DB_USER:-comeback}
COMEBACK_DB_PASSWORD=${COMEBACK_DB_PASSWORD:-comeback}
COMEBACK_DB_HOST=${COMEBACK_DB_HOST:-127.0.0.1}
COMEBACK_DB_PORT=${COMEBACK_DB_PORT:-5432}

log() { printf '\033[1;34m[comeback]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

pg_psql() {
  as_postgres psql -v ON_ERROR_STOP=1 -qAt -p "$COMEBACK_DB_PORT" "$@"
}

ensure_postgres_installed() {
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    log "PostgreSQL is not installed: installing Debian's postgresql package"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

ensure_postgres_running() {
  ensure_postgres_installed
  local cluster version name status
  cluster=$(pg_lsclusters --no-header | awk -v p="$COMEBACK_DB_PORT" '$3 == p' | head -n 1)
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    log "No PostgreSQL cluster on port $COMEBACK_DB_PORT: creating $version/main"
    as_root pg_createcluster "$version" main -p "$COMEBACK_DB_PORT" >/dev/null
    cluster=$(pg_lsclusters --no-header | awk -v p="$COMEBACK_DB_PORT" '$3 == p' | head -n 1)
  fi
  read -r version name _ status _ <<<"$cluster"
  if [ "$status" != online ]; then
    log "Starting PostgreSQL cluster $version/$name"
    as_root pg_ctlcluster "$version" "$name" start
  fi
  for _ in $(seq 1 30); do
    pg_psql -c 'select 1' >/dev/null 2>&1 && break
    sleep 1
  done
  if ! pg_psql -c 'select 1' >/dev/null 2>&1; then
    log "PostgreSQL did not come up on port $COMEBACK_DB_PORT"; return 1
  fi
  if [ "$(pg_psql -c "select 1 from pg_roles where rolname = '$COMEBACK_DB_USER'")" != 1 ]; then
    log "Creating role $COMEBACK_DB_USER"
    pg_psql -c "create role \"$COMEBACK_DB_USER\" login createdb password '$COMEBACK_DB_PASSWORD'"
  fi
}

# create_database NAME [fresh]  — with "fresh", an existing database of that name is dropped first.
create_database() {
  local db=$1 fresh=${2:-}
  if [ "$fresh" = fresh ]; then
    pg_psql -c "drop database if exists \"$db\" with (force)"
  fi
  if [ "$(pg_psql -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
    pg_psql -c "create database \"$db\" owner \"$COMEBACK_DB_USER\""
  fi
}

drop_database() {
  pg_psql -c "drop database if exists \"$1\" with (force)" || true
}

# use_local_database NAME — exports the standard Quarkus variables for a local database.
use_local_database() {
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$COMEBACK_DB_HOST:$COMEBACK_DB_PORT/$1"
  export QUARKUS_DATASOURCE_USERNAME="$COMEBACK_DB_USER"
  export QUARKUS_DATASOURCE_PASSWORD="$COMEBACK_DB_PASSWORD"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_postgres_running
  create_database "${1:-comeback}"
  use_local_database "${1:-comeback}"
  log "PostgreSQL ready: $QUARKUS_DATASOURCE_JDBC_URL (user $QUARKUS_DATASOURCE_USERNAME)"
fi
