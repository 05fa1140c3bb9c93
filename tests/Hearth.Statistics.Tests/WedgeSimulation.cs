using System.Globalization;
using Hearth.Statistics.Mixed;

namespace Hearth.Statistics.Tests;

/// <summary>
/// Simulated stepped-wedge trials: clusters switch to the intervention in turn (the first at the second
/// period, so some period always has both conditions), random cluster and subject intercepts, a period
/// trend and a treatment effect of −2; each subject × period value missing with the given probability,
/// but every cluster's first subject is measured in every period.
/// </summary>
internal static class WedgeSimulation
{
    public static List<WedgeObservation> Trial(int seed, int clusters, int subjectsPerCluster, int periods, double pMissing = 0.15,
        double sdCluster = 1.5, double sdSubject = 3, double sdError = 2)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var rows = new List<WedgeObservation>();
        for (var c = 0; c < clusters; c++)
        {
            var switchPeriod = 1 + c % (periods - 1);
            var clusterEffect = sdCluster * Normal();
            for (var i = 0; i < subjectsPerCluster; i++)
            {
                var subjectEffect = sdSubject * Normal();
                for (var t = 0; t < periods; t++)
                {
                    var treated = t >= switchPeriod;
                    var score = 40 + 0.5 * t + (treated ? -2 : 0) + clusterEffect + subjectEffect + sdError * Normal();
                    if (i == 0 || random.NextDouble() >= pMissing)
                    {
                        rows.Add(new WedgeObservation($"c{c}s{i}", $"c{c}", (t + 1).ToString(CultureInfo.InvariantCulture),
                            treated ? "intervention" : "control", Math.Round(score, 2)));
                    }
                }
            }
        }
        return rows;
    }
}
