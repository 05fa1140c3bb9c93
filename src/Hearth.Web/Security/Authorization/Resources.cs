using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Hearth.Web.Security.Authorization;

/// <summary>A cohort, as the resource of an authorization check.</summary>
public sealed record CohortResource(int CohortId);

/// <summary>One numbered session of a cohort.</summary>
public sealed record CohortSessionResource(int CohortId, int Number);

/// <summary>A questionnaire result to be shared with a cohort's facilitator.</summary>
public sealed record SharedResultResource(long MeasurementId, int CohortId);

/// <summary>A journal entry (reflection) to be shared with a cohort's facilitator.</summary>
public sealed record ReflectionResource(long EntryId, int CohortId);

/// <summary>What someone wants to do with a resource.</summary>
public static class Operations
{
    /// <summary>Run it: the facilitator who leads the cohort.</summary>
    public static readonly OperationAuthorizationRequirement Lead = new() { Name = nameof(Lead) };

    /// <summary>Take part in it: a participant of the cohort.</summary>
    public static readonly OperationAuthorizationRequirement Attend = new() { Name = nameof(Attend) };

    /// <summary>Show it to the cohort's facilitator: its owner, while a participant of the cohort.</summary>
    public static readonly OperationAuthorizationRequirement Share = new() { Name = nameof(Share) };
}
