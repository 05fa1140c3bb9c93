using System.Text.Json;
using Hearth.Content.Instruments;
using Hearth.Content.Scoring;

namespace Hearth.Content.Tests.Instruments;

/// <summary>
/// Every shipped instrument is pinned by cases worked by hand from its published key
/// (Instruments/Cases/&lt;id&gt;.json): answers in, each score's value and band and the safety flags out.
/// </summary>
public class HandWorkedCaseTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Cases, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var instrument = doc.RootElement.GetProperty("instrument").GetString()!;
            foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(instrument, c.GetProperty("name").GetString()!);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scores_match_the_hand_worked_case(string instrumentId, string caseName)
    {
        var testCase = LoadCase(instrumentId, caseName);
        var scorer = new InstrumentScorer(TestInstruments.ShippedOne(instrumentId));

        var answers = new Dictionary<string, double?>();
        foreach (var answer in testCase.GetProperty("answers").EnumerateObject())
        {
            answers[answer.Name] = answer.Value.ValueKind == JsonValueKind.Null ? null : answer.Value.GetDouble();
        }
        var result = scorer.Score(answers);

        foreach (var expected in testCase.GetProperty("expected").EnumerateObject())
        {
            var actual = result.Find(expected.Name);
            Assert.True(actual is not null, $"{instrumentId} has no score '{expected.Name}'");
            var value = expected.Value.GetProperty("value");
            if (value.ValueKind == JsonValueKind.Null)
            {
                Assert.Null(actual!.Value);
            }
            else
            {
                Assert.NotNull(actual!.Value);
                Assert.Equal(value.GetDouble(), actual.Value!.Value, 9);
            }
            var band = expected.Value.TryGetProperty("band", out var b) && b.ValueKind != JsonValueKind.Null ? b.GetString() : null;
            Assert.Equal(band, actual.Band?.Label);
        }

        var safety = testCase.TryGetProperty("safety", out var s) ? s.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        Assert.Equal(safety.Order(), result.TriggeredSafetyRules.Select(r => r.Id).Order());
    }

    [Fact]
    public void Every_shipped_instrument_has_at_least_five_hand_worked_cases()
    {
        var counts = Cases().Select(row => (string)row[0]).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        foreach (var instrument in TestInstruments.Shipped.Value.Instruments)
        {
            Assert.True(counts.GetValueOrDefault(instrument.Id) >= 5, $"{instrument.Id} has {counts.GetValueOrDefault(instrument.Id)} hand-worked cases; at least 5 are required");
        }
    }

    private static JsonElement LoadCase(string instrumentId, string caseName)
    {
        var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Cases, instrumentId + ".json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == caseName);
    }
}
