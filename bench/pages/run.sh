#!/usr/bin/env bash
# Page load benchmark (web app): seeds CLINICIANS clinicians in teams with WEEKS weekly WHO-5 check-ins each,
# plus one person (clinician and facilitator) with a year of their own check-ins, leading a Helping the Helper
# cohort of 10 and taking part in another; then, signed in as that person, wrk on loopback asks /results,
# /my-program and /cohorts over 32 connections for SECONDS each, on SQLite and (when a server is available)
# PostgreSQL. Goal (issue 15): p95 under 100 ms on both.
#   bash bench/pages/run.sh [CLINICIANS] [WEEKS] [SECONDS]      (defaults 10000 52 20)
#   HEARTH_BENCH_POSTGRES="Host=…;Port=…;Username=…" to include PostgreSQL (a database is created per run)
# Prints one line per page and database:
#   sqlite /results: N req/s, p50 X ms, p95 Y ms, p99 Z ms, errors E (goal p95 < 100 ms: meets|MISSES)
set -euo pipefail
cd "$(dirname "$0")/../.."
CLINICIANS=${1:-10000}
WEEKS=${2:-52}
DURATION=${3:-20}
OUT=bench/out
PORT=${HEARTH_BENCH_PORT:-5098}
BASE=http://127.0.0.1:$PORT
PAGES=(/results /my-program /cohorts)
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
dotnet publish src/Hearth.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$OUT/web" -v quiet -nologo >/dev/null
dotnet build -c Release bench/Hearth.Bench -o "$OUT/bench" -v quiet -nologo >/dev/null

# A server left from an earlier run would answer in place of this one.
if curl -sf "$BASE/health" >/dev/null 2>&1; then echo "port $PORT is already serving: stop that process first" >&2; exit 1; fi

# form_post JAR PATH FIELD=VALUE… — posts a Blazor form with its antiforgery token and handler name, keeping cookies.
form_post() {
  local jar=$1 path=$2; shift 2
  local page token handler
  page=$(curl -s -c "$jar" -b "$jar" "$BASE$path")
  token=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  handler=$(grep -o 'name="_handler" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  local args=(--data-urlencode "__RequestVerificationToken=$token" --data-urlencode "_handler=$handler")
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  curl -s -o /dev/null -c "$jar" -b "$jar" "$BASE$path" "${args[@]}"
}

run_one() {
  local label=$1 connection=$2
  local data; data=$(mktemp -d)
  # A database of its own per run (the key file lives in the data directory, so an old database's keys would not open).
  [ -z "$connection" ] || connection="$connection;Database=hearth_pages_$(date +%s%N)"
  "$OUT/bench/Hearth.Bench" seed-pages "${connection:-$data}" "$CLINICIANS" "$WEEKS" "$data" | sed "s/^/$label: /"

  ConnectionStrings__Hearth="$connection" Hearth__DataDirectory="$data" Urls="$BASE" Logging__LogLevel__Default=Warning \
    "$OUT/web/Hearth.Web" >"$OUT/web-pages-$label.log" 2>&1 &
  local pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT  # also when a step fails under set -e
  for _ in $(seq 1 120); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.5; done

  # Sign in through the real form, keeping the session cookie.
  local jar="$data/cookies"
  form_post "$jar" /account/login "Input.Email=pages@bench.example" "Input.Password=benchmark password 1"
  export HEARTH_COOKIE; HEARTH_COOKIE=$(awk '$6 == "hearth" { print "hearth=" $7 }' "$jar")
  [ -n "$HEARTH_COOKIE" ] || { echo "$label: could not sign in" >&2; kill $pid; return 1; }

  for page in "${PAGES[@]}"; do
    local status; status=$(curl -s -o "$OUT/page-$label${page////-}.html" -w '%{http_code}' -H "Cookie: $HEARTH_COOKIE" "$BASE$page")
    [ "$status" = 200 ] || echo "$label $page: answered $status before the run (see $OUT/page-$label${page////-}.html)" >&2
    # Warm-up long enough for the JIT to tier up the page's code: the figure is the server as it runs all day,
    # not its first seconds after a start.
    wrk -t2 -c32 -d15s -s bench/pages/get.lua "$BASE$page" >/dev/null
    local result; result=$(wrk -t2 -c32 -d"${DURATION}s" --latency -s bench/pages/get.lua "$BASE$page" | grep RESULT)
    local rps p50 p95 p99 errors
    rps=$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$result"); p50=$(sed 's/.* p50_ms=\([0-9.]*\).*/\1/' <<<"$result")
    p95=$(sed 's/.* p95_ms=\([0-9.]*\).*/\1/' <<<"$result"); p99=$(sed 's/.* p99_ms=\([0-9.]*\).*/\1/' <<<"$result")
    errors=$(sed 's/.* errors=\([0-9]*\).*/\1/' <<<"$result")
    echo "$label $page: $rps req/s, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, errors $errors (goal p95 < 100 ms: $(awk "BEGIN{print ($p95 < 100) ? \"meets\" : \"MISSES\"}"))"
  done
  kill $pid; wait $pid 2>/dev/null || true
  trap - EXIT
  rm -rf "$data"
}

run_one sqlite ""
if [ -n "${HEARTH_BENCH_POSTGRES:-}" ]; then
  run_one postgres "$HEARTH_BENCH_POSTGRES"
else
  echo "postgres: set HEARTH_BENCH_POSTGRES to a connection string (the database is created) to measure it"
fi
