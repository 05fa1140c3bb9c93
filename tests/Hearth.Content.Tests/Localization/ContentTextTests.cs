using System.Text.RegularExpressions;
using Hearth.Content.Analysis;
using Hearth.Content.Localization;

namespace Hearth.Content.Tests.Localization;

/// <summary>
/// What is wrong with a data file, in every language: every key in all four, every key the code names exists
/// and is named, and English is the text it always was. (This project runs without culture data, so the
/// translations are read from the files here; the CLI's tests see them in use.)
/// </summary>
public partial class ContentTextTests
{
    private static readonly string Folder = RepoRoot.Combine("src", "Hearth.Content", "Localization");

    [Fact]
    public void Every_key_is_in_every_language_with_the_same_placeholders_and_Persian_letters() =>
        Assert.Empty(ResourceFamilies.Problems(Folder, "Problems", ["es-MX", "ru", "fa-IR"]));

    [Fact]
    public void Every_key_the_code_names_exists_and_every_key_is_named()
    {
        var sources = Directory.EnumerateFiles(RepoRoot.Combine("src", "Hearth.Content"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        // Keys are written out as literals ("Csv.Line"), also where they are handed on to a helper, so they can be found.
        var named = sources.SelectMany(s => KeyLiteral().Matches(s.Value).Select(m => (File: s.Key, Key: m.Groups[1].Value))).ToList();
        var keys = ResourceFamilies.Keys(Path.Combine(Folder, "Problems.resx"));
        Assert.True(named.Count >= keys.Count, $"only {named.Count} keys named in the code");
        Assert.All(named, n => Assert.True(keys.ContainsKey(n.Key), $"{n.File} names '{n.Key}', which Problems.resx does not have"));
        Assert.Empty(keys.Keys.Except(named.Select(n => n.Key)));
    }

    [Fact]
    public void In_English_the_problems_read_as_they_always_have()
    {
        var design = new AnalysisDesign("subject", "score", ["time"], ["group"]);
        var read = LongFormatCsv.Read(new StringReader("subject,group,time,score\na,x,pre,one\n,x,post,2\n"), "in.csv", design);
        Assert.Equal(
            ["in.csv: line 2, column 'score': 'one' is not a number (leave the cell empty for a missing value)", "in.csv: line 3, column 'subject': the subject is missing"],
            read.Problems.Select(p => p.ToString()));
        Assert.Equal("line 7", ContentText.Line(7));
        Assert.Throws<InvalidOperationException>(() => ContentText.Get("No.Such.Key"));
    }

    [GeneratedRegex(@"(?<!cref=)""((?:Csv|Scores|Analysis|Evaluation|Demands)\.[A-Z][A-Za-z]+)""")]
    private static partial Regex KeyLiteral();
}
