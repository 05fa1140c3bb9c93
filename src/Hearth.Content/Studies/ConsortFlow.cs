using System.Globalization;
using System.Net;
using System.Text;

namespace Hearth.Content.Studies;

/// <summary>
/// One person's path through a study, as the CONSORT flow counts it. Everyone listed was assessed for
/// eligibility; <see cref="Arm"/> is null for those not randomised, whose <see cref="ExclusionReason"/>
/// says why (not eligible, declined, other). <see cref="Cluster"/> is their team in a cluster trial.
/// </summary>
public sealed record ConsortParticipant(
    string? Arm,
    string? ExclusionReason = null,
    bool ReceivedIntervention = true,
    string? NotReceivedReason = null,
    bool LostToFollowUp = false,
    string? LostReason = null,
    bool Discontinued = false,
    string? DiscontinuedReason = null,
    bool Analysed = true,
    string? NotAnalysedReason = null,
    string? Cluster = null);

/// <summary>A count with the reasons behind it, most frequent first.</summary>
public sealed record ReasonedCount(int N, IReadOnlyList<(string Reason, int N)> Reasons)
{
    public static ReasonedCount Of(IEnumerable<string?> reasons)
    {
        var all = reasons.ToList();
        return new ReasonedCount(all.Count, [.. all.GroupBy(r => r ?? "reason not recorded").Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)]);
    }
}

/// <summary>One arm's column of the flow; cluster counts are null in an individually randomised trial.</summary>
public sealed record ArmFlow(
    string Arm,
    int Allocated,
    int? ClustersAllocated,
    int Received,
    ReasonedCount NotReceived,
    ReasonedCount Lost,
    ReasonedCount Discontinued,
    int Analysed,
    int? ClustersAnalysed,
    ReasonedCount ExcludedFromAnalysis);

/// <summary>
/// The CONSORT flow of a study, counted from its participants as they stand (so it is live while the
/// study runs): enrolment, allocation, follow-up and analysis, per arm, with reasons. For cluster trials
/// each arm also counts clusters, as the CONSORT extension for cluster trials asks. <see cref="Svg"/>
/// draws it laid out as the CONSORT flow diagram; <see cref="Rows"/> gives the same numbers as a table.
/// </summary>
public sealed record ConsortFlow(int Assessed, ReasonedCount Excluded, int Randomised, int? ClustersRandomised, IReadOnlyList<ArmFlow> Arms)
{
    public bool IsCluster => ClustersRandomised is not null;

    public static ConsortFlow From(IReadOnlyList<ConsortParticipant> participants, IReadOnlyList<string> arms)
    {
        var randomised = participants.Where(p => p.Arm is not null).ToList();
        var cluster = randomised.Any(p => p.Cluster is not null);
        int? Clusters(IEnumerable<ConsortParticipant> people) => cluster ? people.Select(p => p.Cluster).Where(c => c is not null).Distinct().Count() : null;
        var flows = arms.Select(arm =>
        {
            var allocated = randomised.Where(p => p.Arm == arm).ToList();
            var analysed = allocated.Where(p => p.Analysed).ToList();
            return new ArmFlow(arm, allocated.Count, Clusters(allocated),
                allocated.Count(p => p.ReceivedIntervention),
                ReasonedCount.Of(allocated.Where(p => !p.ReceivedIntervention).Select(p => p.NotReceivedReason)),
                ReasonedCount.Of(allocated.Where(p => p.LostToFollowUp).Select(p => p.LostReason)),
                ReasonedCount.Of(allocated.Where(p => p.Discontinued).Select(p => p.DiscontinuedReason)),
                analysed.Count, Clusters(analysed),
                ReasonedCount.Of(allocated.Where(p => !p.Analysed).Select(p => p.NotAnalysedReason)));
        }).ToList();
        return new ConsortFlow(participants.Count, ReasonedCount.Of(participants.Where(p => p.Arm is null).Select(p => p.ExclusionReason)),
            randomised.Count, Clusters(randomised), flows);
    }

    /// <summary>The numbers of the diagram as rows (stage, arm, what, n), for the table beside it.</summary>
    public IEnumerable<(string Stage, string Arm, string What, int N)> Rows()
    {
        yield return ("Enrolment", "", "Assessed for eligibility", Assessed);
        yield return ("Enrolment", "", "Excluded", Excluded.N);
        foreach (var (reason, n) in Excluded.Reasons)
        {
            yield return ("Enrolment", "", $"Excluded: {reason}", n);
        }
        yield return ("Enrolment", "", "Randomised", Randomised);
        if (ClustersRandomised is { } clusters)
        {
            yield return ("Enrolment", "", "Clusters randomised", clusters);
        }
        foreach (var arm in Arms)
        {
            yield return ("Allocation", arm.Arm, "Allocated", arm.Allocated);
            if (arm.ClustersAllocated is { } c)
            {
                yield return ("Allocation", arm.Arm, "Clusters allocated", c);
            }
            yield return ("Allocation", arm.Arm, "Received allocated intervention", arm.Received);
            yield return ("Allocation", arm.Arm, "Did not receive allocated intervention", arm.NotReceived.N);
            yield return ("Follow-up", arm.Arm, "Lost to follow-up", arm.Lost.N);
            yield return ("Follow-up", arm.Arm, "Discontinued intervention", arm.Discontinued.N);
            yield return ("Analysis", arm.Arm, "Analysed", arm.Analysed);
            if (arm.ClustersAnalysed is { } ca)
            {
                yield return ("Analysis", arm.Arm, "Clusters analysed", ca);
            }
            yield return ("Analysis", arm.Arm, "Excluded from analysis", arm.ExcludedFromAnalysis.N);
        }
    }

    private const int Column = 280, Gap = 20, Left = 110, LineHeight = 16;

    /// <summary>
    /// The flow diagram as SVG: stage labels on the left, boxes joined by arrows, every text encoded. It has
    /// a viewBox and no fixed size, so it scales to the width of the page (or of a printed report).
    /// </summary>
    public string Svg()
    {
        var columns = Math.Max(Arms.Count, 2);
        var width = Left + columns * Column + (columns - 1) * Gap + 10;
        var body = new StringBuilder();
        var centre = Left + (width - Left) / 2;
        var y = 10;

        var assessed = Box(body, centre - 120, y, 240, [$"Assessed for eligibility (n = {N(Assessed)})"]);
        var excludedLines = new List<string> { $"Excluded (n = {N(Excluded.N)})" };
        excludedLines.AddRange(Excluded.Reasons.Select(r => $"• {r.Reason} (n = {N(r.N)})"));
        var excludedTop = y + assessed + 20;
        var excluded = Box(body, centre + 40, excludedTop, Math.Min(300, width - centre - 45), excludedLines);
        Arrow(body, centre, y + assessed, centre, excludedTop + excluded + 20);
        Line(body, centre, excludedTop + excluded / 2, centre + 40, excludedTop + excluded / 2);
        y = excludedTop + excluded + 20;
        var randomisedLines = new List<string> { $"Randomised (n = {N(Randomised)})" };
        if (ClustersRandomised is { } clusters)
        {
            randomisedLines.Add($"clusters: {N(clusters)}");
        }
        var randomised = Box(body, centre - 120, y, 240, randomisedLines);
        Stage(body, "Enrolment", 10 + (y + randomised) / 2);
        y += randomised;

        var stages = new[] { "Allocation", "Follow-up", "Analysis" };
        var rowTop = y + 40;
        var stageBottoms = new int[stages.Length];
        var xs = Enumerable.Range(0, Arms.Count).Select(i => Left + i * (Column + Gap) + (columns - Arms.Count) * (Column + Gap) / 2).ToList();
        // A bar from Randomised to every arm's column.
        Line(body, centre, y, centre, y + 20);
        if (Arms.Count > 0)
        {
            Line(body, xs[0] + Column / 2, y + 20, xs[^1] + Column / 2, y + 20);
        }
        var boxes = Arms.Select(arm => new[] { AllocationLines(arm), FollowUpLines(arm), AnalysisLines(arm) }).ToList();
        for (var s = 0; s < stages.Length; s++)
        {
            var height = boxes.Count == 0 ? LineHeight : boxes.Max(b => b[s].Count) * LineHeight + 12;
            for (var a = 0; a < Arms.Count; a++)
            {
                var x = xs[a];
                Box(body, x, rowTop, Column, boxes[a][s], height);
                Arrow(body, x + Column / 2, s == 0 ? y + 20 : rowTop - 30, x + Column / 2, rowTop);
            }
            Stage(body, stages[s], rowTop + height / 2);
            stageBottoms[s] = rowTop + height;
            rowTop += height + 30;
        }
        var totalHeight = rowTop;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {totalHeight}\" role=\"img\" aria-labelledby=\"consort-title\" font-family=\"system-ui, sans-serif\" font-size=\"12\">")
            .Append("<title id=\"consort-title\">CONSORT flow diagram: ").Append(E($"{N(Assessed)} assessed, {N(Randomised)} randomised, " + string.Join(", ", Arms.Select(a => $"{a.Arm} {N(a.Allocated)} allocated and {N(a.Analysed)} analysed")))).Append("</title>")
            .Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#333\"/></marker></defs>")
            .Append(body).Append("</svg>");
        return svg.ToString();
    }

    private static List<string> AllocationLines(ArmFlow arm)
    {
        var lines = new List<string> { $"Allocated to {arm.Arm} (n = {N(arm.Allocated)})" };
        if (arm.ClustersAllocated is { } c)
        {
            lines.Add($"clusters: {N(c)}");
        }
        lines.Add($"Received allocated intervention (n = {N(arm.Received)})");
        lines.Add($"Did not receive it (n = {N(arm.NotReceived.N)})");
        lines.AddRange(arm.NotReceived.Reasons.Select(r => $"• {r.Reason} (n = {N(r.N)})"));
        return lines;
    }

    private static List<string> FollowUpLines(ArmFlow arm)
    {
        var lines = new List<string> { $"Lost to follow-up (n = {N(arm.Lost.N)})" };
        lines.AddRange(arm.Lost.Reasons.Select(r => $"• {r.Reason} (n = {N(r.N)})"));
        lines.Add($"Discontinued intervention (n = {N(arm.Discontinued.N)})");
        lines.AddRange(arm.Discontinued.Reasons.Select(r => $"• {r.Reason} (n = {N(r.N)})"));
        return lines;
    }

    private static List<string> AnalysisLines(ArmFlow arm)
    {
        var lines = new List<string> { $"Analysed (n = {N(arm.Analysed)})" };
        if (arm.ClustersAnalysed is { } c)
        {
            lines.Add($"clusters: {N(c)}");
        }
        lines.Add($"Excluded from analysis (n = {N(arm.ExcludedFromAnalysis.N)})");
        lines.AddRange(arm.ExcludedFromAnalysis.Reasons.Select(r => $"• {r.Reason} (n = {N(r.N)})"));
        return lines;
    }

    /// <returns>The box's height.</returns>
    private static int Box(StringBuilder svg, int x, int y, int width, List<string> lines, int? height = null)
    {
        var h = height ?? lines.Count * LineHeight + 12;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{h}\" fill=\"#fff\" stroke=\"#333\"/>");
        for (var i = 0; i < lines.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 8}\" y=\"{y + 18 + i * LineHeight}\">").Append(E(lines[i])).Append("</text>");
        }
        return h;
    }

    private static void Stage(StringBuilder svg, string name, int y) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{y}\" font-weight=\"600\" fill=\"#0b4f71\">").Append(E(name)).Append("</text>");

    private static void Line(StringBuilder svg, int x1, int y1, int x2, int y2) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"#333\"/>");

    private static void Arrow(StringBuilder svg, int x1, int y1, int x2, int y2) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"#333\" marker-end=\"url(#arrow)\"/>");

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
