#!/usr/bin/env bash
# Scoring benchmark (issue: measurement core). Scores N respondents of a 30-item instrument
# (ProQOL 5), whole process from CSV to JSON file, and compares with the target:
# under 2 s wall time and under 500 MB peak memory on a 2-core machine.
#   bash bench/score/run.sh [N]        (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
OUT=bench/out
mkdir -p "$OUT"

dotnet build -c Release src/Hearth.Cli -o "$OUT/cli" -v quiet -nologo >/dev/null
dotnet build -c Release bench/Hearth.Bench -o "$OUT/bench" -v quiet -nologo >/dev/null

CSV="$OUT/proqol-5-$N.csv"
if [ ! -f "$CSV" ]; then
  "$OUT/bench/Hearth.Bench" generate-responses content/instruments/proqol-5.json "$N" "$CSV"
fi
echo "input: $CSV ($(du -h "$CSV" | cut -f1), $N respondents × 30 items)"

# One warm-up run so the file is in the page cache for every measured run alike.
"$OUT/cli/hearth" score proqol-5 --input "$CSV" --output "$OUT/scores.json" 2>/dev/null

best_s=""; best_mb=""
for run in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$OUT/cli/hearth" score proqol-5 --input "$CSV" --output "$OUT/scores.json" 2>/dev/null
  read -r seconds kb < "$OUT/time.txt"
  mb=$((kb / 1024))
  echo "run $run: ${seconds} s, peak ${mb} MB"
  if [ -z "$best_s" ] || awk "BEGIN{exit !($seconds < $best_s)}"; then best_s=$seconds; fi
  if [ -z "$best_mb" ] || [ "$mb" -gt "$best_mb" ]; then best_mb=$mb; fi
done

echo "output: $(du -h "$OUT/scores.json" | cut -f1) JSON"
verdict_t=$(awk "BEGIN{print ($best_s < 2.0) ? \"meets\" : \"MISSES\"}")
verdict_m=$([ "$best_mb" -lt 500 ] && echo meets || echo MISSES)
echo "score $N respondents: best ${best_s} s (target < 2 s: $verdict_t), peak ${best_mb} MB over runs (target < 500 MB: $verdict_m)"
