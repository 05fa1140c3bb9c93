using Hearth.Content.Scoring;

namespace Hearth.Content.Programs;

public sealed record ProgramRecommendation(ProgramDefinition Program, IReadOnlyList<string> Reasons);

/// <summary>
/// Suggests programs from a clinician's own latest scores: a program is suggested when a score it
/// names in <c>recommend_when</c> is, at its latest value, in one of the named bands. The reasons are
/// the program's own words. Tailoring support to each person's scores answers a limitation the
/// research behind Hearth names: one program for everyone, whatever their strengths and difficulties.
/// </summary>
public static class ProgramRecommender
{
    public static IReadOnlyList<ProgramRecommendation> Recommend(IEnumerable<ScoreHistory> histories, IEnumerable<ProgramDefinition> programs)
    {
        var latestBand = histories
            .Where(h => h.Points.Count > 0)
            .ToDictionary(h => $"{h.Instrument.Id}/{h.Score.Id}", h => h.Points[^1].Band);
        var result = new List<ProgramRecommendation>();
        foreach (var program in programs)
        {
            var reasons = program.RecommendWhen
                .Where(r => latestBand.TryGetValue(r.Score, out var band) && band is not null && r.Bands.Contains(band))
                .Select(r => r.Reason)
                .Distinct()
                .ToList();
            if (reasons.Count > 0)
            {
                result.Add(new ProgramRecommendation(program, reasons));
            }
        }
        // The program with most matching reasons first; ties by title, so the order is stable.
        return [.. result.OrderByDescending(r => r.Reasons.Count).ThenBy(r => r.Program.Title, StringComparer.Ordinal)];
    }
}
