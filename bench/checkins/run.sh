#!/usr/bin/env bash
# Check-in load benchmark (web app): wrk on loopback posts WHO-5 check-ins to /api/v1/me/checkins for
# 60 s over 64 connections, as one signed-in clinician, against the app on SQLite and (when a server is
# available) PostgreSQL. Target on a 2-core machine: ≥ 1,500 check-ins/s with p99 < 100 ms on SQLite,
# and no errors.
# Absolute figures change from machine to machine, so each database is also measured against a bare
# ASP.NET Core minimal API (bench/BareInsert: one row inserted and committed per POST, no authentication,
# validation or encryption, same database settings) driven the same way in the same run; one line per
# database gives Hearth's throughput and p99 as a share of the bare one. Goal: ≥ 60 % of the bare
# throughput, p99 ≤ 1.5× the bare p99. The share is shown rounded down and the p99 ratio rounded up, so
# the shown figure always agrees with the verdict.
#   bash bench/checkins/run.sh [SECONDS]      (default 60)
#   HEARTH_BENCH_POSTGRES="Host=…;Port=…;Username=…;Database=…" to include PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-60}
OUT=bench/out
PORT=5099
BASE=http://127.0.0.1:$PORT
BARE_PORT=5098
BARE_BASE=http://127.0.0.1:$BARE_PORT
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
dotnet publish src/Hearth.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$OUT/web" -v quiet -nologo >/dev/null
dotnet publish bench/BareInsert -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$OUT/bare" -v quiet -nologo >/dev/null

# A server left from an earlier run would answer in place of this one.
for base in "$BASE" "$BARE_BASE"; do
  if curl -sf "$base/health" >/dev/null 2>&1; then echo "$base is already serving: stop that process first" >&2; exit 1; fi
done
field() { sed "s/.* $1=\([0-9.]*\).*/\1/" <<<"$2"; }

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
  HEARTH_RESULT=$result
  if [ "$label" = sqlite ]; then
    local rps p99 errors
    rps=$(field rps "$result"); p99=$(field p99_ms "$result"); errors=$(field errors "$result")
    echo "sqlite: $rps check-ins/s (target ≥ 1500: $(awk "BEGIN{print ($rps >= 1500) ? \"meets\" : \"MISSES\"}")), p99 $p99 ms (target < 100: $(awk "BEGIN{print ($p99 < 100) ? \"meets\" : \"MISSES\"}")), errors $errors (target 0: $([ "$errors" -eq 0 ] && echo meets || echo MISSES))"
  fi
}

# The bare baseline on the same kind of database: a SQLite file in a new directory, or a new PostgreSQL database.
run_bare() {
  local label=$1 connection=$2
  local data; data=$(mktemp -d)
  [ -z "$connection" ] || connection="$connection;Database=bare_bench_$(date +%s%N)"
  ConnectionStrings__Bare="$connection" Bare__DataDirectory="$data" Urls="$BARE_BASE" Logging__LogLevel__Default=Warning \
    "$OUT/bare/BareInsert" >"$OUT/bare-$label.log" 2>&1 &
  local pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT
  for _ in $(seq 1 60); do curl -sf "$BARE_BASE/health" >/dev/null && break; sleep 0.5; done
  wrk -t2 -c64 -d5s -s bench/checkins/post.lua "$BARE_BASE/api/v1/me/checkins" >/dev/null   # warm-up
  local before result stored
  before=$(curl -s "$BARE_BASE/count")
  result=$(wrk -t2 -c64 -d"${DURATION}s" --latency -s bench/checkins/post.lua "$BARE_BASE/api/v1/me/checkins" | grep RESULT)
  stored=$(( $(curl -s "$BARE_BASE/count") - before ))
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
  echo "bare-$label: $result (rows stored by the measured run: $stored)"
  BARE_RESULT=$result
}

# One line per database: Hearth as a share of the bare insert.
compare() {
  local label=$1
  local r1 p1 r2 p2
  r1=$(field rps "$HEARTH_RESULT"); p1=$(field p99_ms "$HEARTH_RESULT"); r2=$(field rps "$BARE_RESULT"); p2=$(field p99_ms "$BARE_RESULT")
  awk -v label="$label" -v r1="$r1" -v p1="$p1" -v r2="$r2" -v p2="$p2" 'BEGIN {
    share = 100 * r1 / r2; ratio = p1 / p2
    shown_share = int(share); shown_ratio = (int(ratio * 100) == ratio * 100) ? ratio : (int(ratio * 100) + 1) / 100
    printf "%s: hearth %d check-ins/s, p99 %.2f ms; bare insert %d/s, p99 %.2f ms; hearth at %d%% of bare throughput (goal ≥ 60%%: %s), p99 %.2f× bare (goal ≤ 1.5×: %s)\n",
      label, r1, p1, r2, p2, shown_share, (share >= 60 ? "meets" : "MISSES"), shown_ratio, (ratio <= 1.5 ? "meets" : "MISSES")
  }'
}

run_one sqlite ""
run_bare sqlite ""
compare sqlite
if [ -n "${HEARTH_BENCH_POSTGRES:-}" ]; then
  run_one postgres "$HEARTH_BENCH_POSTGRES"
  run_bare postgres "$HEARTH_BENCH_POSTGRES"
  compare postgres
else
  echo "postgres: set HEARTH_BENCH_POSTGRES to a connection string (the database is created) to measure it"
fi
