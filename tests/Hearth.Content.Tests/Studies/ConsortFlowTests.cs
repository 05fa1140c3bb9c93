using System.Xml.Linq;
using CsCheck;
using Hearth.Content.Studies;

namespace Hearth.Content.Tests.Studies;

public class ConsortFlowTests
{
    private static readonly string[] Arms = ["compassion", "mentalization", "waitlist"];
    private static readonly string[] Reasons = ["moved job", "too busy", "illness"];

    private static readonly Gen<ConsortParticipant> GenParticipant =
        Gen.Select(Gen.Int[-1, 2], Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 2], Gen.Int[0, 5]).Select((arm, received, lost, discontinued, analysed, reason, team) =>
            arm < 0
                ? new ConsortParticipant(null, ExclusionReason: reason == 0 ? "not eligible" : "declined to participate")
                : new ConsortParticipant(Arms[arm], null, received, received ? null : Reasons[reason], lost, lost ? Reasons[reason] : null,
                    discontinued, discontinued ? Reasons[reason] : null, analysed, analysed ? null : "no outcome data", Cluster: $"team-{team}"));

    [Fact]
    public void The_counts_add_up_at_every_stage_of_a_simulated_study() =>
        GenParticipant.Array[0, 300].Sample(people =>
        {
            var flow = ConsortFlow.From(people, Arms);
            Assert.Equal(people.Length, flow.Assessed);
            Assert.Equal(flow.Assessed, flow.Excluded.N + flow.Randomised);
            Assert.Equal(flow.Excluded.N, flow.Excluded.Reasons.Sum(r => r.N));
            Assert.Equal(flow.Randomised, flow.Arms.Sum(a => a.Allocated));
            foreach (var arm in flow.Arms)
            {
                var mine = people.Where(p => p.Arm == arm.Arm).ToList();
                Assert.Equal(mine.Count, arm.Allocated);
                Assert.Equal(arm.Allocated, arm.Received + arm.NotReceived.N);
                Assert.Equal(arm.Allocated, arm.Analysed + arm.ExcludedFromAnalysis.N);
                Assert.Equal(mine.Count(p => p.LostToFollowUp), arm.Lost.N);
                Assert.Equal(arm.Lost.N, arm.Lost.Reasons.Sum(r => r.N));
                Assert.Equal(mine.Count(p => p.Discontinued), arm.Discontinued.N);
                Assert.Equal(mine.Select(p => p.Cluster).Distinct().Count(), arm.ClustersAllocated ?? 0);
            }
            // The diagram is well-formed XML and shows the headline numbers.
            var svg = XDocument.Parse(flow.Svg());
            var text = string.Concat(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value + "\n"));
            Assert.Contains($"Assessed for eligibility (n = {flow.Assessed})", text, StringComparison.Ordinal);
            Assert.Contains($"Randomised (n = {flow.Randomised})", text, StringComparison.Ordinal);
            foreach (var arm in flow.Arms)
            {
                Assert.Contains($"Allocated to {arm.Arm} (n = {arm.Allocated})", text, StringComparison.Ordinal);
                Assert.Contains($"Analysed (n = {arm.Analysed})", text, StringComparison.Ordinal);
            }
            Assert.Equal(flow.Randomised, flow.Rows().Single(r => r.What == "Randomised").N);
        }, iter: 200);

    [Fact]
    public void An_individually_randomised_trial_has_no_cluster_counts_and_names_are_encoded()
    {
        ConsortParticipant[] people = [new("<script>", LostToFollowUp: true, LostReason: "moved & left"), new("b"), new(null, ExclusionReason: "declined to participate")];
        var flow = ConsortFlow.From(people, ["<script>", "b"]);
        Assert.False(flow.IsCluster);
        Assert.Null(flow.Arms[0].ClustersAllocated);
        Assert.DoesNotContain(flow.Rows(), r => r.What.StartsWith("Clusters", StringComparison.Ordinal));
        var svg = flow.Svg();
        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
        Assert.Contains("moved &amp; left (n = 1)", svg, StringComparison.Ordinal);
        Assert.Equal(("Enrolment", "", "Excluded: declined to participate", 1), flow.Rows().Single(r => r.What.StartsWith("Excluded:", StringComparison.Ordinal)));
    }
}
