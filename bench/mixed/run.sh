#!/usr/bin/env bash
# Mixed-model benchmark: hearth analyze --model mixed (parse + REML fit + Satterthwaite type III tests
# + JSON) on a 3-arm × 3-wave trial of N subjects with 10 % of waves missing, then R's lmer + lmerTest on
# the same file in the same run, with the time ratio and the two F tables side by side.
#   bash bench/mixed/run.sh [N]      (default 100000)
source "$(dirname "$0")/../common.sh"
N=${1:-100000}
build_tools

CSV="$OUT/trial-$N-missing.csv"
[ -f "$CSV" ] || "$OUT/bench/Hearth.Bench" generate-trial "$N" "$CSV" 0.1
echo "input: $CSV ($(du -h "$CSV" | cut -f1), $N subjects, $(($(wc -l < "$CSV") - 1)) rows)"
ARGS=(analyze "$CSV" --subject subject --dv score --within wave --between arm --model mixed --format json --output "$OUT/mixed.json")

"$OUT/cli/hearth" "${ARGS[@]}"  # warm the page cache
measure "hearth analyze --model mixed" 5 "$OUT/cli/hearth" "${ARGS[@]}"
HEARTH_S=$BEST_S; HEARTH_MB=$PEAK_MB
echo "hearth --model mixed, $N subjects: best ${HEARTH_S} s, peak ${HEARTH_MB} MB"

if ! command -v Rscript >/dev/null || ! Rscript -e 'library(lmerTest); library(jsonlite)' >/dev/null 2>&1; then
  echo "R with lmerTest and jsonlite is not installed (apt-get install r-cran-lmertest r-cran-jsonlite): no ratio"
  exit 0
fi
measure "R lmer + lmerTest" 1 Rscript bench/mixed/reference.R "$CSV" "$OUT/mixed-r.json"
echo "R lmer + lmerTest: ${BEST_S} s, peak ${PEAK_MB} MB — hearth is $(awk "BEGIN{printf \"%.1f\", $BEST_S / $HEARTH_S}")× faster and uses $(awk "BEGIN{printf \"%.1f\", $PEAK_MB / $HEARTH_MB}")× less memory"
python3 - "$OUT/mixed.json" "$OUT/mixed-r.json" <<'PY'
import json, sys
ours, theirs = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for a, b in zip(ours["anova"], theirs["anova"]):
    print(f'{a["effect"]:>9}: F {a["f"]:.6f} (R {b["f"]:.6f}), df {a["df_den"]:.2f} (R {b["df_den"]:.2f})')
print(f'REML criterion {ours["reml_criterion"]:.4f} (R {theirs["reml_criterion"]:.4f})')
PY
