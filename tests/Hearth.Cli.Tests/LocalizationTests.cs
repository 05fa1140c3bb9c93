using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Hearth.Cli.Localization;

namespace Hearth.Cli.Tests;

/// <summary>
/// The tool's own words in English, Spanish, Russian and Persian: every key in every language, every key the
/// code asks for, the language chosen from the environment, and a Russian run whose JSON and CSV are the
/// English run's byte for byte.
/// </summary>
public partial class LocalizationTests
{
    private static readonly string Source = global::Hearth.Tests.RepoRoot.Combine("src", "Hearth.Cli");

    private static Dictionary<string, string> Keys(string language) =>
        XDocument.Load(Path.Combine(Source, "Localization", language == CliLanguage.English ? "Messages.resx" : $"Messages.{language}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    public static TheoryData<string> Translations() => [.. CliLanguage.All.Where(l => l != CliLanguage.English)];

    [Fact]
    public void Every_key_is_in_every_language_with_the_same_placeholders_and_Persian_letters() =>
        Assert.Empty(global::Hearth.Tests.ResourceFamilies.Problems(Path.Combine(Source, "Localization"), "Messages", CliLanguage.All.Where(l => l != CliLanguage.English)));

    [Theory]
    [MemberData(nameof(Translations))]
    [InlineData(CliLanguage.English)]
    public void Every_text_formats_with_its_placeholders(string language)
    {
        // A stray brace in a translation would only show when the message is written: find it here.
        foreach (var (key, text) in Keys(language))
        {
            var args = Enumerable.Range(0, 10).Select(i => (object)$"<{i}>").ToArray();
            var formatted = string.Format(CultureInfo.InvariantCulture, text, args);
            Assert.False(formatted.Contains('{', StringComparison.Ordinal) || formatted.Contains('}', StringComparison.Ordinal), $"{language}: {key}");
        }
    }

    [Fact]
    public void Every_key_the_tool_asks_for_exists_and_every_key_is_asked_for()
    {
        var code = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        var used = code.SelectMany(file => CallArguments(file.Value).SelectMany(args => KeyLiteral().Matches(args).Select(m => (File: file.Key, Key: m.Groups[1].Value)))).ToList();
        Assert.True(used.Count > 100, $"only {used.Count} uses of CliText found");
        var english = Keys(CliLanguage.English);
        Assert.All(used, u => Assert.True(english.ContainsKey(u.Key), $"{u.File} asks for '{u.Key}', which Messages.resx does not have"));
        var asked = used.Select(u => u.Key).ToHashSet(StringComparer.Ordinal);
        Assert.All(english.Keys, k => Assert.True(asked.Contains(k), $"nothing writes '{k}' any more"));
    }

    [Theory]
    [InlineData(null, null, null, null, CliLanguage.English)]
    [InlineData(null, null, null, "C.UTF-8", CliLanguage.English)]
    [InlineData(null, null, null, "POSIX", CliLanguage.English)]
    [InlineData(null, null, null, "en_GB.UTF-8", CliLanguage.English)]
    [InlineData(null, null, null, "ru_RU.UTF-8", CliLanguage.Russian)]
    [InlineData(null, null, null, "es_MX.UTF-8", CliLanguage.Spanish)]
    [InlineData(null, null, null, "es_ES", CliLanguage.Spanish)]
    [InlineData(null, null, null, "fa_IR", CliLanguage.Persian)]
    [InlineData(null, null, null, "fa_IR.UTF-8@calendar=persian", CliLanguage.Persian)]
    [InlineData(null, null, null, "de_DE.UTF-8", CliLanguage.English)]
    [InlineData(null, null, "ru_RU.UTF-8", "es_MX.UTF-8", CliLanguage.Russian)]
    [InlineData(null, "fa_IR.UTF-8", "ru_RU.UTF-8", "es_MX.UTF-8", CliLanguage.Persian)]
    [InlineData(null, "de_DE.UTF-8", null, "ru_RU.UTF-8", CliLanguage.English)] // the first locale variable set decides
    [InlineData(null, "", "", "ru_RU.UTF-8", CliLanguage.Russian)] // set but empty is not set
    [InlineData("ru", null, null, null, CliLanguage.Russian)]
    [InlineData("es-MX", null, null, "ru_RU.UTF-8", CliLanguage.Spanish)]
    [InlineData("es", null, null, null, CliLanguage.Spanish)]
    [InlineData("fa-IR", "ru_RU.UTF-8", null, null, CliLanguage.Persian)]
    [InlineData("FA", null, null, null, CliLanguage.Persian)]
    [InlineData("en", "ru_RU.UTF-8", "ru_RU.UTF-8", "ru_RU.UTF-8", CliLanguage.English)]
    [InlineData("klingon", null, null, "ru_RU.UTF-8", CliLanguage.English)] // asked for, unknown: English
    [InlineData("  ", null, null, "ru_RU.UTF-8", CliLanguage.Russian)]
    public void The_language_is_HEARTH_LANGUAGE_else_the_locale_else_English(string? hearth, string? lcAll, string? lcMessages, string? lang, string expected) =>
        Assert.Equal(expected, CliLanguage.Choose(hearth, lcAll, lcMessages, lang));

    [Fact]
    public void Each_language_finds_its_own_words_and_English_is_the_neutral_resources()
    {
        Assert.Equal(CultureInfo.InvariantCulture, CliLanguage.Culture(CliLanguage.English));
        var expected = new Dictionary<string, string>
        {
            [CliLanguage.English] = "x: the input file does not exist",
            [CliLanguage.Spanish] = "x: el archivo de entrada no existe",
            [CliLanguage.Russian] = "x: входной файл не существует",
            [CliLanguage.Persian] = "x: فایل ورودی وجود ندارد",
        };
        var before = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var (language, text) in expected)
            {
                CultureInfo.CurrentUICulture = CliLanguage.Culture(language);
                Assert.Equal(text, CliText.Get("Error.InputMissing", "x"));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void In_Russian_the_tool_speaks_Russian_and_its_json_and_csv_are_unchanged()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), "respondent,1,2,3,4,5,6,7,8,9\nr1,1,1,1,1,2,2,2,2,0\nr2,0,0,0,0,0,0,0,0,1\n");
        string[] missing = ["score", "phq-9", "--input", dir.File("missing.csv"), "--content", CliRun.Instruments];
        string[] help = ["score", "--help"];
        string[][] data =
        [
            ["instruments", "list", "--format", "json", "--content", CliRun.Instruments],
            ["score", "phq-9", "--input", dir.File("in.csv"), "--content", CliRun.Instruments],
            ["score", "phq-9", "--input", dir.File("in.csv"), "--format", "csv", "--content", CliRun.Instruments],
        ];

        var russian = Run(new() { ["HEARTH_LANGUAGE"] = "ru" }, missing);
        Assert.Equal(1, russian.ExitCode);
        Assert.Equal("", russian.Out);
        Assert.Equal($"error: {dir.File("missing.csv")}: входной файл не существует\n", russian.Err);
        var english = Run(new() { ["HEARTH_LANGUAGE"] = "en", ["LANG"] = "ru_RU.UTF-8" }, missing);
        Assert.Equal($"error: {dir.File("missing.csv")}: the input file does not exist\n", english.Err);

        // Help: the tool's own descriptions (and, from the locale alone, the same language).
        var russianHelp = Run(new() { ["LANG"] = "ru_RU.UTF-8" }, help);
        Assert.Equal(0, russianHelp.ExitCode);
        Assert.Contains("Подсчитать баллы по CSV-файлу ответов", russianHelp.Out, StringComparison.Ordinal);
        Assert.Contains("Показать справку и сведения об использовании", russianHelp.Out, StringComparison.Ordinal);
        var englishHelp = Run([], help);
        Assert.Contains("Score a CSV of responses: each score's value and band, and any safety flags.", englishHelp.Out, StringComparison.Ordinal);
        Assert.Contains("Show help and usage information", englishHelp.Out, StringComparison.Ordinal);

        foreach (var args in data)
        {
            var en = Run(new() { ["HEARTH_LANGUAGE"] = "en" }, args);
            var ru = Run(new() { ["HEARTH_LANGUAGE"] = "ru" }, args);
            Assert.True(en.ExitCode == 0, en.Err);
            Assert.NotEqual("", en.Out);
            Assert.Equal(en.Out, ru.Out); // byte for byte: field names, values and number formats
            Assert.Equal(en.ExitCode, ru.ExitCode);
        }
    }

    [Fact]
    public void What_is_wrong_with_a_data_file_is_said_in_the_readers_language()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("answers.csv"), "respondent,1,2,3,4,5,6,7,8,9\nr1,1,1,1,1,2,2,2,2,7\n");
        File.WriteAllText(dir.File("trial.csv"), "subject,arm,wave,score\ns1,a,pre,1\ns1,a,post,x\n");
        string[] score = ["score", "phq-9", "--input", dir.File("answers.csv"), "--content", CliRun.Instruments];
        string[] analyze = ["analyze", dir.File("trial.csv"), "--subject", "subject", "--dv", "score", "--within", "wave", "--between", "arm"];

        var russianScore = Run(new() { ["HEARTH_LANGUAGE"] = "ru" }, score);
        Assert.Equal(1, russianScore.ExitCode);
        Assert.Contains($"error: {dir.File("answers.csv")}: строка 2, столбец '9': '7' — не ответ на пункт 9 (допустимо: 0, 1, 2, 3 или пусто, если ответа нет)", russianScore.Err, StringComparison.Ordinal);
        var spanishAnalyze = Run(new() { ["LANG"] = "es_MX.UTF-8" }, analyze);
        Assert.Contains("línea 3, columna 'score': 'x' no es un número (deja la celda vacía si falta el valor)", spanishAnalyze.Err, StringComparison.Ordinal);
        var persianAnalyze = Run(new() { ["HEARTH_LANGUAGE"] = "fa-IR" }, analyze);
        Assert.Contains("سطر 3، ستون 'score': 'x' عدد نیست", persianAnalyze.Err, StringComparison.Ordinal);
        var english = Run([], analyze);
        Assert.Contains("line 3, column 'score': 'x' is not a number (leave the cell empty for a missing value)", english.Err, StringComparison.Ordinal);
    }

    /// <summary>The built tool as its own process, with only the language variables given set.</summary>
    private static (int ExitCode, string Out, string Err) Run(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hearth.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var variable in new[] { "HEARTH_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" })
        {
            start.Environment.Remove(variable);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The text between the parentheses of every <c>CliText.Get(…)</c>, <c>CliText.Markup(…)</c> and <c>CliText.Headings(…)</c>.</summary>
    private static IEnumerable<string> CallArguments(string code)
    {
        foreach (Match call in CliTextCall().Matches(code))
        {
            var depth = 1;
            var end = call.Index + call.Length;
            while (depth > 0 && end < code.Length)
            {
                depth += code[end] switch { '(' => 1, ')' => -1, _ => 0 };
                end++;
            }
            yield return code[(call.Index + call.Length)..(end - 1)];
        }
    }

    [GeneratedRegex(@"\bCliText\.(?:Get|Markup|Headings)\(")]
    private static partial Regex CliTextCall();

    // A key is written as a literal: "Area.Name" or "Area.Part.Name".
    [GeneratedRegex(@"""([A-Z][A-Za-z]*(?:\.[A-Z][A-Za-z0-9]*)+)""")]
    private static partial Regex KeyLiteral();
}
