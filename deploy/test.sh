#!/usr/bin/env bash
# Runs the whole test suite against a fresh PostgreSQL database, dropped afterwards.
#   deploy/test.sh [extra maven arguments, e.g. -Dtest=CustomerApiTest]
# With QUARKUS_DATASOURCE_JDBC_URL set, that database is used instead (it should be empty).
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/postgres.sh
source deploy/browser.sh
source deploy/kubernetes/validate/install.sh

# The dashboard's browser test (DashboardBrowserTest) drives headless chromium; it fails rather than skips without it.
ensure_browser_installed
# DeployManifestsTest validates deploy/kubernetes with npm packages (kubernetes-models); it fails without them.
ensure_manifest_validator_installed

db=""
if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  ensure_postgres_running
  db="comeback_test_$(date +%s)_$$"
  create_database "$db" fresh
  use_local_database "$db"
  trap 'drop_database "$db"' EXIT
  log "Fresh test database $db"
fi

mvn -B -ntp verify "$@"
