#!/usr/bin/env bash
# Scoring benchmark (measurement core): score N respondents of a 30-item instrument (ProQOL 5),
# whole process from CSV to JSON file. Target: under 2 s and under 500 MB on a 2-core machine.
#   bash bench/score/run.sh [N]        (default 1000000)
source "$(dirname "$0")/../common.sh"
N=${1:-1000000}
build_tools

CSV="$OUT/proqol-5-$N.csv"
[ -f "$CSV" ] || "$OUT/bench/Hearth.Bench" generate-responses content/instruments/proqol-5.json "$N" "$CSV"
echo "input: $CSV ($(du -h "$CSV" | cut -f1), $N respondents × 30 items)"

"$OUT/cli/hearth" score proqol-5 --input "$CSV" --output "$OUT/scores.json" 2>/dev/null  # warm the page cache
measure "hearth score" 3 "$OUT/cli/hearth" score proqol-5 --input "$CSV" --output "$OUT/scores.json"
echo "output: $(du -h "$OUT/scores.json" | cut -f1) JSON"
echo "score $N respondents: best ${BEST_S} s (goal < 1 s: $(verdict "$BEST_S" 1)), peak ${PEAK_MB} MB (goal < 500 MB: $(verdict "$PEAK_MB" 500))"
