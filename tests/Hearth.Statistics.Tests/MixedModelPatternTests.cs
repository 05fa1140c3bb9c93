using Hearth.Statistics.Anova;
using Hearth.Statistics.Mixed;

namespace Hearth.Statistics.Tests;

/// <summary>How the mixed models group subjects by their pattern of observed waves.</summary>
public class MixedModelPatternTests
{
    /// <summary>
    /// The first 64 waves of a pattern are kept in one part of its key and any further ones in another.
    /// The fit cannot depend on the order the waves are listed in, so with the order reversed — the
    /// missing waves beyond the 64th then among the first — the criterion, the variances and every F
    /// must stay the same; merging patterns that differ only beyond the 64th wave would change them.
    /// </summary>
    [Fact]
    public void Waves_beyond_the_64th_tell_patterns_apart_as_the_first_64_do()
    {
        const int waves = 70;
        const int subjects = 48;
        var random = new Random(17);
        var values = new double[subjects * waves];
        for (var s = 0; s < subjects; s++)
        {
            var person = 4 * (random.NextDouble() - 0.5);
            for (var w = 0; w < waves; w++)
            {
                // Each subject misses one wave, many of them one beyond the 64th.
                values[s * waves + w] = w == (s * 3 + 40) % waves ? double.NaN : 10 + person + Math.Sin(w) + (s % 2) * w / 20.0 + random.NextDouble();
            }
        }
        LongData Data(bool reversed)
        {
            var order = reversed ? Enumerable.Range(0, waves).Reverse().ToArray() : Enumerable.Range(0, waves).ToArray();
            return new LongData([new Factor("arm", ["a", "b"])], [new Factor("wave", [.. order.Select(w => $"w{w}")])],
                [.. Enumerable.Range(0, subjects).Select(s => $"s{s}")], [.. Enumerable.Range(0, subjects).Select(s => s % 2)],
                [.. Enumerable.Range(0, subjects * waves).Select(i => values[i / waves * waves + order[i % waves]])], []);
        }
        var listed = LinearMixedModel.Fit(Data(reversed: false));
        var reversed = LinearMixedModel.Fit(Data(reversed: true));
        Assert.Equal(subjects * (waves - 1), listed.Observations);
        Assert.Equal(listed.RemlCriterion, reversed.RemlCriterion, 1e-9 * Math.Abs(listed.RemlCriterion));
        Assert.Equal(listed.SubjectInterceptVariance, reversed.SubjectInterceptVariance, 1e-9 * listed.SubjectInterceptVariance);
        foreach (var (a, b) in listed.Anova.Zip(reversed.Anova))
        {
            Assert.Equal(a.F, b.F, 1e-8 * a.F);
        }
    }
}
