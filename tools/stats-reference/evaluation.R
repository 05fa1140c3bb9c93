# Reference results for Hearth.Statistics' evaluation of organisational changes (Evaluation/), from lm,
# sandwich and lmtest. Sourced by generate.R; also runs alone: Rscript tools/stats-reference/generate.R evaluation
#   did-NAME.csv / did-NAME.expected.json: difference-in-differences by two-way fixed effects,
#     lm(score ~ treated + factor(team) + factor(month)), SE clustered by team (vcovCL, HC1), t with G - 1 df;
#   its-NAME.csv / its-NAME.expected.json: interrupted time series, lm(score ~ t + post + since),
#     Newey-West SE (lag 3, no prewhitening, adjusted), t with n - 4 df.
# Each CSV is read back before it is analysed, so the expected values are those of the file's digits.

suppressPackageStartupMessages({
  library(sandwich)
  library(lmtest)
  library(jsonlite)
})

evaluation_out_dir <- file.path("tests", "Hearth.Statistics.Tests", "Fixtures")
if (!dir.exists(evaluation_out_dir)) stop("run from the repository root (", evaluation_out_dir, " not found)")

evaluation_check <- function(ok, what) if (!isTRUE(all(ok))) stop("cross-check failed: ", what)
evaluation_close <- function(a, b, tol = 1e-10) {
  a <- as.numeric(a); b <- as.numeric(b)
  length(a) == length(b) && all(abs(a - b) <= tol * pmax(1, abs(a), abs(b)))
}
evaluation_write_json <- function(x, path) {
  writeLines(toJSON(x, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null", na = "null"), path, useBytes = TRUE)
}
evaluation_versions <- function() list(R = as.character(getRversion()), sandwich = as.character(packageVersion("sandwich")),
                                       lmtest = as.character(packageVersion("lmtest")))

# AR(1) noise: what monthly team scores look like (a bad month tends to follow a bad month).
ar1 <- function(n, phi, sd) as.numeric(arima.sim(list(ar = phi), n = n, sd = sd))

# One coefficient's test with a given covariance and df, as lmtest reports it.
coefficient_test <- function(m, name, v, df) {
  ct <- coeftest(m, vcov. = v, df = df)
  ci <- coefci(m, parm = name, vcov. = v, df = df, level = 0.95)
  list(estimate = ct[name, "Estimate"], se = ct[name, "Std. Error"], df = df, t = ct[name, "t value"],
       p = ct[name, "Pr(>|t|)"], ci_lower = ci[1, 1], ci_upper = ci[1, 2])
}

# ---- difference in differences --------------------------------------------------------------------
# teams: labels; months: labels in time order; start: per team, the index of its first treated month
# (NA: never treated). Team and month effects, an effect of the change, AR(1) noise per team.
did_simulate <- function(teams, months, start, effect, sd_team = 5, sd_month = 1.5, phi = 0.4, sd_noise = 2.5) {
  team_effect <- rnorm(length(teams), 0, sd_team)
  month_effect <- cumsum(rnorm(length(months), 0, sd_month / 2))
  rows <- lapply(seq_along(teams), function(i) {
    treated <- if (is.na(start[i])) rep(0L, length(months)) else as.integer(seq_along(months) >= start[i])
    data.frame(team = teams[i], month = months, treated = treated,
               burnout = round(50 + team_effect[i] + month_effect + effect * treated + ar1(length(months), phi, sd_noise), 2),
               stringsAsFactors = FALSE)
  })
  do.call(rbind, rows)
}

did_emit <- function(name, d) {
  csv <- file.path(evaluation_out_dir, paste0(name, ".csv"))
  write.csv(d, csv, row.names = FALSE, quote = FALSE, eol = "\n", na = "")
  back <- read.csv(csv, colClasses = c("character", "character", "integer", "numeric"))
  back <- back[!is.na(back$burnout), ]  # an empty score is a missing team-month
  m <- lm(burnout ~ treated + factor(team) + factor(month), data = back)
  v <- vcovCL(m, cluster = ~team, type = "HC1")
  g <- length(unique(back$team))
  res <- coefficient_test(m, "treated", v, g - 1)

  # Cross-check: the same SE from the Frisch-Waugh-Lovell residuals, with CR1's factor written out:
  # G/(G - 1) x (N - 1)/(N - K), K counting every coefficient of the full lm (intercept, treated, team and month dummies).
  n <- nobs(m); k <- m$rank
  evaluation_check(k == 1 + g + length(unique(back$month)) - 1, paste(name, "rank of the full model"))
  d_tilde <- resid(lm(treated ~ factor(team) + factor(month), data = back))
  scores <- tapply(d_tilde * resid(m), back$team, sum)
  se_fwl <- sqrt(g / (g - 1) * (n - 1) / (n - k) * sum(scores^2) / sum(d_tilde^2)^2)
  evaluation_check(evaluation_close(se_fwl, res$se), paste(name, "CR1 SE by FWL vs vcovCL"))
  evaluation_check(evaluation_close(sum(d_tilde * back$burnout) / sum(d_tilde^2), res$estimate), paste(name, "estimate by FWL"))

  out <- c(list(args = list(unit = "team", time = "month", treated = "treated", dv = "burnout")),
           res, list(clusters = g, rows = n, periods = length(unique(back$month)), versions = evaluation_versions()))
  evaluation_write_json(out, file.path(evaluation_out_dir, paste0(name, ".expected.json")))
  cat(sprintf("%-22s teams=%d rows=%d estimate=%.4f se=%.4f p=%.3g\n", name, g, n, res$estimate, res$se, res$p))
}

set.seed(20260301)
# Balanced: 24 teams x 18 months, 10 teams cap caseloads from the 10th month on.
months <- sprintf("2025-%02d", 1:12); months <- c(months, sprintf("2026-%02d", 1:6))
teams <- sprintf("team-%02d", 1:24)
did_emit("did-balanced", did_simulate(teams, months, c(rep(10, 10), rep(NA, 14)), effect = -4))

set.seed(20260302)
# Staggered and unbalanced: 40 teams x 30 months, three cohorts adopting at months 8, 15 and 22, 16 teams
# never; 7% of team-months missing, three empty scores, and one team seen for three months only.
months <- c(sprintf("2024-%d", 1:12), sprintf("2025-%d", 1:12), sprintf("2026-%d", 1:6))
teams <- paste0("t", 1:40)
d <- did_simulate(teams, months, c(rep(8, 8), rep(15, 8), rep(22, 8), rep(NA, 16)), effect = -3)
d <- d[runif(nrow(d)) > 0.07, ]
d <- d[!(d$team == "t33" & !(d$month %in% months[5:7])), ]
d$burnout[sample(which(d$team != "t33"), 3)] <- NA
did_emit("did-staggered", d)

set.seed(20260303)
# Few teams: 6 teams x 12 months, so the t reference has 5 df.
months <- sprintf("month-%d", 1:12)
did_emit("did-few-teams", did_simulate(c("north", "south", "east", "west", "centre", "coast"), months,
                                       c(7, 7, 7, NA, NA, NA), effect = -5))

# ---- interrupted time series -----------------------------------------------------------------------
# levels: the time labels in order; start: the index (1-based) of the change's first period. The rows
# are written to the CSV in `row_order`, and sorted back into time order before the fit.
its_emit <- function(name, levels, score, start, row_order = seq_along(levels)) {
  csv <- file.path(evaluation_out_dir, paste0(name, ".csv"))
  write.csv(data.frame(month = levels, burnout = round(score, 2))[row_order, ], csv, row.names = FALSE, quote = FALSE, eol = "\n")
  back <- read.csv(csv, colClasses = c("character", "numeric"))
  back <- back[order(match(back$month, levels)), ]
  n <- nrow(back)
  back$t <- seq_len(n) - 1
  back$post <- as.integer(back$t >= start - 1)
  back$since <- pmax(0, back$t - (start - 1))
  m <- lm(burnout ~ t + post + since, data = back)
  v <- NeweyWest(m, lag = 3, prewhite = FALSE, adjust = TRUE)

  # Cross-check: Newey-West written out, Bartlett weights 1 - j/4 on the lag-j autocovariances of x_t e_t.
  x <- model.matrix(m); u <- x * resid(m)
  meat <- crossprod(u)
  for (j in 1:3) {
    g <- crossprod(u[1:(n - j), , drop = FALSE], u[(1 + j):n, , drop = FALSE])
    meat <- meat + (1 - j / 4) * (g + t(g))
  }
  bread <- solve(crossprod(x))
  evaluation_check(evaluation_close(n / (n - 4) * bread %*% meat %*% bread, v), paste(name, "Newey-West by hand"))

  part <- function(coef) coefficient_test(m, coef, v, n - 4)
  out <- list(args = list(time = "month", dv = "burnout", start = levels[start]),
              pre_slope = part("t"), level_change = part("post"), slope_change = part("since"), n = n,
              versions = evaluation_versions())
  evaluation_write_json(out, file.path(evaluation_out_dir, paste0(name, ".expected.json")))
  cat(sprintf("%-22s n=%d start=%s level=%.3f slope=%.3f\n", name, n, levels[start], out$level_change$estimate, out$slope_change$estimate))
}

set.seed(20260304)
# Four years of a service's monthly burnout, flexible scheduling from 2026-1: a drop in level and a
# turn in the trend, AR(1) noise. Labels need natural order (2024-2 before 2024-10); rows are shuffled.
levels <- c(sprintf("2024-%d", 1:12), sprintf("2025-%d", 1:12), sprintf("2026-%d", 1:12), sprintf("2027-%d", 1:12))
t <- seq_along(levels) - 1; s <- 25
score <- 55 + 0.15 * t - 4 * (t >= s - 1) - 0.3 * pmax(0, t - (s - 1)) + ar1(length(levels), 0.5, 1.5)
its_emit("its-level-and-slope", levels, score, s, row_order = sample(length(levels)))

set.seed(20260305)
# The change near the start: three months before it (the fewest that leave the pre-change trend a residual), 27 after.
levels <- sprintf("month-%d", 1:30)
t <- seq_along(levels) - 1; s <- 4
score <- 48 + 0.1 * t - 3 * (t >= s - 1) - 0.2 * pmax(0, t - (s - 1)) + ar1(length(levels), 0.4, 1.2)
its_emit("its-early-change", levels, score, s)

cat(R.version.string, "| sandwich", as.character(packageVersion("sandwich")), "| lmtest", as.character(packageVersion("lmtest")), "\n")
