using Hearth.Core.Accounts;
using System.Globalization;
using System.Security.Claims;
using Hearth.Content.Instruments;
using Hearth.Core.Measurements;
using Microsoft.AspNetCore.Components;

namespace Hearth.Web.Components.Pages.Measure;

/// <summary>What the check-in and questionnaire pages share: reading the posted answers and submitting them.</summary>
public abstract class MeasurePage : ComponentBase
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;
    [Inject] public MeasurementService Measurements { get; set; } = default!;
    [Inject] public NavigationManager Navigation { get; set; } = default!;
    [Inject] public Hearth.Core.Studies.StudyWaves StudyWaves { get; set; } = default!;

    protected Dictionary<string, string> Answers { get; } = [];
    protected Dictionary<string, string> Errors { get; } = [];

    /// <summary>The posted <c>item-N</c> fields as answers; what was posted is kept in <paramref name="echo"/> to show the form again.</summary>
    public static Dictionary<string, double?> ReadAnswers(IFormCollection form, InstrumentDefinition instrument, Dictionary<string, string> echo)
    {
        var answers = new Dictionary<string, double?>();
        foreach (var item in instrument.Items)
        {
            var raw = form[$"item-{item.LinkId}"].ToString();
            echo[item.LinkId] = raw;
            answers[item.LinkId] = double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        return answers;
    }

    /// <summary>Reads <c>item-N</c> fields, submits them and goes to the result, or to crisis resources when a safety rule fires.</summary>
    protected async Task SubmitAsync(InstrumentDefinition instrument, MeasurementKind kind)
    {
        var answers = ReadAnswers(HttpContext.Request.Form, instrument, Answers);
        var userId = HttpContext.User.UserId();
        var result = await Measurements.SubmitAsync(userId, instrument.Id, answers, kind, requireAll: true);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                Errors[problem.LinkId] = problem.Message;
            }
            HttpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }
        // An answer given while one of the person's study waves is open counts for that wave too.
        await StudyWaves.LinkAsync(userId, result.Measurement!);
        Navigation.NavigateTo(result.SafetyTriggered
            ? $"/crisis?measurement={result.Measurement!.Id}"
            : $"/results?submitted={result.Measurement!.Id}");
    }
}
