using System.Globalization;
using System.IO.Compression;
using System.Text;
using Hearth.Content.Exports;

namespace Hearth.Content.Studies;

/// <summary>One score of one questionnaire a participant answered in one wave: a row of the tidy export.</summary>
/// <param name="Team">In a stepped-wedge study, the participant's team (the cluster), and <paramref name="Period"/> the period the answer fell in; <paramref name="Arm"/> is then the team's condition in that period.</param>
public sealed record StudyDataRow(string Participant, string Arm, string Status, string Wave, string Instrument, string InstrumentVersion, string Score, double? Value, DateTimeOffset AnsweredAt,
    string? Team = null, int? Period = null);

/// <summary>A score in the codebook: what it measures and, when the instrument has them, its bands.</summary>
public sealed record CodebookScore(string Instrument, string InstrumentVersion, string InstrumentTitle, string Score, string ScoreTitle, string Range, string Bands, string Licence);

/// <summary>
/// The study export for analysts elsewhere, all pseudonymised: <c>data.csv</c> (tidy, one row per
/// participant × wave × score), <c>codebook.csv</c> (every variable and every score, with instrument
/// versions and value labels), <c>analysis.R</c> (reproduces the in-app report from data.csv),
/// <c>responses.fhir.json</c> (a FHIR Bundle of QuestionnaireResponses, scores only, identified by study id)
/// and a README, in one zip.
/// </summary>
public static class StudyExportFiles
{
    public static void WriteZip(Stream output, string title, string primaryOutcome, IReadOnlyList<StudyDataRow> rows, IReadOnlyList<CodebookScore> scores,
        Func<string, Instruments.InstrumentDefinition?> instruments, DateTimeOffset exportedAt)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var wedge = rows.Any(r => r.Period is not null);
        Entry(zip, "data.csv", writer => Data(writer, rows));
        Entry(zip, "codebook.csv", writer => Codebook(writer, scores, wedge));
        Entry(zip, "analysis.R", writer => writer.Write(wedge ? SteppedWedgeRScript(primaryOutcome) : RScript(primaryOutcome)));
        Entry(zip, "responses.fhir.json", writer => writer.Write(Fhir.FhirJson.Serialize(Responses(rows, instruments, exportedAt))));
        Entry(zip, "README.txt", writer => writer.Write(Readme(title, primaryOutcome, rows)));
    }

    private static void Entry(ZipArchive zip, string name, Action<TextWriter> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        write(writer);
    }

    /// <summary>One QuestionnaireResponse per answered questionnaire: its scores, its version, the participant's study id; no items.</summary>
    public static Hl7.Fhir.Model.Bundle Responses(IEnumerable<StudyDataRow> rows, Func<string, Instruments.InstrumentDefinition?> instruments, DateTimeOffset exportedAt) =>
        Fhir.ResponseExporter.Bundle(rows.GroupBy(r => (r.Participant, r.Instrument, r.InstrumentVersion, r.AnsweredAt))
            .Where(g => instruments(g.Key.Instrument) is not null)
            .Select(g => Fhir.ResponseExporter.Export(instruments(g.Key.Instrument)!, g.Key.InstrumentVersion, new Dictionary<string, double>(),
                [.. g.Select(r => new Fhir.RecordedScore(r.Score, r.Value, null))], [], g.Key.Participant, g.Key.AnsweredAt, itemsIncluded: false)), exportedAt);

    public static void Data(TextWriter output, IEnumerable<StudyDataRow> rows)
    {
        var csv = new CsvRowWriter(output);
        var all = rows as IReadOnlyList<StudyDataRow> ?? [.. rows];
        var wedge = all.Any(r => r.Period is not null);
        csv.Header(wedge
            ? ["participant", "arm", "status", "wave", "instrument", "instrument_version", "score", "value", "answered_at", "team", "period"]
            : ["participant", "arm", "status", "wave", "instrument", "instrument_version", "score", "value", "answered_at"]);
        foreach (var r in all)
        {
            csv.Text(r.Participant).Text(r.Arm).Text(r.Status).Text(r.Wave).Text(r.Instrument).Text(r.InstrumentVersion).Text(r.Score).Number(r.Value).Instant(r.AnsweredAt);
            if (wedge)
            {
                csv.Text(r.Team ?? "").Number(r.Period);
            }
            csv.EndRow();
        }
    }

    public static void Codebook(TextWriter output, IEnumerable<CodebookScore> scores, bool wedge = false)
    {
        var csv = new CsvRowWriter(output);
        csv.Header(["variable", "meaning", "values"]);
        (string, string, string)[] variables =
        [
            ("participant", "the participant's study id: random, the same in every wave, never their name", "P- and eight characters"),
            wedge ? ("arm", "the condition of the participant's team when they answered (stepped wedge: it changes at the team's step)", "the study's arm names")
                : ("arm", "the arm the participant was allocated to", "the study's arm names"),
            ("status", "enrolled, or withdrawn (and kept their data in the study)", "enrolled; withdrawn"),
            ("wave", "the measurement wave the answer counts for", "the study's wave names"),
            ("instrument", "the questionnaire, by Hearth id", "see the score rows below"),
            ("instrument_version", "the version of the questionnaire's definition that scored it", "text"),
            ("score", "which of the questionnaire's scores this row holds", "see the score rows below"),
            ("value", "the score; empty when it could not be computed (too many items missing)", "number"),
            ("answered_at", "when the questionnaire was submitted, UTC", "ISO 8601"),
        ];
        if (wedge)
        {
            variables = [.. variables,
                ("team", "the participant's team, the unit that crosses from control to intervention", "a team id"),
                ("period", "the stepped-wedge period the answer fell in: 0 is the baseline, then one per step", "0, 1, 2 …")];
        }
        foreach (var (variable, meaning, values) in variables)
        {
            csv.Text(variable).Text(meaning).Text(values).EndRow();
        }
        foreach (var s in scores)
        {
            csv.Text($"{s.Instrument}/{s.Score}").Text($"{s.ScoreTitle} ({s.InstrumentTitle}, version {s.InstrumentVersion}; {s.Licence})")
                .Text(s.Bands.Length > 0 ? $"{s.Range}; bands: {s.Bands}" : s.Range).EndRow();
        }
    }

    /// <summary>An R script that reproduces the in-app report from data.csv: afex's mixed ANOVA per protocol, lmerTest's mixed model by intention to treat.</summary>
    public static string RScript(string primaryOutcome)
    {
        var (instrument, score) = InstrumentAndScore(primaryOutcome);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            # Reproduces Hearth's report of this study from data.csv (run in the folder of this file).
            # Needs: install.packages(c("afex", "lmerTest"))
            suppressPackageStartupMessages({ library(afex); library(lmerTest) })
            options(contrasts = c("contr.sum", "contr.poly"))
            d <- read.csv("data.csv", colClasses = c(value = "numeric"))
            d <- d[d$instrument == "{{instrument}}" & d$score == "{{score}}" & !is.na(d$value), ]
            d$arm <- factor(d$arm, levels = unique(d$arm))
            d$wave <- factor(d$wave, levels = unique(d$wave))
            d$participant <- factor(d$participant)

            # Per protocol: participants still enrolled with every wave (complete cases), mixed ANOVA, type III.
            pp <- d[d$status == "enrolled", ]
            complete <- names(which(table(pp$participant) == nlevels(d$wave)))
            pp <- droplevels(pp[pp$participant %in% complete, ])
            print(aov_ez("participant", "value", pp, between = "arm", within = "wave", type = 3))

            # Intention to treat: everyone in the file (missing waves kept), REML, Satterthwaite df.
            m <- lmer(value ~ arm * wave + (1 | participant), data = d, REML = TRUE)
            print(anova(m, type = 3))
            print(VarCorr(m), comp = "Variance")
            """);
    }

    /// <summary>
    /// The stepped-wedge analysis a researcher would run on data.csv (Hussey and Hughes' model): period as a
    /// fixed effect for secular trend, the condition in force, and random intercepts for team and participant.
    /// </summary>
    public static string SteppedWedgeRScript(string primaryOutcome)
    {
        var (instrument, score) = InstrumentAndScore(primaryOutcome);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            # The stepped-wedge analysis of this study from data.csv (run in the folder of this file).
            # Needs: install.packages("lmerTest")
            suppressPackageStartupMessages(library(lmerTest))
            d <- read.csv("data.csv", colClasses = c(value = "numeric", team = "character"))
            d <- d[d$instrument == "{{instrument}}" & d$score == "{{score}}" & !is.na(d$value), ]
            d$arm <- factor(d$arm, levels = unique(d$arm))
            d$period <- factor(d$period)
            d$team <- factor(d$team)
            d$participant <- factor(d$participant)

            # Period (secular trend) and the condition in force, random intercepts for team and participant; REML, Satterthwaite df.
            m <- lmer(value ~ period + arm + (1 | team) + (1 | participant), data = d, REML = TRUE)
            print(summary(m))
            print(anova(m, type = 3))
            print(confint(m, parm = "beta_", method = "Wald"))
            """);
    }

    private static (string Instrument, string Score) InstrumentAndScore(string outcome) =>
        outcome.Split('/') is [var instrument, var score] ? (instrument, score) : (outcome, "");

    private static string Readme(string title, string primaryOutcome, IReadOnlyList<StudyDataRow> rows) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            {title}
            Exported from Hearth: {rows.Select(r => r.Participant).Distinct().Count()} participants, {rows.Count} rows. Primary outcome: {primaryOutcome}.

            data.csv      one row per participant, wave and score (tidy long format); participants by study id only
            codebook.csv  every column, and every score with its questionnaire, version, range and bands
            analysis.R    reproduces the in-app analysis (per protocol and intention to treat) from data.csv
            responses.fhir.json  the same scores as a FHIR R4 Bundle of QuestionnaireResponses (no item answers)

            Participants who withdrew and asked for their data to be deleted are not in the file.
            Safety answers and item answers are not exported: scores only.
            """);
}
