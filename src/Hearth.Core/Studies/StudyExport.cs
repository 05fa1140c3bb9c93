using Hearth.Core.Rules;
using Hearth.Content.Instruments;
using Hearth.Content.Studies;
using Hearth.Core.Audit;
using Hearth.Core.Measurements;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>
/// The pseudonymised export of a study for its researcher (see <see cref="StudyExportFiles"/>): scores
/// only, never item answers or safety answers, and nobody who withdrew asking for their data to be
/// deleted. The export is audited.
/// </summary>
public sealed class StudyExport(HearthDbContext db, InstrumentCatalog instruments, TimeProvider clock)
{
    /// <returns>The zip's bytes and a file name, or null for a study that is not the researcher's.</returns>
    public async Task<(byte[] Zip, string FileName)?> ZipAsync(string researcherId, int studyId, CancellationToken cancellationToken = default)
    {
        var study = await db.Studies.RunBy(researcherId).AsNoTracking().Where(s => s.Id == studyId)
            .Include(s => s.Arms).Include(s => s.Waves).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
        if (study is null)
        {
            return null;
        }
        var rows = await (from r in db.StudyWaveResponses.AsNoTracking()
                          join p in db.StudyParticipants on r.ParticipantId equals p.Id
                          join m in db.Measurements on r.MeasurementId equals m.Id
                          join s in db.Set<MeasurementScore>() on m.Id equals s.MeasurementId
                          where p.StudyId == studyId && p.ArmId != null && p.WithdrawalKeepsData != false
                          orderby p.EnrolmentNumber, r.WaveId, m.InstrumentId, s.ScoreId
                          select new { p.Pseudonym, ArmId = p.ArmId!.Value, p.Status, p.Cluster, r.WaveId, m.InstrumentId, m.InstrumentVersion, s.ScoreId, s.Value, m.SubmittedAt })
            .ToListAsync(cancellationToken);
        var arms = study.Arms.ToDictionary(a => a.Id, a => a.Name);
        var waves = study.Waves.ToDictionary(w => w.Id, w => w.Name);
        var wedge = study.IsWedge();
        // In a stepped wedge the condition is the team's when the answer was given, not the one at enrolment.
        var data = rows.Select(r => new StudyDataRow(r.Pseudonym, wedge ? StudyWedge.ArmAt(study, r.Cluster!, r.SubmittedAt).Name : arms[r.ArmId],
            r.Status.ToString().ToLowerInvariant(), waves[r.WaveId], r.InstrumentId, r.InstrumentVersion, r.ScoreId, r.Value, r.SubmittedAt,
            wedge ? r.Cluster : null, wedge ? StudyWedge.Period(study, r.SubmittedAt) : null)).ToList();
        var codebook = study.Waves.SelectMany(w => StudyDesigns.Split(w.Instruments)).Distinct(StringComparer.Ordinal)
            .Select(instruments.Find).OfType<InstrumentDefinition>()
            .SelectMany(i => i.Scores.Select(s => new CodebookScore(i.Id, i.Version, i.Title, s.Id, s.Title,
                s.HigherIsBetter ? "higher means better functioning" : "higher means more of what it measures",
                string.Join("; ", s.Bands.Select(b => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{b.Label} {b.Min:0.##}–{b.Max:0.##}"))), i.Licence.Terms)))
            .ToList();
        var output = new MemoryStream();
        StudyExportFiles.WriteZip(output, study.Title, StudyDesigns.Split(study.PrimaryOutcomes) is [var first, ..] ? first : "", data, codebook, instruments.Find, clock.GetUtcNow());
        db.AddAudit(clock, researcherId, "study-export", null, $"study {studyId}: {data.Select(d => d.Participant).Distinct().Count()} participants, {data.Count} rows");
        await db.SaveChangesAsync(cancellationToken);
        return (output.ToArray(), $"study-{studyId}.zip");
    }
}
