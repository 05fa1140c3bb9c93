using Hearth.Core.Rules;
using System.Globalization;
using System.Text;
using Hearth.Content.Analysis;
using Hearth.Content.Exports;
using Hearth.Core.Measurements;
using Hearth.Core.Persistence;
using Hearth.Statistics.Anova;
using Hearth.Statistics.Mixed;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>
/// The analysis of a study's primary outcome, computed on its own data: the mixed ANOVA per protocol
/// (participants still enrolled, complete waves) and the linear mixed model by intention to treat (everyone
/// allocated who has any value, missing waves kept; only those who withdrew and asked for their data to be
/// deleted are left out). <see cref="Problems"/> says what could not be computed and why.
/// </summary>
public sealed record StudyReport(
    string Outcome,
    int PerProtocolParticipants,
    RepeatedMeasuresAnalysis? PerProtocol,
    int IntentionToTreatParticipants,
    LongData? IntentionToTreatData,
    MixedModelResult? IntentionToTreat,
    IReadOnlyList<string> Problems,
    SteppedWedgeResult? SteppedWedge = null);

public sealed class StudyAnalysis(HearthDbContext db)
{
    private sealed record Row(string Pseudonym, string Arm, int ArmOrder, string Wave, int WaveOrder, double Value, bool PerProtocol);

    public async Task<StudyReport?> ReportAsync(string researcherId, int studyId, CancellationToken cancellationToken = default)
    {
        var study = await db.Studies.RunBy(researcherId).AsNoTracking().Where(s => s.Id == studyId)
            .Include(s => s.Arms).Include(s => s.Waves).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
        if (study is null)
        {
            return null;
        }
        var outcomes = StudyDesigns.Split(study.PrimaryOutcomes);
        var outcome = outcomes.Count > 0 ? outcomes[0] : "";
        if (outcome.Split('/') is not [var instrument, var score])
        {
            return new StudyReport(outcome, 0, null, 0, null, null, ["the study has no primary outcome"]);
        }
        if (study.IsWedge())
        {
            // Arm × wave does not describe a stepped wedge: a team's condition changes at its step.
            return await WedgeReportAsync(study, outcome, instrument, score, cancellationToken);
        }
        var rows = await (from r in db.StudyWaveResponses.AsNoTracking()
                          join p in db.StudyParticipants on r.ParticipantId equals p.Id
                          join s in db.Set<MeasurementScore>() on r.MeasurementId equals s.MeasurementId
                          where p.StudyId == studyId && r.InstrumentId == instrument && s.ScoreId == score && s.Value != null && p.ArmId != null
                              && p.WithdrawalKeepsData != false
                          select new { p.Pseudonym, ArmId = p.ArmId!.Value, r.WaveId, Value = s.Value!.Value, p.Status }).ToListAsync(cancellationToken);
        var arms = study.Arms.ToDictionary(a => a.Id);
        var waves = study.Waves.ToDictionary(w => w.Id);
        var data = rows.Select(r => new Row(r.Pseudonym, arms[r.ArmId].Name, arms[r.ArmId].Order, waves[r.WaveId].Name, waves[r.WaveId].Order, r.Value, r.Status == ParticipantStatus.Enrolled)).ToList();
        var problems = new List<string>();
        // Both models need every arm, and at least two waves, to have answers before they mean anything.
        var armsWithData = data.Select(r => r.Arm).Distinct().Count();
        var wavesWithData = data.Select(r => r.Wave).Distinct().Count();
        if (armsWithData < study.Arms.Count || wavesWithData < 2)
        {
            return new StudyReport(outcome, 0, null, 0, null, null,
                [$"both models need answers from every arm in at least two waves (so far {armsWithData} of {study.Arms.Count} arms and {wavesWithData} of {study.Waves.Count} waves have some)"]);
        }
        var design = new AnalysisDesign("participant", "score", ["wave"], study.Arms.Count > 1 ? ["arm"] : []);

        RepeatedMeasuresAnalysis? anova = null;
        var perProtocol = Read(data.Where(r => r.PerProtocol), design, keepIncomplete: false);
        if (perProtocol.Data is { } complete)
        {
            anova = RepeatedMeasuresAnalysis.Run(complete);
        }
        else
        {
            problems.Add("per protocol: " + string.Join("; ", perProtocol.Problems.Select(p => p.Message)));
        }
        MixedModelResult? mixed = null;
        var itt = Read(data, design, keepIncomplete: true);
        if (itt.Incomplete is { } all)
        {
            try
            {
                mixed = LinearMixedModel.Fit(all);
            }
            catch (ArgumentException ex)
            {
                problems.Add("intention to treat: " + ex.Message);
            }
        }
        else
        {
            problems.Add("intention to treat: " + string.Join("; ", itt.Problems.Select(p => p.Message)));
        }
        return new StudyReport(outcome, anova?.Data.SubjectCount ?? 0, anova, itt.Incomplete?.SubjectCount ?? 0, itt.Incomplete, mixed, problems);
    }

    /// <summary>
    /// A stepped wedge analysed as Hussey and Hughes: period and the condition in force when each answer
    /// was given as fixed effects, random intercepts for team and participant (nested), by intention to treat.
    /// </summary>
    private async Task<StudyReport> WedgeReportAsync(Study study, string outcome, string instrument, string score, CancellationToken cancellationToken)
    {
        var rows = await (from r in db.StudyWaveResponses.AsNoTracking()
                          join p in db.StudyParticipants on r.ParticipantId equals p.Id
                          join m in db.Measurements on r.MeasurementId equals m.Id
                          join s in db.Set<MeasurementScore>() on r.MeasurementId equals s.MeasurementId
                          where p.StudyId == study.Id && r.InstrumentId == instrument && s.ScoreId == score && s.Value != null && p.Cluster != null
                              && p.WithdrawalKeepsData != false
                          select new { p.Pseudonym, p.Cluster, m.SubmittedAt, Value = s.Value!.Value }).ToListAsync(cancellationToken);
        var control = study.Arms.Single(a => a.Kind == ArmKind.TreatmentAsUsual).Name;
        var observations = rows.Select(r => new WedgeObservation(r.Pseudonym, r.Cluster!,
            StudyWedge.Period(study, r.SubmittedAt).ToString(CultureInfo.InvariantCulture), StudyWedge.ArmAt(study, r.Cluster!, r.SubmittedAt).Name, r.Value)).ToList();
        try
        {
            var fit = SteppedWedgeModel.Fit(new WedgeData(observations, control));
            return new StudyReport(outcome, 0, null, fit.Counts.Subjects, null, null, [], fit);
        }
        catch (ArgumentException ex)
        {
            return new StudyReport(outcome, 0, null, 0, null, null, [$"the stepped-wedge model cannot be fitted yet: {ex.Message}"]);
        }
    }

    /// <summary>
    /// The rows as a long-format table read by the same reader as <c>hearth analyze</c> (one validation for
    /// both). Rows go wave by wave, then arm by arm, so the levels come out in the study's order.
    /// </summary>
    private static LongFormatCsv.Result Read(IEnumerable<Row> rows, AnalysisDesign design, bool keepIncomplete)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvRowWriter(text);
        csv.Header(["participant", "arm", "wave", "score"]);
        foreach (var row in rows.OrderBy(r => r.WaveOrder).ThenBy(r => r.ArmOrder).ThenBy(r => r.Pseudonym, StringComparer.Ordinal))
        {
            csv.Text(row.Pseudonym).Text(row.Arm).Text(row.Wave).Number(row.Value).EndRow();
        }
        return LongFormatCsv.Read(new StringReader(text.ToString()), "study data", design, keepIncomplete: keepIncomplete);
    }
}
