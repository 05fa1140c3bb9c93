using Hearth.Content.Instruments;

namespace Hearth.Tests;

/// <summary>Small, hand-made definitions for tests that need an instrument with a particular shape.</summary>
internal static class TestInstruments
{
    public static readonly Lazy<InstrumentCatalog> Shipped = new(() => InstrumentCatalog.Load(RepoPaths.Instruments));

    public static InstrumentDefinition ShippedOne(string id) =>
        Shipped.Value.Find(id) ?? throw new InvalidOperationException($"shipped instrument '{id}' did not load: {string.Join("; ", Shipped.Value.Problems)}");

    /// <summary>Four items on a 1–5 scale, item 2 reverse-keyed; a sum, a mean and a ×10 linear score.</summary>
    public static InstrumentDefinition Simple() => new()
    {
        Id = "simple",
        Version = "1",
        Title = "Simple",
        Constructs = ["stress"],
        Citation = "Test",
        Licence = new InstrumentLicence { Kind = LicenceKind.PublicDomain, Terms = "Test" },
        ResponseScales =
        [
            new ResponseScale
            {
                Id = "agree",
                Options = [.. Enumerable.Range(1, 5).Select(v => new ResponseOption { Value = v, Label = $"option {v}" })],
            },
        ],
        Items = [.. Enumerable.Range(1, 4).Select(i => new InstrumentItem { LinkId = $"{i}", Text = $"Item {i}", Scale = "agree", Reverse = i == 2 })],
        Scores =
        [
            new ScoreDefinition
            {
                Id = "total", Title = "Total", Items = ["1", "2", "3", "4"], Method = ScoreMethod.Sum,
                Missing = new MissingItemRule { MinAnswered = 3 },
                Bands =
                [
                    new ScoreBand { Min = 4, Max = 10, Label = "low", Severity = BandSeverity.None },
                    new ScoreBand { Min = 10, Max = 20, Label = "high", Severity = BandSeverity.Moderate },
                ],
            },
            new ScoreDefinition { Id = "average", Title = "Average", Items = ["1", "2", "3", "4"], Method = ScoreMethod.Mean },
            new ScoreDefinition
            {
                Id = "scaled", Title = "Scaled", Items = ["1", "3"], Method = ScoreMethod.Linear,
                Transform = new LinearTransform { Base = ScoreMethod.Sum, Multiply = 10, Add = -20 },
            },
        ],
        SafetyRules = [new SafetyRule { Id = "item-4-top", Item = "4", Operator = SafetyOperator.GreaterOrEqual, Value = 5 }],
    };
}
