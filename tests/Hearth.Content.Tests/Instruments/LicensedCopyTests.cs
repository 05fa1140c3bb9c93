using Hearth.Content.Instruments;

namespace Hearth.Content.Tests.Instruments;

public class LicensedCopyTests
{
    private static InstrumentDefinition KeyOnly() => TestInstruments.ShippedOne("cd-risc-10");

    private static InstrumentDefinition LicensedCopyOf(InstrumentDefinition key) =>
        key with { Items = [.. key.Items.Select(i => i with { Text = $"Licensed wording of item {i.LinkId}" })] };

    [Fact]
    public void A_key_only_instrument_cannot_be_administered_until_its_licensed_copy_is_loaded()
    {
        var dir = Directory.CreateTempSubdirectory("hearth-licensed-");
        try
        {
            Assert.False(InstrumentCatalog.Load(RepoPaths.Instruments).Find("cd-risc-10")!.CanBeAdministered);

            File.WriteAllText(Path.Combine(dir.FullName, "my-cd-risc.json"), InstrumentJson.Serialize(LicensedCopyOf(KeyOnly())));
            var catalog = InstrumentCatalog.Load(RepoPaths.Instruments, dir.FullName);

            Assert.Empty(catalog.Problems);
            Assert.True(catalog.Find("cd-risc-10")!.CanBeAdministered);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_copy_that_changes_the_published_key_is_rejected()
    {
        var key = KeyOnly();
        var copy = LicensedCopyOf(key);
        copy = copy with { Items = [copy.Items[0] with { Reverse = !copy.Items[0].Reverse }, .. copy.Items.Skip(1)] };
        var problem = Assert.Single(LicensedCopy.Check(key, copy, "copy.json"));
        Assert.Equal("$.items[0].reverse", problem.Location);
    }

    [Fact]
    public void A_copy_missing_item_text_is_rejected()
    {
        var key = KeyOnly();
        var copy = LicensedCopyOf(key);
        copy = copy with { Items = [.. copy.Items.Take(9), copy.Items[9] with { Text = null }] };
        Assert.Contains(LicensedCopy.Check(key, copy, "copy.json"), p => p.Location == "$.items[9].text");
    }

    [Fact]
    public void A_rejected_copy_leaves_the_key_only_definition_in_place()
    {
        var dir = Directory.CreateTempSubdirectory("hearth-licensed-");
        try
        {
            var copy = LicensedCopyOf(KeyOnly());
            copy = copy with { Scores = [copy.Scores[0] with { Method = ScoreMethod.Mean }] };
            File.WriteAllText(Path.Combine(dir.FullName, "copy.json"), InstrumentJson.Serialize(copy));
            var catalog = InstrumentCatalog.Load(RepoPaths.Instruments, dir.FullName);
            Assert.NotEmpty(catalog.Problems);
            Assert.False(catalog.Find("cd-risc-10")!.CanBeAdministered);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_copy_that_moves_the_published_cut_offs_is_rejected()
    {
        var key = TestInstruments.ShippedOne("mbi-hss");
        var copy = LicensedCopyOf(key);
        var score = copy.Scores[0];
        copy = copy with { Scores = [score with { Bands = [.. score.Bands.Select((b, i) => i == 0 ? b with { Max = b.Max + 1 } : i == 1 ? b with { Min = b.Min + 1 } : b)] }, .. copy.Scores.Skip(1)] };
        Assert.Contains(LicensedCopy.Check(key, copy, "copy.json"), p => p.Location == "$.scores[0].bands");
    }

    [Fact]
    public void A_licensed_folder_that_does_not_exist_is_reported()
    {
        var catalog = InstrumentCatalog.Load(RepoPaths.Instruments, "/nonexistent/licensed");
        Assert.Contains(catalog.Problems, p => p.Message.Contains("does not exist"));
        Assert.NotNull(catalog.Find("phq-9"));
    }
}
