using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Hearth.Tests;

/// <summary>
/// Resource files as translators keep them: a family is <c>Name.resx</c> (English) with one
/// <c>Name.&lt;language&gt;.resx</c> per translation beside it. One check for every family in every project.
/// </summary>
internal static partial class ResourceFamilies
{
    /// <summary>The families in a folder, by their English file's name without the extension.</summary>
    public static IEnumerable<string> In(string folder) =>
        Directory.GetFiles(folder, "*.resx").Select(Path.GetFileName).OfType<string>()
            .Where(f => f.Count(c => c == '.') == 1).Select(f => f[..^5]).Order(StringComparer.Ordinal);

    public static Dictionary<string, string> Keys(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    /// <summary>
    /// Everything wrong with a family's translations: a key missing or left over in a language, an empty
    /// text, placeholders other than English's, and Arabic yeh or kaf in Persian (they look alike but search,
    /// sort and read aloud differently). Empty when the family is whole.
    /// </summary>
    public static IReadOnlyList<string> Problems(string folder, string family, IEnumerable<string> translations)
    {
        var problems = new List<string>();
        var english = Keys(Path.Combine(folder, $"{family}.resx"));
        if (english.Count == 0)
        {
            problems.Add($"{family}.resx has no keys");
        }
        problems.AddRange(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{family}.resx: {e.Key} is empty"));
        foreach (var language in translations)
        {
            var file = $"{family}.{language}.resx";
            var translated = Keys(Path.Combine(folder, file));
            problems.AddRange(english.Keys.Except(translated.Keys).Select(k => $"{file}: {k} is missing"));
            problems.AddRange(translated.Keys.Except(english.Keys).Select(k => $"{file}: {k} is left over from a key English no longer has"));
            problems.AddRange(translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => $"{file}: {t.Key} is empty"));
            problems.AddRange(english.Where(e => translated.TryGetValue(e.Key, out var t) && !Placeholders(e.Value).SequenceEqual(Placeholders(t)))
                .Select(e => $"{file}: {e.Key} fills {string.Join(" ", Placeholders(translated[e.Key]))}, English {string.Join(" ", Placeholders(e.Value))}"));
            if (language.StartsWith("fa", StringComparison.Ordinal))
            {
                problems.AddRange(translated.Where(t => ArabicLetters().IsMatch(t.Value)).Select(t => $"{file}: {t.Key} has Arabic yeh or kaf"));
            }
        }
        return problems;
    }

    public static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[\u064A\u0643]")]
    private static partial Regex ArabicLetters();
}
