using Hearth.Content.Instruments;
using NJsonSchema;

namespace Hearth.Content.Tests.Instruments;

public class ShippedLibraryTests
{
    private static readonly string[] Required =
    [
        "cbi", "olbi", "proqol-5", "phq-9", "gad-7", "who-5", "pss-10", "brs", "scs-sf", "mspss", "ucla-3", "maas", "mbi-hss", "cd-risc-10", "jdr-pulse",
    ];

    public static TheoryData<string> ShippedFiles() =>
        [.. Directory.EnumerateFiles(RepoPaths.Instruments, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_shipped_file_loads_without_a_problem()
    {
        Assert.Empty(TestInstruments.Shipped.Value.Problems);
    }

    [Fact]
    public void The_library_holds_every_required_instrument()
    {
        var ids = TestInstruments.Shipped.Value.Instruments.Select(i => i.Id).ToHashSet();
        Assert.All(Required, id => Assert.Contains(id, ids));
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public async Task Shipped_file_conforms_to_the_published_json_schema(string fileName)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Instruments, "instrument.schema.json"));
        var errors = schema.Validate(File.ReadAllText(Path.Combine(RepoPaths.Instruments, fileName)));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void LinkIds_are_the_item_numbers_in_published_order()
    {
        foreach (var instrument in TestInstruments.Shipped.Value.Instruments)
        {
            Assert.Equal(Enumerable.Range(1, instrument.Items.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                instrument.Items.Select(i => i.LinkId));
        }
    }

    [Theory]
    [InlineData("phq-9", "total")]
    [InlineData("gad-7", "total")]
    [InlineData("pss-10", "total")]
    [InlineData("brs", "total")]
    [InlineData("who-5", "total")]
    [InlineData("who-5", "raw")]
    [InlineData("cbi", "personal")]
    [InlineData("cbi", "work")]
    [InlineData("cbi", "client")]
    [InlineData("proqol-5", "compassion_satisfaction")]
    [InlineData("proqol-5", "burnout")]
    [InlineData("proqol-5", "secondary_traumatic_stress")]
    public void Score_ids_that_outside_tools_read_exist(string instrument, string score)
    {
        Assert.Contains(TestInstruments.ShippedOne(instrument).Scores, s => s.Id == score);
    }

    [Theory]
    [InlineData("who-5", "total", 0, 100)]
    [InlineData("who-5", "raw", 0, 25)]
    [InlineData("phq-9", "total", 0, 27)]
    [InlineData("brs", "total", 1, 5)]
    [InlineData("cbi", "personal", 0, 100)]
    [InlineData("proqol-5", "burnout", 10, 50)]
    public void Score_ranges_are_the_published_ones(string instrument, string score, double min, double max)
    {
        var d = TestInstruments.ShippedOne(instrument);
        Assert.Equal(new ScoreRange(min, max), ScoreRange.Of(d.Scores.Single(s => s.Id == score), d));
    }

    [Theory]
    [InlineData("mbi-hss")]
    [InlineData("cd-risc-10")]
    public void Licensed_instruments_ship_as_their_key_only(string id)
    {
        var d = TestInstruments.ShippedOne(id);
        Assert.Equal(LicenceKind.LicenceRequired, d.Licence.Kind);
        Assert.All(d.Items, item => Assert.Null(item.Text));
        Assert.False(d.CanBeAdministered);
    }

    [Fact]
    public void Every_instrument_that_is_not_licence_required_can_be_administered()
    {
        foreach (var d in TestInstruments.Shipped.Value.Instruments.Where(i => i.Licence.Kind != LicenceKind.LicenceRequired))
        {
            Assert.True(d.CanBeAdministered, d.Id);
        }
    }

    [Fact]
    public void The_pss_10_is_free_for_non_commercial_use()
    {
        Assert.Equal(LicenceKind.FreeNonCommercial, TestInstruments.ShippedOne("pss-10").Licence.Kind);
    }

    [Fact]
    public void The_phq_9_flags_any_answer_above_zero_on_item_9()
    {
        var rule = Assert.Single(TestInstruments.ShippedOne("phq-9").SafetyRules);
        Assert.Equal("9", rule.Item);
        Assert.True(rule.IsTriggeredBy(1));
        Assert.False(rule.IsTriggeredBy(0));
    }
}
