#!/usr/bin/env bash
# Runs Comeback locally: PostgreSQL (provisioned unless QUARKUS_DATASOURCE_JDBC_URL is set),
# the service on port 8080 with the simulator gateway, and a demo audience when the database is empty.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/postgres.sh

if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  ensure_postgres_running
  create_database comeback
  use_local_database comeback
fi

log "Building the service (tests are run by deploy/test.sh)"
# Built with the dev profile so Swagger UI is included; the tests never use this build.
mvn -B -ntp -q package -DskipTests -Dquarkus.profile=dev

export QUARKUS_PROFILE=${QUARKUS_PROFILE:-dev}
port=${QUARKUS_HTTP_PORT:-8080}
mport=${COMEBACK_MANAGEMENT_PORT:-9000}
cat >&2 <<MSG

  Comeback is starting on http://localhost:$port  (profile $QUARKUS_PROFILE, database $QUARKUS_DATASOURCE_JDBC_URL)
    Dashboard      http://localhost:$port/   user ${COMEBACK_ADMIN_USERNAME:-admin}, password ${COMEBACK_ADMIN_PASSWORD:-dev-password}
    API            http://localhost:$port/api/customers/demo-0001   header: Authorization: Bearer ${COMEBACK_API_KEYS:-dev-key}
    Swagger UI     http://localhost:$mport/q/swagger-ui
    OpenAPI        http://localhost:$mport/q/openapi
    Health         http://localhost:$mport/q/health
    Metrics        http://localhost:$mport/q/metrics
  Stop with Ctrl-C.

MSG
exec java ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar
