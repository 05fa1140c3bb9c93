# Reference results for Hearth.Statistics' linear mixed model (LinearMixedModel), from lme4 and lmerTest.
# Sourced by generate.R; also runs alone: Rscript tools/stats-reference/generate.R mixed
# For each data set: NAME.csv (long format, missing waves left out) and NAME.lmer.json. The model is
# score ~ between * within + (1 | subject), or, for the data sets emitted with random_slope = TRUE (their
# args say "random_slope": true), + (1 + time | subject) with time = the wave's position 0, 1, 2, …

suppressPackageStartupMessages({
  library(lmerTest)
  library(jsonlite)
})

mixed_out_dir <- file.path("tests", "Hearth.Statistics.Tests", "Fixtures")
if (!dir.exists(mixed_out_dir)) stop("run from the repository root (", mixed_out_dir, " not found)")

mixed_write_json <- function(x, path) {
  writeLines(toJSON(x, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null", na = "null"), path, useBytes = TRUE)
}

# One subject per row block: a random intercept, arm effects growing over the waves, normal noise;
# then a share of the waves is dropped at random (and some subjects lose every wave after one).
mixed_simulate <- function(arms, ns, waves, effects, sd_subject, sd_error, p_missing, p_dropout) {
  rows <- list(); id <- 0
  for (a in seq_along(arms)) {
    for (i in seq_len(ns[a])) {
      id <- id + 1
      u <- rnorm(1, 0, sd_subject)
      y <- 50 + u + effects[[a]] + rnorm(length(waves), 0, sd_error)
      keep <- runif(length(waves)) > p_missing
      if (runif(1) < p_dropout) keep[seq(2, length(waves))] <- FALSE
      if (!any(keep)) keep[1] <- TRUE
      rows[[id]] <- data.frame(subject = sprintf("p%03d", id), arm = arms[a], wave = waves, score = round(y, 2))[keep, ]
    }
  }
  do.call(rbind, rows)
}

# As mixed_simulate, but every subject also has a random slope over the waves (time 0, 1, 2, …),
# correlated with the intercept.
mixed_simulate_slopes <- function(arms, ns, waves, effects, sd_intercept, sd_slope, correlation, sd_error, p_missing, p_dropout) {
  rows <- list(); id <- 0
  time <- seq_along(waves) - 1
  for (a in seq_along(arms)) {
    for (i in seq_len(ns[a])) {
      id <- id + 1
      z <- rnorm(2)
      u0 <- sd_intercept * z[1]
      u1 <- sd_slope * (correlation * z[1] + sqrt(1 - correlation^2) * z[2])
      y <- 50 + u0 + u1 * time + effects[[a]] + rnorm(length(waves), 0, sd_error)
      keep <- runif(length(waves)) > p_missing
      if (runif(1) < p_dropout) keep[seq(2, length(waves))] <- FALSE
      if (!any(keep)) keep[1] <- TRUE
      rows[[id]] <- data.frame(subject = sprintf("p%03d", id), arm = arms[a], wave = waves, score = round(y, 2))[keep, ]
    }
  }
  do.call(rbind, rows)
}

mixed_emit <- function(name, d, between, within, random_slope = FALSE, singular = FALSE) {
  csv <- file.path(mixed_out_dir, paste0(name, ".csv"))
  write.csv(d[, c("subject", between, within, "score")], csv, row.names = FALSE, quote = FALSE, eol = "\n")
  back <- read.csv(csv, colClasses = c(rep("character", 1 + length(between) + length(within)), "numeric"))
  for (f in c(between, within)) back[[f]] <- factor(back[[f]], levels = unique(back[[f]]))
  back$subject <- factor(back$subject, levels = unique(back$subject))
  old <- options(contrasts = c("contr.sum", "contr.poly")); on.exit(options(old))
  if (random_slope) {
    stopifnot(length(within) == 1)
    back$time <- as.numeric(back[[within]]) - 1  # the wave's position, levels in order of appearance
  }
  random_term <- if (random_slope) "(1 + time | subject)" else "(1 | subject)"
  formula <- as.formula(paste("score ~", paste(c(between, within), collapse = " * "), "+", random_term))
  # A tight optimiser, so the reference is the optimum and not where the default tolerance stopped.
  control <- lmerControl(optimizer = "nloptwrap", optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14, maxeval = 1e5))
  m <- lmer(formula, data = back, REML = TRUE, control = control)
  a <- anova(m, type = 3, ddf = "Satterthwaite")
  kr <- anova(m, type = 3, ddf = "Kenward-Roger")
  vc <- as.data.frame(VarCorr(m))
  anova_rows <- function(t) lapply(seq_len(nrow(t)), function(i) list(
    effect = rownames(t)[i], df_num = t$NumDF[i], df_den = t$DenDF[i], f = t[["F value"]][i], p = t[["Pr(>F)"]][i]))
  levels_list <- lapply(c(between, within), function(f) as.list(levels(back[[f]])))
  names(levels_list) <- c(between, within)
  args <- list(subject = "subject", dv = "score", within = as.list(within), between = as.list(between))
  random <- list(subject_intercept_variance = vc$vcov[vc$grp == "subject"], residual_variance = vc$vcov[vc$grp == "Residual"])
  if (random_slope) {
    if (isSingular(m) != singular) stop(name, if (singular) ": the fit was meant to be singular" else ": the fit is singular; simulate a clearer random slope")
    args$random_slope <- TRUE
    subject <- vc[vc$grp == "subject", ]
    random <- list(
      subject_intercept_variance = subject$vcov[subject$var1 == "(Intercept)" & is.na(subject$var2)],
      subject_slope_variance = subject$vcov[subject$var1 == "time" & is.na(subject$var2)],
      intercept_slope_correlation = subject$sdcor[!is.na(subject$var2)],
      residual_variance = vc$vcov[vc$grp == "Residual"])
  }
  res <- list(
    args = args,
    model = "mixed",
    design = list(subjects = nlevels(back$subject), excluded_subjects = list(), between = as.list(between), within = as.list(within), levels = levels_list),
    observations = nrow(back),
    anova = anova_rows(a),
    anova_kenward_roger = anova_rows(kr),
    random = random,
    reml_criterion = unname(REMLcrit(m)),
    fixed_effects = unname(fixef(m)),
    versions = list(R = as.character(getRversion()), lme4 = as.character(packageVersion("lme4")),
                    lmerTest = as.character(packageVersion("lmerTest")), pbkrtest = as.character(packageVersion("pbkrtest"))))
  # On the boundary (a variance at zero, the correlation ±1) lme4's optimiser is less precise.
  if (random_slope) res$singular <- isSingular(m)
  mixed_write_json(res, file.path(mixed_out_dir, paste0(name, ".lmer.json")))
  cat("wrote", name, "\n")
}

set.seed(20261203)
waves3 <- c("pre", "post", "follow-up")
d <- mixed_simulate(c("waitlist", "compassion", "mentalization"), c(15, 22, 18), waves3,
                    list(c(0, 0, 0), c(0, -4, -5), c(0, -3, -2)), sd_subject = 4, sd_error = 3, p_missing = 0.12, p_dropout = 0.1)
mixed_emit("mixed-three-arm", d, "arm", "wave")

set.seed(20261204)
waves4 <- c("w1", "w2", "w3", "w4")
d <- mixed_simulate(c("control", "program"), c(31, 24), waves4,
                    list(c(0, 0, 0, 0), c(0, -1, -3, -4)), sd_subject = 6, sd_error = 2.5, p_missing = 0.2, p_dropout = 0.15)
mixed_emit("mixed-two-arm-four-waves", d, "arm", "wave")

# Random intercept and slope per subject, each data set with its own seed (after the ones above, so
# their files stay as they were).
set.seed(20261205)
d <- mixed_simulate_slopes(c("waitlist", "compassion", "mentalization"), c(26, 34, 30), waves3,
                           list(c(0, 0, 0), c(0, -4, -5), c(0, -3, -2)), sd_intercept = 5, sd_slope = 2.5, correlation = -0.4,
                           sd_error = 2, p_missing = 0.1, p_dropout = 0.08)
mixed_emit("mixed-slope-three-arm", d, "arm", "wave", random_slope = TRUE)

set.seed(20261206)
d <- mixed_simulate_slopes(c("control", "program"), c(38, 29), waves4,
                           list(c(0, 0, 0, 0), c(0, -1, -3, -4)), sd_intercept = 6, sd_slope = 1.5, correlation = 0.3,
                           sd_error = 2.5, p_missing = 0.15, p_dropout = 0.1)
mixed_emit("mixed-slope-two-arm-four-waves", d, "arm", "wave", random_slope = TRUE)

# No slope variance at all: lme4's optimum is on the boundary (θ₃ = 0, the correlation ±1), where the
# Hessian of the deviance is nearly singular.
set.seed(20261207)
d <- mixed_simulate(c("control", "program"), c(40, 35), waves3,
                    list(c(0, 0, 0), c(-3, -5, -6)), sd_subject = 5, sd_error = 3, p_missing = 0.1, p_dropout = 0.1)
mixed_emit("mixed-slope-singular", d, "arm", "wave", random_slope = TRUE, singular = TRUE)
