namespace Hearth.Core.Cohorts;

/// <summary>A request the cohort rules refuse; <see cref="Field"/> names the form field at fault, so pages can show the message beside it.</summary>
public sealed class CohortRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
