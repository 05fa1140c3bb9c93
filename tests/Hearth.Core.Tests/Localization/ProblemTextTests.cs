using System.Text.RegularExpressions;
using Hearth.Core.Localization;

namespace Hearth.Core.Tests.Localization;

/// <summary>
/// Core's own words (Problems.resx: the sentences services refuse a request with; Mail.resx: e-mails) in
/// every language. This project runs without culture data, so the files are read, not looked up.
/// </summary>
public partial class ProblemTextTests
{
    private static readonly string Folder = RepoRoot.Combine("src", "Hearth.Core", "Localization");
    private static readonly string[] Translations = ["es-MX", "ru", "fa-IR"];

    private static Dictionary<string, string> Keys(string file) => ResourceFamilies.Keys(Path.Combine(Folder, file));

    public static TheoryData<string> Families() => [.. ResourceFamilies.In(Folder)];

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_key_is_in_every_language_with_the_same_placeholders_and_Persian_letters(string family) =>
        Assert.Empty(ResourceFamilies.Problems(Folder, family, Translations));

    [Fact]
    public void Every_key_Core_asks_for_exists_and_every_key_is_asked_for()
    {
        var sources = Directory.EnumerateFiles(RepoRoot.Combine("src", "Hearth.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetFileName(f), Text: File.ReadAllText(f)))
            .ToList();
        var used = sources.SelectMany(s => KeyUse().Matches(s.Text).Select(m => (s.File, Key: m.Groups[1].Value))).ToList();
        Assert.NotEmpty(used);

        // A key is always written out where it is used, so that this test (and a reader) can find it.
        Assert.All(sources, s => Assert.True(AnyUse().Count(s.Text) == KeyUse().Count(s.Text), $"{s.File} calls ProblemText.Get with a key that is not a string literal"));

        var keys = Keys("Problems.resx");
        Assert.All(used, u => Assert.True(keys.ContainsKey(u.Key), $"{u.File} asks for '{u.Key}', which Problems.resx does not have"));
        Assert.Empty(keys.Keys.Except(used.Select(u => u.Key))); // no text is left behind when its use goes
    }

    [Fact]
    public void Without_culture_data_the_text_is_English_with_its_placeholders_filled()
    {
        Assert.Equal("the cohort is full (12 places)", ProblemText.Get("Cohorts.Full", 12));
        Assert.Equal("Please give your name.", ProblemText.Get("Organisations.NameRequired"));
        Assert.Equal("'x' is not a time zone (use an IANA name such as Europe/London)", ProblemText.Get("TimeZone.Unknown", "x"));
        Assert.Throws<InvalidOperationException>(() => ProblemText.Get("No.Such.Key"));
    }

    [GeneratedRegex(@"ProblemText\.Get\(\s*""([^""]+)""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"ProblemText\.Get\(")]
    private static partial Regex AnyUse();
}
