using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Hearth.Core.Organisations;
using Hearth.Web.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests;

/// <summary>Pages in English, Spanish, Russian and Persian: every word in every language, the right one for each person, Persian right to left with Solar Hijri dates.</summary>
public partial class LanguageTests(HearthApp app) : SetUpAppTests(app)
{
    private static readonly string Folder = Hearth.Tests.RepoRoot.Combine("src", "Hearth.Web", "Localization");

    private static Dictionary<string, string> Keys(string file) => Hearth.Tests.ResourceFamilies.Keys(Path.Combine(Folder, file));

    private static IEnumerable<string> FamilyNames() => Hearth.Tests.ResourceFamilies.In(Folder);

    public static TheoryData<string> Families() => [.. FamilyNames()];

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_key_is_in_every_language_and_none_is_empty(string family) =>
        Assert.Empty(Hearth.Tests.ResourceFamilies.Problems(Folder, family, Languages.All.Where(l => l != Languages.English)));

    [Fact]
    public void Every_key_a_page_asks_for_exists()
    {
        // L is Text; T is the area's own family, injected at the top of the page.
        var used = Directory.EnumerateFiles(Hearth.Tests.RepoRoot.Combine("src", "Hearth.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f =>
            {
                var text = File.ReadAllText(f);
                var area = AreaInjection().Match(text) is { Success: true } m ? m.Groups[1].Value : null;
                return KeyUse().Matches(text).Select(k => (File: Path.GetFileName(f), Family: k.Groups[1].Value == "L" ? "Text" : area, Key: k.Groups[2].Value));
            })
            .ToList();
        Assert.NotEmpty(used);
        var families = FamilyNames().ToDictionary(f => f, f => Keys($"{f}.resx"));
        Assert.All(used, u => Assert.True(u.Family is not null && families.TryGetValue(u.Family, out var keys) && keys.ContainsKey(u.Key),
            $"{u.File} asks for '{u.Key}', which {u.Family ?? "(no IStringLocalizer<…> T injected)"}.resx does not have"));
    }

    [Theory]
    [InlineData("fa-IR,fa;q=0.9", "fa-IR", "rtl", "ورود")]
    [InlineData("es-ES,es;q=0.8", "es-MX", "ltr", "Iniciar sesión")]
    [InlineData("ru", "ru", "ltr", "Войти")]
    [InlineData("de-DE,de;q=0.9,ru;q=0.5", "ru", "ltr", "Войти")]
    [InlineData("en-GB", "en", "ltr", "Sign in")]
    public async Task A_browser_gets_its_language_marked_on_the_page(string acceptLanguage, string lang, string dir, string signIn)
    {
        using var visitor = App.NewSession();
        visitor.Client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var page = await visitor.GetPageAsync("/crisis");
        Assert.Contains($"<html lang=\"{lang}\" dir=\"{dir}\">", page);
        Assert.Contains($">{signIn}</a>", page);
    }

    [Fact]
    public async Task A_browser_asking_for_no_language_Hearth_has_gets_the_organisation_default()
    {
        using (var scope = App.Services.CreateScope())
        {
            var choices = scope.ServiceProvider.GetRequiredService<LanguageChoices>();
            Assert.False((await choices.ChooseOrganisationDefaultAsync("admin", "klingon")).Done);
            Assert.True((await choices.ChooseOrganisationDefaultAsync("admin", Languages.Spanish)).Done);
            scope.ServiceProvider.GetRequiredService<OrganisationLanguage>().Forget();
        }
        try
        {
            using var visitor = App.NewSession();
            visitor.Client.DefaultRequestHeaders.Add("Accept-Language", "de-DE");
            Assert.Contains("<html lang=\"es-MX\" dir=\"ltr\">", await visitor.GetPageAsync("/crisis"));
        }
        finally
        {
            using var scope = App.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<LanguageChoices>().ChooseOrganisationDefaultAsync("admin", null);
            scope.ServiceProvider.GetRequiredService<OrganisationLanguage>().Forget();
        }
    }

    [Fact]
    public async Task A_person_chooses_their_language_and_it_follows_them_to_another_browser()
    {
        using var clinician = await App.SignedInAsync("lingua@test.example", "clinician");
        var refused = await clinician.SubmitAsync("/account", new() { ["Language"] = "tlh" }, formName: "language");
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        var chosen = await clinician.SubmitAsync("/account", new() { ["Language"] = Languages.Russian }, formName: "language");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, chosen.StatusCode);
        var results = await clinician.GetPageAsync("/results");
        Assert.Contains("<html lang=\"ru\" dir=\"ltr\">", results);
        Assert.Contains("<h1>Мои результаты</h1>", results);

        // Another browser that asks for English: the person's choice wins once they sign in.
        using var elsewhere = App.NewSession();
        elsewhere.Client.DefaultRequestHeaders.Add("Accept-Language", "en");
        await elsewhere.SubmitAsync("/account/login", new() { ["Input.Email"] = "lingua@test.example", ["Input.Password"] = HearthApp.Password });
        Assert.Contains("<h1>Мои результаты</h1>", await elsewhere.GetPageAsync("/results"));

        // Back to "as my browser asks": the English browser gets English.
        await elsewhere.SubmitAsync("/account", new() { ["Language"] = "" }, formName: "language");
        Assert.Contains("<h1>My results</h1>", await elsewhere.GetPageAsync("/results"));
    }

    [Fact]
    public void Persian_dates_are_Solar_Hijri_and_other_languages_write_theirs()
    {
        var day = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        string In(string language, Func<string> write)
        {
            var before = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            try
            {
                return write();
            }
            finally
            {
                CultureInfo.CurrentUICulture = before;
            }
        }
        Assert.Equal("12 آذر 1405", In(Languages.Persian, () => Readable.Day(day)));
        Assert.Equal("3 de diciembre de 2026", In(Languages.Spanish, () => Readable.Day(day)));
        Assert.Equal("3 декабря 2026 г.", In(Languages.Russian, () => Readable.Day(day)));
        Assert.Equal("3 December 2026", In(Languages.English, () => Readable.Day(day)));
        Assert.Equal("2026-12-03", In(Languages.English, () => Readable.ShortDay(day)));
        Assert.Equal("12,5", In(Languages.Russian, () => Readable.Number(12.5)));
        Assert.Equal("rtl", In(Languages.Persian, () => Readable.Direction));
    }


    [GeneratedRegex(@"\b([LT])\[""([^""]+)""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"IStringLocalizer<(\w+)> T\b")]
    private static partial Regex AreaInjection();
}

/// <summary>The results chart read right to left: mirrored geometry, unmirrored words.</summary>
public class RightToLeftChartTests
{
    [Fact]
    public void In_Persian_the_value_axis_is_on_the_right_and_time_runs_leftwards()
    {
        var who5 = Hearth.Content.Instruments.InstrumentCatalog.Load(Hearth.Tests.RepoRoot.Combine("content", "instruments")).Find("who-5")!;
        var score = who5.Scores.Single(s => s.Id == "total"); // the 0–100 percentage
        var start = new DateTimeOffset(2026, 3, 21, 9, 0, 0, TimeSpan.Zero);
        var history = new Hearth.Content.Scoring.ScoreHistory(who5, score,
            [new(start, 40, null), new(start.AddDays(30), 52, null), new(start.AddDays(60), 76, null)], null, 36, Hearth.Statistics.Change.ChangeDirection.Improved);

        var persian = new Hearth.Web.Charts.ChartWords("{0} از {1} تا {2}، {3}–{4}؛ {5}", "بهبود قابل اتکا", "بدترشدن قابل اتکا", CultureInfo.GetCultureInfo(Languages.Persian), true);
        var rtl = Hearth.Web.Charts.ScoreChartSvg.Draw(history, persian);
        var ltr = Hearth.Web.Charts.ScoreChartSvg.Draw(history);

        static double[] PointsX(string svg) => [.. Regex.Matches(svg, @"<circle cx=""([\d.]+)"" cy=""[\d.]+"" r=""3.5""").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        Assert.Equal(PointsX(ltr).Order(), PointsX(ltr)); // left to right: oldest first
        Assert.Equal(PointsX(rtl).OrderDescending(), PointsX(rtl)); // right to left: the newest furthest left
        Assert.All(PointsX(ltr).Zip(PointsX(rtl)), pair => Assert.Equal(520, pair.First + pair.Second, 6)); // mirrored about the middle
        Assert.Contains("<line x1=\"468\" y1=\"12\" x2=\"468\" y2=\"260\" class=\"axis\"/>", rtl); // the value axis on the right
        Assert.Contains("<line x1=\"52\" y1=\"12\" x2=\"52\" y2=\"260\" class=\"axis\"/>", ltr);
        Assert.Contains("فروردین", rtl); // dates in the Solar Hijri calendar: 21 March 2026 is 1 Farvardin 1405
        Assert.Contains("بهبود قابل اتکا", rtl);
    }
}

/// <summary>The organisation's trend chart and a cohort's engagement read right to left too.</summary>
public class RightToLeftInsightChartTests
{
    [Fact]
    public void In_Persian_an_organisations_trend_runs_leftwards_with_its_scale_on_the_right()
    {
        var months = Enumerable.Range(0, 4).Select(i => new Hearth.Core.Insights.TrendPoint(new DateOnly(2026, 1 + i, 1), 12, 50 + i, 45 + i, 55 + i, null)).ToList();
        var team = new Hearth.Core.Insights.GroupFigures("t1", "Ward 3", null, 12, 14, 52, 47, 57, null, false, null, months);
        var range = new Hearth.Content.Instruments.ScoreRange(0, 100);
        var persian = Hearth.Web.Insights.InsightChartWords.English with { Dates = CultureInfo.GetCultureInfo(Languages.Persian), RightToLeft = true };
        var ltr = Hearth.Web.Insights.InsightCharts.Trend(team, "WHO-5", range, "trend");
        var rtl = Hearth.Web.Insights.InsightCharts.Trend(team, "WHO-5", range, "trend", persian);

        static double[] PointsX(string svg) => [.. Regex.Matches(svg, @"<circle cx=""([\d.]+)""").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        Assert.Equal(4, PointsX(ltr).Length);
        Assert.Equal(PointsX(ltr).Order(), PointsX(ltr));
        Assert.Equal(PointsX(rtl).OrderDescending(), PointsX(rtl)); // the first month furthest right
        Assert.All(PointsX(ltr).Zip(PointsX(rtl)), pair => Assert.Equal(640, pair.First + pair.Second, 6)); // mirrored about the middle
        Assert.Contains("direction=\"ltr\"", rtl); // laid out left to right, so its anchors mean the sides drawn
        Assert.Matches(@"<text x=""6\d\d"" y=""[\d.]+"" text-anchor=""start"" font-size=""11"">100</text>", rtl); // the value axis's labels on the right
    }
}

/// <summary>A person's own data for a spreadsheet in their language.</summary>
public class SpreadsheetExportTests(HearthApp app) : SetUpAppTests(app)
{
    [Fact]
    public async Task A_Russian_reader_gets_semicolons_and_a_byte_order_mark_and_the_plain_export_stays_invariant()
    {
        using var person = await App.SignedInAsync("tablitsa@test.example", "clinician");
        await person.SubmitAsync("/account", new() { ["Language"] = Languages.Russian }, formName: "language");
        var answers = Enumerable.Range(1, 5).ToDictionary(i => $"item-{i}", _ => "3");
        await person.SubmitAsync("/questionnaires/who-5", answers, formName: "questionnaire");

        var spreadsheet = await person.Client.GetByteArrayAsync("/me/export.csv?layout=spreadsheet");
        Assert.Equal(System.Text.Encoding.UTF8.Preamble.ToArray(), spreadsheet[..3]);
        var text = System.Text.Encoding.UTF8.GetString(spreadsheet[3..]);
        Assert.StartsWith("measurement;instrument;version;kind;submitted_at;field;value;band\n", text, StringComparison.Ordinal);
        Assert.Contains(";score:total;60;", text, StringComparison.Ordinal);

        Assert.Equal(new Hearth.Content.Exports.CsvLayout(';', true), Hearth.Content.Exports.CsvLayout.For(CultureInfo.GetCultureInfo(Languages.Russian)));
        Assert.Equal(Hearth.Content.Exports.CsvLayout.Invariant, Hearth.Content.Exports.CsvLayout.For(CultureInfo.GetCultureInfo(Languages.Spanish)));
        Assert.Equal(Hearth.Content.Exports.CsvLayout.Invariant, Hearth.Content.Exports.CsvLayout.For(CultureInfo.GetCultureInfo(Languages.English)));

        var plain = await person.Client.GetByteArrayAsync("/me/export.csv");
        Assert.Equal((byte)'m', plain[0]);
        Assert.StartsWith("measurement,instrument,", System.Text.Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
    }
}
