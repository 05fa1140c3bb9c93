#!/usr/bin/env Rscript
# Reference results for Hearth.Statistics (repeated-measures ANOVA, sphericity,
# descriptives, pairwise comparisons, Cronbach's alpha), computed with
# afex / car / emmeans. Writes fixtures into tests/Hearth.Statistics.Tests/Fixtures/.
# Run from the repository root:  Rscript tools/stats-reference/generate.R

# `Rscript tools/stats-reference/generate.R mixed` writes only the mixed-model fixtures (mixed.R).
if (identical(commandArgs(trailingOnly = TRUE), "mixed")) {
  source(file.path("tools", "stats-reference", "mixed.R"))
  quit(save = "no")
}
# `Rscript tools/stats-reference/generate.R evaluation` writes only the DiD and ITS fixtures (evaluation.R).
if (identical(commandArgs(trailingOnly = TRUE), "evaluation")) {
  source(file.path("tools", "stats-reference", "evaluation.R"))
  quit(save = "no")
}

suppressPackageStartupMessages({
  library(afex)
  library(car)
  library(emmeans)
  library(jsonlite)
})

afex_options(emmeans_model = "multivariate")  # afex's default, made explicit
emm_options(msg.interaction = FALSE)

out_dir <- file.path("tests", "Hearth.Statistics.Tests", "Fixtures")
if (!dir.exists(out_dir)) stop("run from the repository root (", out_dir, " not found)")

DV <- "score"
SUBJECT <- "subject"
TOL <- 1e-10

check <- function(ok, what) {
  if (!isTRUE(all(ok))) stop("cross-check failed: ", what)
}
rel_eq <- function(a, b, tol = TOL) {
  a <- as.numeric(a); b <- as.numeric(b)
  length(a) == length(b) && all(abs(a - b) <= tol * pmax(1, abs(a), abs(b)))
}
write_json_file <- function(x, path) {
  txt <- toJSON(x, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null", na = "null")
  writeLines(txt, path, useBytes = TRUE)
}
sid <- function(i) sprintf("s%02d", i)

# ---------------------------------------------------------------------------
# Core analysis: takes the long data frame exactly as read back from the CSV.
# ---------------------------------------------------------------------------
analyse <- function(name, d, between, within) {
  factors <- c(between, within)
  # level order = order of first appearance in the CSV
  for (f in factors) d[[f]] <- factor(d[[f]], levels = unique(d[[f]]))
  d[[SUBJECT]] <- factor(d[[SUBJECT]], levels = unique(d[[SUBJECT]]))
  levels_list <- lapply(factors, function(f) levels(d[[f]]))
  names(levels_list) <- factors

  # within cells, first within factor varying slowest
  wgrid <- rev(expand.grid(rev(levels_list[within]), stringsAsFactors = FALSE))
  wgrid <- wgrid[, within, drop = FALSE]
  cell_key <- function(df) do.call(paste, c(lapply(within, function(f) as.character(df[[f]])), sep = "\r"))
  wgrid_key <- cell_key(wgrid)

  # listwise exclusion: subjects lacking any within cell (or with NA dv)
  dd <- d[!is.na(d[[DV]]), ]
  complete <- tapply(cell_key(dd), dd[[SUBJECT]], function(k) all(wgrid_key %in% k))
  complete[is.na(complete)] <- FALSE
  excluded <- names(complete)[!complete]
  included <- names(complete)[complete]
  di <- droplevels(dd[dd[[SUBJECT]] %in% included, ])
  di[[SUBJECT]] <- factor(as.character(di[[SUBJECT]]), levels = included)
  for (f in factors) di[[f]] <- factor(as.character(di[[f]]), levels = levels_list[[f]])

  # ---- afex fit -----------------------------------------------------------
  fit <- suppressWarnings(suppressMessages(aov_ez(
    id = SUBJECT, dv = DV, data = d,
    between = if (length(between)) between else NULL, within = within, type = 3,
    anova_table = list(correction = "none", es = c("pes", "ges")))))
  afex_excl <- attr(fit, "incomplete_cases")
  check(setequal(as.character(afex_excl), excluded), paste(name, "excluded subjects vs afex"))
  # afex keeps level order but passes within levels through make.names()
  # (e.g. hour "1" becomes "X1"); map our level strings onto afex's.
  afex_levels <- lapply(factors, function(f) levels(fit$data$long[[f]])); names(afex_levels) <- factors
  for (f in factors) check(identical(afex_levels[[f]], if (f %in% within) make.names(levels_list[[f]]) else levels_list[[f]]),
                           paste(name, "afex level order", f))
  to_afex <- function(f, v) afex_levels[[f]][match(v, levels_list[[f]])]

  uni <- suppressWarnings(summary(fit$Anova, multivariate = FALSE))  # 'HF eps > 1 treated as 1' is expected
  ut <- unclass(uni$univariate.tests)
  ut <- ut[rownames(ut) != "(Intercept)", , drop = FALSE]
  at <- fit$anova_table
  check(identical(rownames(at), rownames(ut)), paste(name, "afex/car effect names"))
  check(rel_eq(at$F, ut[, "F value"]), paste(name, "afex F vs car"))
  check(rel_eq(at$`Pr(>F)`, ut[, "Pr(>F)"]), paste(name, "afex p vs car"))
  check(rel_eq(at$pes, ut[, "Sum Sq"] / (ut[, "Sum Sq"] + ut[, "Error SS"])), paste(name, "pes"))
  # ges with no observed variables: SS / (SS + sum of all distinct error SS)
  ut_all <- unclass(uni$univariate.tests)
  err_total <- sum(unique(ut_all[, "Error SS"]))
  check(rel_eq(at$ges, ut[, "Sum Sq"] / (ut[, "Sum Sq"] + err_total)), paste(name, "ges"))

  # ---- independent car::Anova on an mlm ------------------------------------
  # build the wide matrix explicitly (robust, cell order = wgrid order)
  di$.cell <- match(cell_key(di), wgrid_key)
  Y <- matrix(NA_real_, nrow = length(included), ncol = nrow(wgrid),
              dimnames = list(included, paste0("c", seq_len(nrow(wgrid)))))
  Y[cbind(match(as.character(di[[SUBJECT]]), included), di$.cell)] <- di[[DV]]
  stopifnot(!anyNA(Y))
  bdat <- di[!duplicated(di[[SUBJECT]]), c(SUBJECT, between), drop = FALSE]
  bdat <- bdat[match(included, as.character(bdat[[SUBJECT]])), , drop = FALSE]
  old <- options(contrasts = c("contr.sum", "contr.poly"))
  rhs <- if (length(between)) paste(between, collapse = " * ") else "1"
  mlm <- lm(as.formula(paste("Y ~", rhs)), data = bdat)
  idata <- as.data.frame(lapply(wgrid, function(x) factor(x, levels = unique(x))))
  for (f in within) idata[[f]] <- factor(idata[[f]], levels = levels_list[[f]])
  car_fit <- Anova(mlm, idata = idata, idesign = as.formula(paste("~", paste(within, collapse = " * "))), type = 3)
  options(old)
  uni2 <- suppressWarnings(summary(car_fit, multivariate = FALSE))
  ut2 <- unclass(uni2$univariate.tests)
  ut2 <- ut2[rownames(ut2) != "(Intercept)", , drop = FALSE]
  check(identical(rownames(ut2), rownames(ut)), paste(name, "independent car effect names"))
  check(rel_eq(ut2[, "F value"], ut[, "F value"]), paste(name, "independent car F"))
  check(rel_eq(ut2[, "Pr(>F)"], ut[, "Pr(>F)"]), paste(name, "independent car p"))
  check(rel_eq(ut2[, "Sum Sq"], ut[, "Sum Sq"]), paste(name, "independent car SS"))

  anova <- lapply(seq_len(nrow(ut)), function(i) {
    ss <- ut[i, "Sum Sq"]; df1 <- ut[i, "num Df"]; sse <- ut[i, "Error SS"]; df2 <- ut[i, "den Df"]
    list(effect = rownames(ut)[i], ss = ss, df_num = df1, ss_error = sse, df_den = df2,
         ms = ss / df1, ms_error = sse / df2, f = ut[i, "F value"], p = ut[i, "Pr(>F)"],
         partial_eta_squared = ss / (ss + sse), generalized_eta_squared = at$ges[i])
  })

  # ---- sphericity ------------------------------------------------------------
  sphericity <- list()
  if (!is.null(uni$sphericity.tests) && nrow(uni$sphericity.tests) > 0) {
    st <- unclass(uni$sphericity.tests); pa <- unclass(uni$pval.adjustments)
    st2 <- unclass(uni2$sphericity.tests); pa2 <- unclass(uni2$pval.adjustments)
    check(rel_eq(st, st2) && rel_eq(pa, pa2), paste(name, "sphericity afex vs independent car"))
    check(identical(rownames(st), rownames(pa)), paste(name, "sphericity row names"))
    sphericity <- lapply(seq_len(nrow(st)), function(i) list(
      effect = rownames(st)[i],
      mauchly_w = st[i, "Test statistic"], mauchly_p = st[i, "p-value"],
      gg_epsilon = pa[i, "GG eps"], gg_p = pa[i, "Pr(>F[GG])"],
      hf_epsilon = pa[i, "HF eps"], hf_p = pa[i, "Pr(>F[HF])"]))
  }
  # every effect with >1 within df must be present
  wdf <- sapply(rownames(ut), function(e) {
    parts <- strsplit(e, ":", fixed = TRUE)[[1]]
    wp <- intersect(parts, within)
    if (!length(wp)) 0 else prod(sapply(wp, function(f) length(levels_list[[f]]) - 1))
  })
  check(setequal(names(wdf)[wdf > 1], vapply(sphericity, `[[`, "", "effect")), paste(name, "sphericity coverage"))

  # ---- descriptives -----------------------------------------------------------
  fgrid <- rev(expand.grid(rev(levels_list[factors]), stringsAsFactors = FALSE))[, factors, drop = FALSE]
  descriptives <- lapply(seq_len(nrow(fgrid)), function(r) {
    sel <- rep(TRUE, nrow(di))
    for (f in factors) sel <- sel & as.character(di[[f]]) == fgrid[r, f]
    x <- di[[DV]][sel]; n <- length(x); m <- mean(x); s <- sd(x)
    h <- qt(0.975, n - 1) * s / sqrt(n)
    row <- lapply(factors, function(f) fgrid[r, f]); names(row) <- factors
    c(row, list(n = n, mean = m, sd = s, ci_lower = m - h, ci_upper = m + h))
  })

  # ---- pairwise ----------------------------------------------------------------
  S <- crossprod(residuals(mlm)) / mlm$df.residual
  check(rel_eq(S, crossprod(residuals(fit$lm)) / fit$lm$df.residual), paste(name, "residual covariance vs afex lm"))
  wcell_index <- function(vals) {  # vals: named list of within-factor values
    sel <- rep(TRUE, nrow(wgrid))
    for (f in within) sel <- sel & wgrid[[f]] == vals[[f]]
    which(sel)
  }
  pairwise <- list()
  for (f in factors) {
    others <- setdiff(factors, f)
    spec <- if (length(others)) as.formula(paste("~", f, "|", paste(others, collapse = " + "))) else as.formula(paste("~", f))
    emm <- emmeans(fit, specs = spec, model = "multivariate")
    pr <- as.data.frame(summary(pairs(emm, adjust = "none"), infer = c(FALSE, TRUE)))
    prb <- as.data.frame(summary(pairs(emm, adjust = "bonferroni"), infer = c(FALSE, TRUE)))
    lv <- levels_list[[f]]
    pair_idx <- t(combn(length(lv), 2))
    ogrid <- if (length(others)) rev(expand.grid(rev(levels_list[others]), stringsAsFactors = FALSE))[, others, drop = FALSE] else data.frame(row.names = 1)
    for (g in seq_len(nrow(ogrid))) {
      sel <- rep(TRUE, nrow(pr))
      for (o in others) sel <- sel & as.character(pr[[o]]) == to_afex(o, ogrid[g, o])
      fam <- pr[sel, , drop = FALSE]; famb <- prb[sel, , drop = FALSE]
      check(nrow(fam) == nrow(pair_idx), paste(name, "family size", f, g))
      family <- if (length(others)) paste0(f, " | ", paste0(others, "=", unlist(ogrid[g, others]), collapse = ", ")) else f
      for (k in seq_len(nrow(pair_idx))) {
        a <- lv[pair_idx[k, 1]]; b <- lv[pair_idx[k, 2]]
        lab <- paste(a, "-", b)
        # emmeans' label (it prefixes numeric-looking levels with the factor name)
        aa <- to_afex(f, a); bb <- to_afex(f, b)
        cand <- c(paste(aa, "-", bb), paste0(f, aa, " - ", f, bb))
        i <- which(as.character(fam$contrast) %in% cand)
        check(length(i) == 1 && i == k, paste(name, "contrast order", family, lab))
        est <- fam$estimate[i]
        p_bonf <- min(1, fam$p.value[i] * nrow(pair_idx))
        check(rel_eq(p_bonf, famb$p.value[i]), paste(name, "bonferroni", family, lab))
        ctx <- if (length(others)) as.list(ogrid[g, others, drop = FALSE]) else list()
        if (f %in% within) {
          va <- ctx; va[[f]] <- a; vb <- ctx; vb[[f]] <- b
          ia <- wcell_index(va); ib <- wcell_index(vb)
          d_sd <- sqrt((S[ia, ia] + S[ib, ib]) / 2)
        } else {
          iw <- wcell_index(ctx)
          d_sd <- sqrt(S[iw, iw])
        }
        pairwise[[length(pairwise) + 1]] <- list(
          family = family, contrast = lab, estimate = est, se = fam$SE[i], df = fam$df[i],
          t = fam$t.ratio[i], p = fam$p.value[i], p_bonferroni = p_bonf, cohens_d = est / d_sd)
      }
    }
  }

  list(
    args = list(subject = SUBJECT, dv = DV, within = as.list(within), between = as.list(between)),
    design = list(subjects = length(included), excluded_subjects = as.list(excluded),
                  between = as.list(between), within = as.list(within),
                  levels = lapply(levels_list, as.list)),
    anova = anova, sphericity = sphericity, descriptives = descriptives, pairwise = pairwise)
}

emit <- function(name, long, between, within) {
  long <- long[, c(SUBJECT, between, within, DV)]
  csv <- file.path(out_dir, paste0(name, ".csv"))
  write.csv(long, csv, row.names = FALSE, quote = FALSE, eol = "\n")
  # analyse exactly what the CSV holds
  back <- read.csv(csv, colClasses = c(rep("character", 1 + length(between) + length(within)), "numeric"))
  res <- analyse(name, back, between, within)
  write_json_file(res, file.path(out_dir, paste0(name, ".expected.json")))
  cat(sprintf("%-24s subjects=%d excluded=%d anova=%d sphericity=%d descriptives=%d pairwise=%d\n",
              name, res$design$subjects, length(res$design$excluded_subjects), length(res$anova),
              length(res$sphericity), length(res$descriptives), length(res$pairwise)))
}

# Simulate a between × within design. mu: matrix [arm, wave]; subject random
# intercept + independent noise; scores rounded to 1 decimal.
simulate <- function(arms, ns, waves, mu, sd_subj = 4, sd_err = 3, start_id = 1) {
  rows <- list(); id <- start_id
  for (a in seq_along(arms)) for (j in seq_len(ns[a])) {
    u <- rnorm(1, 0, sd_subj)
    y <- round(mu[a, ] + u + rnorm(length(waves), 0, sd_err), 1)
    rows[[length(rows) + 1]] <- data.frame(subject = sid(id), group = arms[a], time = waves, score = y,
                                           stringsAsFactors = FALSE)
    id <- id + 1
  }
  do.call(rbind, rows)
}

# 1. one-between-one-within ----------------------------------------------------
set.seed(20240501)
waves <- c("pre", "post", "followup")
mu1 <- rbind(c(20, 19.5, 19), c(20, 16, 15))
d1 <- simulate(c("waitlist", "compassion"), c(11, 12), waves, mu1)
emit("one-between-one-within", d1, "group", "time")

# 2. obrien-kaiser -----------------------------------------------------------------
ok <- carData::OBrienKaiser
ok_long <- do.call(rbind, lapply(seq_len(nrow(ok)), function(i) {
  g <- expand.grid(hour = 1:5, phase = c("pre", "post", "fup"), stringsAsFactors = FALSE)
  data.frame(subject = sid(i), treatment = as.character(ok$treatment[i]), gender = as.character(ok$gender[i]),
             phase = g$phase, hour = as.character(g$hour),
             score = as.numeric(ok[i, paste(g$phase, g$hour, sep = ".")]), stringsAsFactors = FALSE)
}))
emit("obrien-kaiser", ok_long, c("treatment", "gender"), c("phase", "hour"))

# 3. within-only -------------------------------------------------------------------
set.seed(20240502)
tl <- c("baseline", "week2", "week4", "week8")
d3 <- do.call(rbind, lapply(1:15, function(i) {
  u <- rnorm(1, 0, 5); slope <- rnorm(1, -1.2, 0.8)
  data.frame(subject = sid(i), time = tl,
             score = round(30 + u + slope * c(0, 2, 4, 8) + rnorm(4, 0, 2.5), 1), stringsAsFactors = FALSE)
}))
emit("within-only", d3, character(0), "time")

# 4. three-arm-trial (unbalanced, group × time, 2 subjects with a missing wave) ------
set.seed(20240503)
mu4 <- rbind(c(25, 24.5, 24), c(25, 21, 20), c(25.5, 19.5, 18.5))
d4 <- simulate(c("waitlist", "compassion", "mentalization"), c(14, 12, 18), waves, mu4, sd_subj = 5, sd_err = 3.5)
drop_rows <- (d4$subject == sid(20) & d4$time == "post") | (d4$subject == sid(33) & d4$time == "followup")
d4 <- d4[!drop_rows, ]
emit("three-arm-trial", d4, "group", "time")

# 5. two-within ------------------------------------------------------------------------
set.seed(20240504)
conds <- c("congruent", "incongruent"); times <- c("t1", "t2", "t3")
d5 <- do.call(rbind, lapply(1:12, function(i) {
  grp <- if (i <= 7) "control" else "training"
  u <- rnorm(1, 0, 40)
  g <- expand.grid(time = times, cond = conds, stringsAsFactors = FALSE)[, c("cond", "time")]
  ti <- match(g$time, times) - 1
  eff <- 500 + ifelse(g$cond == "incongruent", 60, 0) - 10 * ti -
    ifelse(grp == "training" & g$cond == "incongruent", 15 * ti, 0)
  data.frame(subject = sid(i), group = grp, cond = g$cond, time = g$time,
             score = round(eff + u + rnorm(6, 0, 20), 0), stringsAsFactors = FALSE)
}))
emit("two-within", d5, "group", c("cond", "time"))

# 6. reliability (Cronbach's alpha) -------------------------------------------------
set.seed(20240505)
n_r <- 40; k_r <- 6
trait <- rnorm(n_r)
items <- sapply(1:k_r, function(j) {
  load <- if (j == 6) 0.1 else 0.9   # item 6 deliberately weak
  raw <- 3 + load * trait * 1.1 + rnorm(n_r, 0, if (j == 6) 1.1 else 0.7)
  pmin(5, pmax(1, round(raw)))
})
colnames(items) <- paste0("i", 1:k_r)
rel_csv <- file.path(out_dir, "reliability.csv")
write.csv(as.data.frame(items), rel_csv, row.names = FALSE, quote = FALSE, eol = "\n")
X <- as.matrix(read.csv(rel_csv))
cronbach <- function(X) { k <- ncol(X); k / (k - 1) * (1 - sum(apply(X, 2, var)) / var(rowSums(X))) }
n <- nrow(X); k <- ncol(X); alpha <- cronbach(X)
item_rows <- lapply(seq_len(k), function(j) list(
  item = colnames(X)[j],
  item_total_correlation = cor(X[, j], rowSums(X[, -j, drop = FALSE])),
  alpha_if_deleted = cronbach(X[, -j, drop = FALSE])))
rel <- list(alpha = alpha,
            alpha_ci_lower = 1 - (1 - alpha) * qf(0.975, n - 1, (n - 1) * (k - 1)),
            alpha_ci_upper = 1 - (1 - alpha) * qf(0.025, n - 1, (n - 1) * (k - 1)),
            items = item_rows, n = n, k = k)
if (requireNamespace("psych", quietly = TRUE)) {
  pa <- suppressWarnings(suppressMessages(psych::alpha(as.data.frame(X), check.keys = FALSE)))
  check(rel_eq(pa$total$raw_alpha, alpha), "psych raw_alpha")
  check(rel_eq(pa$alpha.drop$raw_alpha, sapply(item_rows, `[[`, "alpha_if_deleted")), "psych alpha.drop")
  check(rel_eq(pa$item.stats$r.drop, sapply(item_rows, `[[`, "item_total_correlation")), "psych r.drop")
}
write_json_file(rel, file.path(out_dir, "reliability.expected.json"))
cat(sprintf("%-24s n=%d k=%d alpha=%.4f weakest r.drop=%s\n", "reliability", n, k, alpha,
            item_rows[[which.min(sapply(item_rows, `[[`, "item_total_correlation"))]]$item))

cat("afex", as.character(packageVersion("afex")), "| car", as.character(packageVersion("car")),
    "| emmeans", as.character(packageVersion("emmeans")), "| jsonlite", as.character(packageVersion("jsonlite")),
    "|", R.version.string, "\n")

# Linear mixed models (lme4, lmerTest, pbkrtest): see mixed.R.
source(file.path("tools", "stats-reference", "mixed.R"))

# Difference-in-differences and interrupted time series (lm, sandwich, lmtest): see evaluation.R.
source(file.path("tools", "stats-reference", "evaluation.R"))
