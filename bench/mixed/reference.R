# The mixed model in R, for bench/mixed/run.sh: read the long-format file (data.table::fread when it is
# installed, as a statistician would), fit lmer(score ~ arm * wave + (1 | subject)) by REML with
# sum-to-zero contrasts, and write lmerTest's type III table (Satterthwaite) as JSON.
#   Rscript bench/mixed/reference.R FILE.csv OUT.json
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(lmerTest))
d <- if (requireNamespace("data.table", quietly = TRUE)) {
  as.data.frame(data.table::fread(args[1], colClasses = c("character", "character", "character", "numeric")))
} else {
  utils::read.csv(args[1], colClasses = c("character", "character", "character", "numeric"))
}
d$arm <- factor(d$arm, levels = unique(d$arm))
d$wave <- factor(d$wave, levels = unique(d$wave))
options(contrasts = c("contr.sum", "contr.poly"))
m <- lmer(score ~ arm * wave + (1 | subject), data = d, REML = TRUE)
a <- anova(m, type = 3)
out <- data.frame(effect = rownames(a), df_num = a$NumDF, df_den = a$DenDF, f = a[["F value"]], p = a[["Pr(>F)"]])
writeLines(jsonlite::toJSON(list(anova = out, reml_criterion = REMLcrit(m)), digits = NA, auto_unbox = TRUE), args[2])
