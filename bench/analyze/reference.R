# The same analysis in R, for the benchmark's time and memory ratios (bench/analyze/run.sh).
#   Rscript bench/analyze/reference.R car|afex FILE.csv
# Reads the long-format file, fits the 3-arm × 3-wave mixed ANOVA with type III sums of squares and
# writes the ANOVA table as JSON, i.e. parse + compute + JSON, as hearth analyze does. The reading and
# reshaping are the fastest a statistician would ordinarily write: data.table's fread and dcast (with
# read.csv and reshape only where data.table is not installed).
args <- commandArgs(trailingOnly = TRUE)
engine <- args[1]
fast <- requireNamespace("data.table", quietly = TRUE)
d <- if (fast) {
  data.table::fread(args[2], colClasses = c("character", "character", "character", "numeric"), showProgress = FALSE)
} else {
  utils::read.csv(args[2], colClasses = c("character", "character", "character", "numeric"))
}
d$arm <- factor(d$arm, levels = unique(d$arm))
d$wave <- factor(d$wave, levels = unique(d$wave))
options(contrasts = c("contr.sum", "contr.poly"))
if (engine == "car") {
  wide <- if (fast) {
    as.data.frame(data.table::dcast(d, subject + arm ~ wave, value.var = "score"))
  } else {
    w <- stats::reshape(as.data.frame(d), idvar = c("subject", "arm"), timevar = "wave", direction = "wide")
    names(w) <- sub("^score\\.", "", names(w))
    w
  }
  y <- as.matrix(wide[, levels(d$wave)])
  fit <- stats::lm(y ~ arm, data = wide)
  idata <- data.frame(wave = factor(levels(d$wave), levels = levels(d$wave)))
  a <- car::Anova(fit, idata = idata, idesign = ~wave, type = 3)
  tab <- summary(a, multivariate = FALSE)$univariate.tests
  out <- data.frame(effect = rownames(tab), ss = tab[, "Sum Sq"], df_num = tab[, "num Df"],
                    ss_error = tab[, "Error SS"], df_den = tab[, "den Df"], f = tab[, "F value"], p = tab[, "Pr(>F)"])
} else {
  fit <- afex::aov_ez("subject", "score", as.data.frame(d), between = "arm", within = "wave", type = 3,
                      anova_table = list(correction = "none", es = c("pes", "ges")))
  out <- fit$anova_table
  out$effect <- rownames(out)
}
writeLines(jsonlite::toJSON(out, digits = NA), if (length(args) >= 3) args[3] else "/dev/null")
cat(engine, if (fast) "(fread)" else "(read.csv)", "ok:", nrow(out), "effects\n")
