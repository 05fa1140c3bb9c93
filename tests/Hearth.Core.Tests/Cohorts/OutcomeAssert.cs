using Hearth.Core.Rules;

namespace Hearth.Core.Tests.Cohorts;

/// <summary>Asserts on a service's outcome: refused by a rule (with its field) or not found.</summary>
internal static class OutcomeAssert
{
    public static FieldProblem Refused(Outcome outcome)
    {
        Assert.False(outcome.NotFound, "expected a refusal, got not found");
        Assert.NotNull(outcome.Problem);
        return outcome.Problem;
    }

    public static FieldProblem Refused<T>(Outcome<T> outcome)
    {
        Assert.False(outcome.NotFound, "expected a refusal, got not found");
        Assert.NotNull(outcome.Problem);
        return outcome.Problem;
    }

    public static void Missing(Outcome outcome) => Assert.True(outcome.NotFound, $"expected not found, got {(outcome.Done ? "done" : outcome.Problem?.Message)}");

    public static void Missing<T>(Outcome<T> outcome) => Assert.True(outcome.NotFound, $"expected not found, got {(outcome.Done ? "done" : outcome.Problem?.Message)}");
}
