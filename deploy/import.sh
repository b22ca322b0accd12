#!/usr/bin/env bash
# Imports a big CSV file into a running Comeback, showing upload progress, then prints the report.
#   deploy/import.sh customers|orders|shopify/customers|shopify/orders FILE.csv
# (shopify/…: Shopify admin's customers or orders export, as it is.)
# Environment: COMEBACK_URL (default http://localhost:8080), COMEBACK_API_KEY (default dev-key),
# COMEBACK_CSV_TYPE (default text/csv: the service finds the encoding; e.g. "text/csv; charset=UTF-8" to state it).
set -euo pipefail
kind=${1:-}; file=${2:-}
case "$kind" in customers|orders|shopify/customers|shopify/orders) ;; *) kind= ;; esac
if [ -z "$kind" ] || [ ! -f "$file" ]; then
  echo "usage: $0 customers|orders|shopify/customers|shopify/orders FILE.csv" >&2; exit 2
fi
url="${COMEBACK_URL:-http://localhost:8080}/api/import/$kind"
size=$(stat -c %s "$file")
echo "Importing $kind from $file ($((size / 1024 / 1024)) MiB) into $url" >&2
start=$(date +%s.%N)
report=$(curl --fail-with-body --progress-bar -X POST \
  -H "Authorization: Bearer ${COMEBACK_API_KEY:-dev-key}" \
  -H "Content-Type: ${COMEBACK_CSV_TYPE:-text/csv}" \
  -T "$file" "$url" | cat)
end=$(date +%s.%N)
lines=$(($(wc -l < "$file") - 1))
echo "$report"
awk -v l="$lines" -v s="$start" -v e="$end" 'BEGIN { printf "%d data lines in %.1f s: %.0f lines/s\n", l, e - s, l / (e - s) }' >&2
