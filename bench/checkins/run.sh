#!/usr/bin/env bash
# Check-in load benchmark (web app): wrk on loopback posts WHO-5 check-ins to /api/v1/me/checkins for
# 60 s over 64 connections, as one signed-in clinician, against the app on SQLite and (when a server is
# available) PostgreSQL. Target on a 2-core machine: ≥ 1,500 check-ins/s with p99 < 100 ms on SQLite,
# and no errors.
#   bash bench/checkins/run.sh [SECONDS]      (default 60)
#   HEARTH_BENCH_POSTGRES="Host=…;Port=…;Username=…;Database=…" to include PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-60}
OUT=bench/out
PORT=5099
BASE=http://127.0.0.1:$PORT
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
dotnet publish src/Hearth.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$OUT/web" -v quiet -nologo >/dev/null

# A server left from an earlier run would answer in place of this one.
if curl -sf "$BASE/health" >/dev/null 2>&1; then echo "port $PORT is already serving: stop that process first" >&2; exit 1; fi

run_one() {
  local label=$1 connection=$2
  local data; data=$(mktemp -d)
  # A database of its own per run (the key ring is per data directory, so an old database's keys would not open).
  [ -z "$connection" ] || connection="$connection;Database=hearth_bench_$(date +%s%N)"
  # wrk sends every request from one address: the per-address write limit is lifted for the measurement.
  ConnectionStrings__Hearth="$connection" Hearth__DataDirectory="$data" Urls="$BASE" Logging__LogLevel__Default=Warning Hearth__RateLimits__WritesPerMinute=0 \
    "$OUT/web/Hearth.Web" >"$OUT/web-$label.log" 2>&1 &
  local pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT  # also when a step fails under set -e
  for _ in $(seq 1 60); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.5; done

  # Set up through the real form, keeping the signed-in cookie.
  local jar="$data/cookies" page
  page=$(curl -s -c "$jar" -b "$jar" "$BASE/setup")
  local token handler
  token=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  handler=$(grep -o 'name="_handler" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" "$BASE/setup" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "_handler=$handler" --data-urlencode "Input.Organisation=Bench" --data-urlencode "Input.Name=Bench" \
    --data-urlencode "Input.Email=bench@bench.example" --data-urlencode "Input.Password=benchmark password 1" --data-urlencode "Input.Acknowledge=true"
  export HEARTH_COOKIE; HEARTH_COOKIE=$(awk '$6 == "hearth" { print "hearth=" $7 }' "$jar")
  [ -n "$HEARTH_COOKIE" ] || { echo "$label: could not sign in" >&2; kill $pid; return 1; }

  wrk -t2 -c64 -d5s -s bench/checkins/post.lua "$BASE/api/v1/me/checkins" >/dev/null   # warm-up
  local result; result=$(wrk -t2 -c64 -d"${DURATION}s" --latency -s bench/checkins/post.lua "$BASE/api/v1/me/checkins" | grep RESULT)
  local stored; stored=$(curl -s -b "$jar" "$BASE/api/v1/me/results" | grep -o '"id":' | wc -l)
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
  echo "$label: $result (check-ins stored: $stored)"
  if [ "$label" = sqlite ]; then
    local rps p99 errors
    rps=$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$result"); p99=$(sed 's/.* p99_ms=\([0-9.]*\).*/\1/' <<<"$result"); errors=$(sed 's/.* errors=\([0-9]*\).*/\1/' <<<"$result")
    echo "sqlite: $rps check-ins/s (target ≥ 1500: $(awk "BEGIN{print ($rps >= 1500) ? \"meets\" : \"MISSES\"}")), p99 $p99 ms (target < 100: $(awk "BEGIN{print ($p99 < 100) ? \"meets\" : \"MISSES\"}")), errors $errors (target 0: $([ "$errors" -eq 0 ] && echo meets || echo MISSES))"
  fi
}

run_one sqlite ""
if [ -n "${HEARTH_BENCH_POSTGRES:-}" ]; then
  run_one postgres "$HEARTH_BENCH_POSTGRES"
else
  echo "postgres: set HEARTH_BENCH_POSTGRES to a connection string (the database is created) to measure it"
fi
