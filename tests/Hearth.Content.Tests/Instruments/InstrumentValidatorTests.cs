using Hearth.Content.Instruments;

namespace Hearth.Content.Tests.Instruments;

public class InstrumentValidatorTests
{
    private static IReadOnlyList<ValidationProblem> Validate(InstrumentDefinition d) => InstrumentValidator.Validate(d, "test.json");

    [Fact]
    public void A_sound_definition_has_no_problems()
    {
        Assert.Empty(Validate(TestInstruments.Simple()));
    }

    [Fact]
    public void An_unknown_item_in_a_score_is_named_with_its_path()
    {
        var d = TestInstruments.Simple();
        d = d with { Scores = [d.Scores[0] with { Items = ["1", "2", "3", "7"] }, .. d.Scores.Skip(1)] };
        var problem = Assert.Single(Validate(d));
        Assert.Equal("$.scores[0].items[3]", problem.Location);
        Assert.Contains("unknown item '7'", problem.Message);
        Assert.Equal("test.json", problem.File);
    }

    [Fact]
    public void A_duplicate_linkId_is_reported()
    {
        var d = TestInstruments.Simple();
        d = d with { Items = [.. d.Items.Take(3), d.Items[3] with { LinkId = "3" }] };
        Assert.Contains(Validate(d), p => p.Location == "$.items[3].linkId" && p.Message.Contains("duplicate linkId '3'"));
    }

    [Fact]
    public void LinkIds_out_of_published_order_are_reported()
    {
        var d = TestInstruments.Simple();
        d = d with { Items = [d.Items[0] with { LinkId = "a" }, .. d.Items.Skip(1)] };
        Assert.Contains(Validate(d), p => p.Location == "$.items[0].linkId" && p.Message.Contains("should be '1'"));
    }

    [Fact]
    public void A_gap_between_bands_is_reported()
    {
        var d = WithBands((4, 9, "low"), (10, 20, "high"));
        var problem = Assert.Single(Validate(d));
        Assert.Equal("$.scores[0].bands[1].min", problem.Location);
        Assert.Contains("gap", problem.Message);
    }

    [Fact]
    public void Overlapping_bands_are_reported()
    {
        var d = WithBands((4, 11, "low"), (10, 20, "high"));
        var problem = Assert.Single(Validate(d));
        Assert.Contains("overlap", problem.Message);
    }

    [Fact]
    public void Bands_that_do_not_reach_the_ends_of_the_range_are_reported()
    {
        var problems = Validate(WithBands((5, 10, "low"), (10, 19, "high")));
        Assert.Contains(problems, p => p.Location == "$.scores[0].bands[0].min" && p.Message.Contains("lowest score, 4"));
        Assert.Contains(problems, p => p.Location == "$.scores[0].bands[1].max" && p.Message.Contains("highest score, 20"));
    }

    [Fact]
    public void A_band_beyond_the_possible_scores_is_reported()
    {
        var problems = Validate(WithBands((4, 10, "low"), (10, 30, "high")));
        Assert.Contains(problems, p => p.Location == "$.scores[0].bands[1]" && p.Message.Contains("outside the score's range 4–20"));
    }

    [Fact]
    public void Reverse_keying_an_item_on_a_non_numeric_scale_is_reported()
    {
        var d = TestInstruments.Simple();
        d = d with
        {
            ResponseScales = [.. d.ResponseScales, new ResponseScale { Id = "role", Options = [new() { Label = "nurse" }, new() { Label = "doctor" }] }],
            Items = [.. d.Items, new InstrumentItem { LinkId = "5", Text = "Role", Scale = "role", Reverse = true }],
        };
        Assert.Contains(Validate(d), p => p.Location == "$.items[4].reverse" && p.Message.Contains("not numeric"));
    }

    [Fact]
    public void A_safety_rule_value_off_the_scale_is_reported()
    {
        var d = TestInstruments.Simple();
        d = d with { SafetyRules = [d.SafetyRules[0] with { Value = 9 }] };
        Assert.Contains(Validate(d), p => p.Location == "$.safetyRules[0].value" && p.Message.Contains("outside"));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var d = TestInstruments.Simple();
        d = d with
        {
            Id = "Bad Id",
            Constructs = ["happiness"],
            Items = [.. d.Items.Take(3), d.Items[3] with { Scale = "nope" }],
            Scores = [d.Scores[0] with { Items = ["1", "1", "9"] }],
        };
        var locations = Validate(d).Select(p => p.Location).ToList();
        Assert.Contains("$.id", locations);
        Assert.Contains("$.constructs[0]", locations);
        Assert.Contains("$.items[3].scale", locations);
        Assert.Contains("$.scores[0].items[1]", locations);
        Assert.Contains("$.scores[0].items[2]", locations);
    }

    [Fact]
    public void Items_without_text_are_only_allowed_for_licensed_instruments()
    {
        var d = TestInstruments.Simple();
        var keyOnly = d with { Items = [.. d.Items.Select(i => i with { Text = null })] };
        Assert.Contains(Validate(keyOnly), p => p.Location == "$.items[0].text");
        Assert.Empty(Validate(keyOnly with { Licence = new InstrumentLicence { Kind = LicenceKind.LicenceRequired, Terms = "Buy it" } }));
    }

    [Fact]
    public void A_json_syntax_error_is_reported_with_its_line()
    {
        var result = InstrumentLoader.LoadText("{\n  \"id\": \"x\",\n  \"version\": 1,\n}", "broken.json");
        var problem = Assert.Single(result.Problems);
        Assert.Null(result.Definition);
        Assert.StartsWith("line 3", problem.Location);
        Assert.Contains("$.version", problem.Location);
    }

    [Fact]
    public void An_unknown_property_is_reported_so_typos_do_not_pass_silently()
    {
        var json = InstrumentJson.Serialize(TestInstruments.Simple()).Replace("\"citation\"", "\"citatoin\"", StringComparison.Ordinal);
        var result = InstrumentLoader.LoadText(json, "typo.json");
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Message.Contains("citatoin") || p.Location.Contains("citatoin"));
    }

    [Fact]
    public void A_bad_file_in_the_library_is_reported_and_left_out_while_the_rest_load()
    {
        var dir = Directory.CreateTempSubdirectory("hearth-catalog-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "simple.json"), InstrumentJson.Serialize(TestInstruments.Simple()));
            File.WriteAllText(Path.Combine(dir.FullName, "broken.json"), "{ not json");
            var catalog = InstrumentCatalog.Load(dir.FullName);
            Assert.NotNull(catalog.Find("simple"));
            var problem = Assert.Single(catalog.Problems);
            Assert.EndsWith("broken.json", problem.File);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_library_file_must_be_named_after_its_instrument()
    {
        var dir = Directory.CreateTempSubdirectory("hearth-catalog-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "other.json"), InstrumentJson.Serialize(TestInstruments.Simple()));
            var catalog = InstrumentCatalog.Load(dir.FullName);
            Assert.Null(catalog.Find("simple"));
            Assert.Contains("must be named 'simple.json'", Assert.Single(catalog.Problems).Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_null_in_a_list_is_reported_not_thrown()
    {
        var json = InstrumentJson.Serialize(TestInstruments.Simple());
        var broken = json.Replace("\"items\": [\n    {", "\"items\": [\n    null,\n    {", StringComparison.Ordinal);
        Assert.NotEqual(json, broken);
        var result = InstrumentLoader.LoadText(broken, "nulls.json");
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Location == "$.items[0]" && p.Message.Contains("null"));
    }

    [Fact]
    public void An_enum_given_as_a_number_is_rejected()
    {
        var json = InstrumentJson.Serialize(TestInstruments.Simple()).Replace("\"operator\": \"gte\"", "\"operator\": 7", StringComparison.Ordinal);
        var result = InstrumentLoader.LoadText(json, "number.json");
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Location.Contains("operator"));
    }

    [Fact]
    public void A_safety_rule_id_must_be_a_plain_identifier()
    {
        var d = TestInstruments.Simple();
        d = d with { SafetyRules = [d.SafetyRules[0] with { Id = "a,b" }] };
        Assert.Contains(Validate(d), p => p.Location == "$.safetyRules[0].id");
    }

    [Fact]
    public void An_absurd_option_value_is_rejected()
    {
        var d = TestInstruments.Simple();
        d = d with { ResponseScales = [d.ResponseScales[0] with { Options = [new() { Value = 1, Label = "a" }, new() { Value = 1e30, Label = "b" }] }] };
        Assert.Contains(Validate(d), p => p.Location == "$.responseScales[0].options[1].value");
    }

    private static InstrumentDefinition WithBands(params (double Min, double Max, string Label)[] bands)
    {
        var d = TestInstruments.Simple();
        var total = d.Scores[0] with
        {
            Bands = [.. bands.Select(b => new ScoreBand { Min = b.Min, Max = b.Max, Label = b.Label, Severity = BandSeverity.None })],
        };
        return d with { Scores = [total, .. d.Scores.Skip(1)] };
    }
}
