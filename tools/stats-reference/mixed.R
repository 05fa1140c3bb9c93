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

# ---------------------------------------------------------------------------------------------------
# Stepped-wedge cluster trials (SteppedWedgeModel): score ~ period + condition + (1 | cluster) + (1 | subject)
# with R's default treatment contrasts, subjects nested in clusters. Generated after the data sets
# above, each with its own seed, so their files stay as they were.

# Every cluster starts under control and switches to the intervention at its step's period (step 1 =
# the second period); every subject has a random intercept, and so does every cluster. A share of the
# subject × period values is missing, and some subjects are measured in one period only.
wedge_simulate <- function(subjects_per_cluster, switch_period, periods, effect, trend, sd_cluster, sd_subject, sd_error,
                           p_missing, p_once) {
  rows <- list(); id <- 0
  for (c in seq_along(subjects_per_cluster)) {
    cluster <- sprintf("clinic-%02d", c)
    u_cluster <- rnorm(1, 0, sd_cluster)
    for (i in seq_len(subjects_per_cluster[c])) {
      id <- id + 1
      u_subject <- rnorm(1, 0, sd_subject)
      t <- seq_along(periods)
      treated <- t >= switch_period[c]
      y <- 50 + trend + effect * treated + u_cluster + u_subject + rnorm(length(t), 0, sd_error)
      keep <- runif(length(t)) > p_missing
      if (runif(1) < p_once) keep <- t == sample(t, 1)
      if (!any(keep)) keep[sample(t, 1)] <- TRUE
      rows[[id]] <- data.frame(subject = sprintf("s%03d", id), cluster = cluster, period = periods,
                               condition = ifelse(treated, "intervention", "control"), score = round(y, 2))[keep, ]
    }
  }
  do.call(rbind, rows)
}

# Periods take their levels in natural numeric order when every label is a number, otherwise in order of
# first appearance — the rule SteppedWedgeModel follows.
wedge_period_factor <- function(labels) {
  numeric <- suppressWarnings(as.numeric(labels))
  if (!anyNA(numeric)) factor(labels, levels = unique(labels[order(numeric)])) else factor(labels, levels = unique(labels))
}

wedge_effect <- function(m, term, ddf) {
  row <- coef(summary(m, ddf = ddf))[term, ]
  df <- unname(row[["df"]])
  half <- qt(0.975, df) * unname(row[["Std. Error"]])
  list(estimate = unname(row[["Estimate"]]), se = unname(row[["Std. Error"]]), df = df, t = unname(row[["t value"]]),
       p = unname(row[["Pr(>|t|)"]]), ci_lower = unname(row[["Estimate"]]) - half, ci_upper = unname(row[["Estimate"]]) + half)
}

wedge_emit <- function(name, d, control, intervention, singular = FALSE) {
  csv <- file.path(mixed_out_dir, paste0(name, ".csv"))
  write.csv(d[, c("subject", "cluster", "period", "condition", "score")], csv, row.names = FALSE, quote = FALSE, eol = "\n")
  back <- read.csv(csv, colClasses = c(rep("character", 4), "numeric"))
  back$period <- wedge_period_factor(back$period)
  back$condition <- factor(back$condition, levels = c(control, intervention))
  stopifnot(!anyNA(back$condition))
  back$cluster <- factor(back$cluster, levels = unique(back$cluster))
  back$subject <- factor(back$subject, levels = unique(back$subject))
  old <- options(contrasts = c("contr.treatment", "contr.poly")); on.exit(options(old))
  control_opt <- lmerControl(optimizer = "nloptwrap", optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14, maxeval = 1e5))
  m <- lmer(score ~ period + condition + (1 | cluster) + (1 | subject), data = back, REML = TRUE, control = control_opt)
  if (isSingular(m) != singular) stop(name, if (singular) ": the fit was meant to be singular" else ": the fit is singular")
  term <- paste0("condition", intervention)
  anova_rows <- function(t) lapply(seq_len(nrow(t)), function(i) list(
    effect = rownames(t)[i], df_num = t$NumDF[i], df_den = t$DenDF[i], f = t[["F value"]][i], p = t[["Pr(>F)"]][i]))
  vc <- as.data.frame(VarCorr(m))
  res <- list(
    args = list(subject = "subject", cluster = "cluster", period = "period", condition = "condition", score = "score", control = control),
    model = "stepped_wedge",
    formula = "score ~ period + condition + (1 | cluster) + (1 | subject)",
    counts = list(observations = nrow(back), subjects = nlevels(back$subject), clusters = nlevels(back$cluster), periods = nlevels(back$period)),
    period_levels = as.list(levels(back$period)),
    intervention = intervention,
    effect = wedge_effect(m, term, "Satterthwaite"),
    effect_kenward_roger = wedge_effect(m, term, "Kenward-Roger"),
    anova = anova_rows(anova(m, type = 3, ddf = "Satterthwaite")),
    anova_kenward_roger = anova_rows(anova(m, type = 3, ddf = "Kenward-Roger")),
    random = list(cluster_variance = vc$vcov[vc$grp == "cluster"], subject_variance = vc$vcov[vc$grp == "subject"],
                  residual_variance = vc$vcov[vc$grp == "Residual"]),
    theta = list(subject = unname(getME(m, "theta")[["subject.(Intercept)"]]), cluster = unname(getME(m, "theta")[["cluster.(Intercept)"]])),
    reml_criterion = unname(REMLcrit(m)),
    singular = isSingular(m),
    fixed_effects = as.list(fixef(m)),
    versions = list(R = as.character(getRversion()), lme4 = as.character(packageVersion("lme4")),
                    lmerTest = as.character(packageVersion("lmerTest")), pbkrtest = as.character(packageVersion("pbkrtest"))))
  mixed_write_json(res, file.path(mixed_out_dir, paste0(name, ".lmer.json")))
  cat("wrote", name, "\n")
}

# (a) The classic design: 8 clusters, 4 steps of 2 clusters, 5 periods, about 10 subjects per cluster
# measured in most periods; a treatment effect of −3 and a period trend.
set.seed(20261208)
d <- wedge_simulate(subjects_per_cluster = c(10, 9, 11, 10, 10, 8, 12, 10), switch_period = rep(2:5, each = 2),
                    periods = 1:5, effect = -3, trend = c(0, -0.5, -1, -1.2, -2), sd_cluster = 2, sd_subject = 4, sd_error = 3,
                    p_missing = 0.15, p_once = 0)
wedge_emit("wedge-classic", d, "control", "intervention")

# (b) Unbalanced: clusters of 3 to 25 subjects, a fifth of them measured once only; the periods are months
# (numbers, so in numeric order) and the rows are shuffled, so they first appear out of order; the
# conditions are named so that the control level does not sort first.
set.seed(20261209)
d <- wedge_simulate(subjects_per_cluster = c(3, 25, 7, 14, 4, 19, 11, 22, 5, 9), switch_period = c(2, 2, 3, 3, 4, 4, 5, 5, 6, 6),
                    periods = c(0, 3, 6, 9, 12, 18), effect = 2.5, trend = c(0, 1, 1.5, 1, 2, 2.5), sd_cluster = 3, sd_subject = 5,
                    sd_error = 4, p_missing = 0.25, p_once = 0.2)
d$condition <- ifelse(d$condition == "intervention", "coaching", "usual-care")
d <- d[sample(nrow(d)), ]
wedge_emit("wedge-unbalanced", d, "usual-care", "coaching")

# (c) No cluster variance: lme4's optimum is on the boundary (the cluster's θ = 0, a singular fit). The
# periods are words, taken in order of first appearance.
set.seed(20261210)
d <- wedge_simulate(subjects_per_cluster = rep(8, 6), switch_period = rep(2:4, each = 2),
                    periods = c("baseline", "spring", "summer", "autumn"), effect = -2, trend = c(0, 0.5, 1, 0.5),
                    sd_cluster = 0, sd_subject = 3, sd_error = 3, p_missing = 0.1, p_once = 0.05)
wedge_emit("wedge-singular", d, "control", "intervention", singular = TRUE)
