# Shared by the benchmark scripts: build the tool as it ships (Release, compiled ahead of time to native code, as the
# README installs it) and time commands.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=bench/out
mkdir -p "$OUT"

build_tools() {
  dotnet publish src/Hearth.Cli -c Release -r linux-x64 -o "$OUT/cli" -v quiet -nologo >/dev/null
  dotnet build -c Release bench/Hearth.Bench -o "$OUT/bench" -v quiet -nologo >/dev/null
}

# measure LABEL RUNS command… — prints each run and sets BEST_S (fastest wall time) and PEAK_MB (largest RSS).
measure() {
  local label=$1 runs=$2; shift 2
  BEST_S=""; PEAK_MB=0
  for run in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || { cat "$OUT/stderr.txt" >&2; return 1; }
    read -r seconds kb < "$OUT/time.txt"
    local mb=$((kb / 1024))
    echo "$label run $run: ${seconds} s, peak ${mb} MB"
    if [ -z "$BEST_S" ] || awk "BEGIN{exit !($seconds < $BEST_S)}"; then BEST_S=$seconds; fi
    if [ "$mb" -gt "$PEAK_MB" ]; then PEAK_MB=$mb; fi
  done
}

verdict() { awk "BEGIN{print ($1 < $2) ? \"meets\" : \"MISSES\"}"; }
