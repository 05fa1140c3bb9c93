#!/usr/bin/env bash
# Insights dashboard benchmark on PostgreSQL: seeds CLINICIANS people × WEEKS weekly check-ins inside a new
# database, then times the dashboard's questions (by team, profession, site; the last twelve months), cold and
# warm, and prints p50/p95. The issue's target: p95 under 200 ms at 100,000 × 156.
# HEARTH_BENCH_DATABASE names a database to keep: seeded on the first run, reused after.
#   HEARTH_BENCH_POSTGRES="Host=…;Username=…" bash bench/insights/run.sh [CLINICIANS] [WEEKS]
source "$(dirname "$0")/../common.sh"
CLINICIANS=${1:-100000}
WEEKS=${2:-156}
build_tools
if [ -z "${HEARTH_BENCH_POSTGRES:-}" ]; then
  echo "set HEARTH_BENCH_POSTGRES to a PostgreSQL connection string (a new database is created)" >&2
  exit 2
fi
"$OUT/bench/Hearth.Bench" insights "$HEARTH_BENCH_POSTGRES;Database=${HEARTH_BENCH_DATABASE:-hearth_insights_bench_$(date +%s%N)}" "$CLINICIANS" "$WEEKS"
