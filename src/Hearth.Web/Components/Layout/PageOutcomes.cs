using Hearth.Core.Rules;

namespace Hearth.Web.Components.Layout;

/// <summary>How a page answers a service's outcome: the status code a form post deserves, said once for every page.</summary>
public static class PageOutcomes
{
    /// <summary>
    /// Sets 404 for a resource that is missing (or not the person's), 422 for a refused request; leaves
    /// success alone. Returns the refusal as a sentence to show beside its field, or null.
    /// </summary>
    public static string? Answer(this HttpContext http, Outcome outcome)
    {
        if (outcome.NotFound)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (outcome.Problem is not null)
        {
            http.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return outcome.Problem?.Sentence;
    }

    public static string? Answer<T>(this HttpContext http, Outcome<T> outcome) =>
        http.Answer(outcome.Done ? Outcome.Ok : outcome.NotFound ? Outcome.Missing : outcome.Problem!);

    /// <summary>A form's own check failed before any service was asked (e.g. a date that does not parse).</summary>
    public static string Refuse(this HttpContext http, string field, string message) =>
        http.Answer(new FieldProblem(field, message))!;
}
