using CsCheck;
using Hearth.Statistics.Anova;

namespace Hearth.Statistics.Tests;

/// <summary>Invariances any correct repeated-measures ANOVA has, checked on random designs.</summary>
public class PropertyTests
{
    private static readonly Factor Group = new("group", ["a", "b", "c"]);
    private static readonly Factor Time = new("time", ["pre", "post", "fup"]);

    /// <summary>Random unbalanced designs: 3 groups × 3 waves, 3–9 subjects per group.</summary>
    private static readonly Gen<RepeatedMeasuresData> Designs =
        Gen.Int[3, 9].Array[3].SelectMany(sizes =>
            Gen.Double[-50, 50].Array[sizes.Sum() * 3].Select(values =>
            {
                var cells = sizes.SelectMany((n, g) => Enumerable.Repeat(g, n)).ToArray();
                var subjects = cells.Select((_, i) => $"s{i}").ToList();
                return new RepeatedMeasuresData([Group], [Time], subjects, cells, values, []);
            }));

    private static RepeatedMeasuresAnalysis Analyse(RepeatedMeasuresData d) => RepeatedMeasuresAnalysis.Run(d);

    [Fact]
    public void Permuting_subjects_changes_nothing()
    {
        Designs.Sample(data =>
        {
            var order = Enumerable.Range(0, data.SubjectCount).Reverse().ToArray();
            var shuffled = new RepeatedMeasuresData(data.Between, data.Within,
                [.. order.Select(i => data.Subjects[i])],
                [.. order.Select(i => data.BetweenCell[i])],
                [.. order.SelectMany(i => data.Row(i).ToArray())], []);
            AssertSameAnova(Analyse(data), Analyse(shuffled), shift: 0);
        }, iter: 50);
    }

    [Fact]
    public void Adding_a_constant_to_the_dv_changes_only_the_intercept()
    {
        Designs.Sample(data =>
        {
            var shifted = new RepeatedMeasuresData(data.Between, data.Within, data.Subjects, data.BetweenCell,
                [.. data.Values.Select(v => v + 1000)], []);
            AssertSameAnova(Analyse(data), Analyse(shifted), shift: 1000);
        }, iter: 50);
    }

    private static void AssertSameAnova(RepeatedMeasuresAnalysis a, RepeatedMeasuresAnalysis b, double shift)
    {
        Assert.Equal(a.Anova.Effects.Count, b.Anova.Effects.Count);
        foreach (var (x, y) in a.Anova.Effects.Zip(b.Anova.Effects))
        {
            Assert.Equal(x.Effect, y.Effect);
            Assert.Equal(x.SumOfSquares, y.SumOfSquares, 1e-6 * Math.Max(1, x.SumOfSquares));
            Assert.Equal(x.ErrorSumOfSquares, y.ErrorSumOfSquares, 1e-6 * Math.Max(1, x.ErrorSumOfSquares));
            Assert.Equal(x.F, y.F, 1e-6 * Math.Max(1, x.F));
        }
        foreach (var (x, y) in a.Anova.Sphericity.Zip(b.Anova.Sphericity))
        {
            Assert.Equal(x.MauchlyW, y.MauchlyW, 1e-6);
            Assert.Equal(x.GreenhouseGeisserEpsilon, y.GreenhouseGeisserEpsilon, 1e-6);
        }
        foreach (var (x, y) in a.Descriptives.Zip(b.Descriptives))
        {
            Assert.Equal(x.Mean + shift, y.Mean, 1e-6);
            Assert.Equal(x.Sd, y.Sd, 1e-6);
        }
        foreach (var (x, y) in a.Pairwise.Zip(b.Pairwise))
        {
            Assert.Equal(x.Estimate, y.Estimate, 1e-6);
            Assert.Equal(x.StandardError, y.StandardError, 1e-6);
        }
    }
}
