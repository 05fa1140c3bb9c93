using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Hearth.EndToEnd;

/// <summary>A wave as the design form takes it: name, what it counts from, and days after that.</summary>
public sealed record WaveRow(string Name, string Anchor, int Offset);

/// <summary>What a researcher does in the browser to run the three-arm study of the seeds.</summary>
public static class StudyDesignSteps
{
    /// <summary>
    /// On /studies: a compassion, a mentalization and a waitlist arm, permuted blocks, one screening
    /// question, WHO-5 at each wave; then publishes consent and opens recruitment. Returns the study's URL.
    /// <paramref name="beforeCreate"/> runs on the filled form (to screenshot it).
    /// </summary>
    public static async Task<string> DesignThreeArmStudyAsync(this IPage rae, BrowserApp app, string title, IReadOnlyList<WaveRow> waves, Func<Task>? beforeCreate = null)
    {
        await rae.GotoAsync(app.BaseUrl + "/studies");
        if (beforeCreate is not null)
        {
            await beforeCreate();
        }
        await rae.FillAsync("#title", title);
        await rae.FillAsync("#primary", "who-5/total");
        string[] arms = ["compassion", "mentalization", "waitlist"];
        string[] programs = ["compassion-training", "mentalization-training", "compassion-training"];
        for (var i = 0; i < 3; i++)
        {
            await rae.FillAsync($"#arm-name-{i + 1}", arms[i]);
            await rae.SelectOptionAsync($"#arm-kind-{i + 1}", i == 2 ? "Waitlist" : "Active");
            await rae.SelectOptionAsync($"#arm-program-{i + 1}", programs[i]);
        }
        await rae.SelectOptionAsync("#method", "PermutedBlocks");
        await rae.FillAsync("#criterion-key-1", "clinician");
        await rae.FillAsync("#criterion-question-1", "Do you work directly with patients?");
        for (var i = 0; i < waves.Count; i++)
        {
            await rae.FillAsync($"#wave-name-{i + 1}", waves[i].Name);
            await rae.SelectOptionAsync($"#wave-anchor-{i + 1}", waves[i].Anchor);
            await rae.FillAsync($"#wave-offset-{i + 1}", waves[i].Offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await rae.FillAsync($"#wave-instruments-{i + 1}", "who-5");
        }
        await rae.ClickAsync("button:has-text('Create the study')");
        await rae.ArriveAtAsync(app, new Regex("/studies/\\d+$"));
        var studyUrl = rae.Url;
        await rae.FillAsync("#consent-text", "Taking part is voluntary; you can stop at any time.");
        await rae.ClickAsync("button:has-text('Publish')");
        await rae.ClickAsync("button:has-text('Open recruitment')");
        Assert.Contains("Recruitment is open.", await rae.ContentAsync());
        return studyUrl;
    }
}
