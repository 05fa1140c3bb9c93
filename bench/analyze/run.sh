#!/usr/bin/env bash
# Analysis benchmark (statistics engine): hearth analyze end to end (parse + compute + JSON) on a
# 3-arm × 3-wave trial of N subjects (3N rows), then the same analysis in R in the same run: data.table's
# fread and dcast, lm and car::Anova (the fastest ordinary R), and afex::aov_ez, with the ratios.
# Goal at N = 1,000,000 on a 2-core machine: at least 10× faster than R's fread + car, under 400 MB.
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
echo "hearth analyze $N subjects: best ${HEARTH_S} s, peak ${HEARTH_MB} MB (goal ≤ 400 MB: $(verdict "$HEARTH_MB" 400.5))"
"$OUT/bench/Hearth.Bench" physical-limit "$CSV"

if ! command -v Rscript >/dev/null || ! Rscript -e 'library(car); library(afex); library(jsonlite); library(data.table)' >/dev/null 2>&1; then
  echo "R with car, afex, jsonlite and data.table is not installed (apt-get install r-cran-afex r-cran-car r-cran-data.table): no ratios"
  exit 0
fi
for engine in car afex; do
  measure "R $engine" "$([ "$engine" = car ] && echo 3 || echo 1)" Rscript bench/analyze/reference.R "$engine" "$CSV"
  ratio=$(awk "BEGIN{printf \"%.1f\", $BEST_S / $HEARTH_S}")
  label=$([ "$engine" = car ] && echo "R fread + car::Anova" || echo "R fread + afex::aov_ez")
  goal=$([ "$engine" = car ] && echo " (goal ≥ 10×: $(awk "BEGIN{print ($ratio >= 10) ? \"meets\" : \"MISSES\"}"))" || echo "")
  echo "$label: best ${BEST_S} s, peak ${PEAK_MB} MB — hearth is ${ratio}× faster${goal} and uses $(awk "BEGIN{printf \"%.1f\", $PEAK_MB / $HEARTH_MB}")× less memory"
done
