#!/usr/bin/env bash
# Study report benchmark: seeds a finished three-arm study of N participants × 3 waves into a fresh
# database and times what the study page computes (analysis, CONSORT flow, participant list, delivery
# log). Target: under 2 s for 5,000 participants on PostgreSQL.
#   bash bench/studies/run.sh [N]      (default 5000; PostgreSQL with HEARTH_BENCH_POSTGRES, else SQLite)
source "$(dirname "$0")/../common.sh"
N=${1:-5000}
build_tools
if [ -n "${HEARTH_BENCH_POSTGRES:-}" ]; then
  "$OUT/bench/Hearth.Bench" study-report "$HEARTH_BENCH_POSTGRES;Database=hearth_study_bench_$(date +%s%N)" "$N"
else
  echo "postgres: set HEARTH_BENCH_POSTGRES to a connection string to measure it (a new database is created); measuring SQLite"
  data=$(mktemp -d)
  "$OUT/bench/Hearth.Bench" study-report "Data Source=$data/bench.db;Foreign Keys=True" "$N"
  rm -rf "$data"
fi
