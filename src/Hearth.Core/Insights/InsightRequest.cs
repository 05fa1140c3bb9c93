namespace Hearth.Core.Insights;

/// <summary>Ids the dashboard gives groups that are not teams or recorded values.</summary>
public static class InsightLabels
{
    /// <summary>The whole organisation's row.</summary>
    public const string Organisation = "org";
    /// <summary>People with no profession (or site) recorded, as one group, so the groups cover everyone.</summary>
    public const string NotRecorded = "not-recorded";
}

/// <summary>What a dashboard groups people by.</summary>
public enum InsightGrouping { Team, Profession, Site }

/// <summary>
/// One dashboard question: a questionnaire score, grouped by team, profession or site, over the days
/// <paramref name="From"/> to <paramref name="To"/> (inclusive, UTC), optionally within one profession or site.
/// Each person counts once, with their latest answer in the period. The monthly trend is drawn for the
/// organisation and for the group named by <paramref name="Trend"/> (its id), not for every group: each
/// month of each group is another figure to protect and to audit.
/// </summary>
public sealed record InsightRequest(string InstrumentId, string ScoreId, InsightGrouping By, DateOnly From, DateOnly To, string? Profession = null, string? Site = null, string? Trend = null)
{
    /// <summary>A <see cref="Trend"/> that asks for every group's months (relating demands to the score needs them all).</summary>
    public const string EveryTrend = "*";

    public bool Filtered => Profession is not null || Site is not null;
}

/// <summary>A group's figures, or why they are withheld (then every figure is null).</summary>
/// <param name="Eligible">People in the group with an active account: the base of the response rate.</param>
public sealed record GroupFigures(
    string Id, string Name, string? Parent, int? N, int? Eligible, double? Mean, double? CiLower, double? CiUpper,
    IReadOnlyList<BandShare>? Bands, bool Suppressed, string? Reason, IReadOnlyList<TrendPoint> Trend)
{
    public double? ResponseRate => N is { } n && Eligible is > 0 ? (double)n / Eligible.Value : null;
}

public sealed record BandShare(string Band, double Share);

/// <summary>One month of a group's trend; withheld months carry their reason.</summary>
public sealed record TrendPoint(DateOnly Month, int? N, double? Mean, double? CiLower, double? CiUpper, string? Reason);

/// <summary>The answer to an <see cref="InsightRequest"/>: the organisation, then every group, suppressed or not.</summary>
/// <param name="Norm">The published norm the instrument file gives for the score, to compare with; null when it gives none.</param>
public sealed record InsightResponse(int K, InsightRequest Request, string ScoreTitle, bool HigherIsBetter, GroupFigures Organisation, IReadOnlyList<GroupFigures> Groups,
    Content.Instruments.ScoreNorm? Norm = null);
