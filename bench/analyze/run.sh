#!/usr/bin/env bash
# Analysis benchmark (statistics engine): hearth analyze end to end (parse + compute + JSON) on a
# 3-arm × 3-wave trial of N subjects (3N rows). Target: under 1.0 s and under 400 MB for N = 1,000,000
# on a 2-core machine. Then the same analysis in R (car::Anova and afex::aov_ez, when installed), with
# the time and memory ratios.
#   bash bench/analyze/run.sh [N]      (default 1000000)
source "$(dirname "$0")/../common.sh"
N=${1:-1000000}
build_tools

CSV="$OUT/trial-$N.csv"
[ -f "$CSV" ] || "$OUT/bench/Hearth.Bench" generate-trial "$N" "$CSV"
echo "input: $CSV ($(du -h "$CSV" | cut -f1), $N subjects × 3 waves = $((N * 3)) rows)"
ARGS=(analyze "$CSV" --subject subject --dv score --within wave --between arm --format json --output "$OUT/analysis.json")

"$OUT/cli/hearth" "${ARGS[@]}"  # warm the page cache
measure "hearth analyze" 5 "$OUT/cli/hearth" "${ARGS[@]}"
HEARTH_S=$BEST_S; HEARTH_MB=$PEAK_MB
echo "hearth analyze $N subjects: best ${HEARTH_S} s (target < 1.0 s: $(verdict "$HEARTH_S" 1.0)), peak ${HEARTH_MB} MB (target < 400 MB: $(verdict "$HEARTH_MB" 400))"

if ! command -v Rscript >/dev/null || ! Rscript -e 'library(car); library(afex); library(jsonlite)' >/dev/null 2>&1; then
  echo "R with car, afex and jsonlite is not installed (apt-get install r-cran-afex r-cran-car): no ratios"
  exit 0
fi
for engine in car afex; do
  measure "R $engine" 1 Rscript bench/analyze/reference.R "$engine" "$CSV"
  echo "R $engine: ${BEST_S} s, peak ${PEAK_MB} MB — hearth is $(awk "BEGIN{printf \"%.1f\", $BEST_S / $HEARTH_S}")× faster and uses $(awk "BEGIN{printf \"%.1f\", $PEAK_MB / $HEARTH_MB}")× less memory"
done
