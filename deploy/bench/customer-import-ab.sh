#!/usr/bin/env bash
# A/B of the customer import: a baseline build against this checkout, 1,000,000 customers (and a
# token 1,000 orders), alternately ROUNDS times (default 2) on one database; prints rows/s, load and peak memory.
#   deploy/bench/customer-import-ab.sh [BASELINE_REF]
# BASELINE_REF defaults to 74869ea (main before the two customer lanes); it is cloned and built in
# /tmp/customer-import-baseline-REF (BASELINE_DIR to choose another place). BENCH_DB, BENCH_PORT as in import-bench.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
ref=${1:-74869ea}
base=${BASELINE_DIR:-/tmp/customer-import-baseline-$ref}
if [ ! -d "$base" ]; then
  git clone -q . "$base"
  git -C "$base" checkout -q "$ref"
fi
export ROUNDS=${ROUNDS:-2} BENCH_DB=${BENCH_DB:-comeback_customer_import_ab}
exec deploy/bench/import-ab.sh "$base" 1000000 1000
