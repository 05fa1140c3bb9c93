using Microsoft.AspNetCore.Identity;

namespace Hearth.Core.Organisations;

/// <summary>The organisation a Hearth installation serves. One per installation.</summary>
public sealed class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The smallest group an employer may see aggregates of (never below 5).</summary>
    public int AnonymityThreshold { get; set; } = Roles.MinimumAnonymityThreshold;
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The language pages are shown in when neither the person nor their browser names one Hearth has (a <see cref="Languages"/> name); null: English.</summary>
    public string? DefaultLanguage { get; set; }
}

/// <summary>A unit of the organisation; teams nest (a ward inside a service).</summary>
public sealed class Team
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? ParentId { get; set; }
    public Team? Parent { get; set; }
}

/// <summary>A person with an account. Their answers belong to them.</summary>
public sealed class HearthUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
    /// <summary>The person's profession (nurse, psychologist …), as the organisation words it; used for stratified allocation and insights.</summary>
    public string? Profession { get; set; }
    /// <summary>Where the person mostly works (a hospital, a clinic); teams can span sites.</summary>
    public string? Site { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The language the person chose on their account page (a <see cref="Languages"/> name); null: their browser's.</summary>
    public string? Language { get; set; }
    /// <summary>The time step of the last authenticator code accepted, so that no code is accepted twice.</summary>
    public long? LastTotpStep { get; set; }
}

public static class Roles
{
    public const string Administrator = "administrator";
    public const string Clinician = "clinician";
    public const string Facilitator = "facilitator";
    public const string WellbeingLead = "wellbeing-lead";
    public const string Researcher = "researcher";

    public const int MinimumAnonymityThreshold = 5;

    public static readonly IReadOnlyList<string> All = [Administrator, Clinician, Facilitator, WellbeingLead, Researcher];
}

/// <summary>An invitation to create an account. Only a hash of the token is stored.</summary>
public sealed class Invitation
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>Role names joined by commas.</summary>
    public required string Roles { get; set; }
    public int? TeamId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public required string InvitedById { get; set; }
    /// <summary>A cohort the invitee joins on accepting (a facilitator's invitation).</summary>
    public int? CohortId { get; set; }
}

/// <summary>A phone line or service shown to staff when a safety rule fires, and on the crisis page.</summary>
public sealed class CrisisResource
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Url { get; set; }
    public string? Description { get; set; }
    public int Order { get; set; }
}

/// <summary>Which instruments the organisation uses; licence terms must be acknowledged before use.</summary>
public sealed class InstrumentChoice
{
    public required string InstrumentId { get; set; }
    public bool Enabled { get; set; }
    public bool InCheckIn { get; set; }
    public DateTimeOffset? LicenceAcknowledgedAt { get; set; }
    public string? LicenceAcknowledgedById { get; set; }
}

/// <summary>An append-only record of an administrative action or a read of someone else's personal data.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public required string Action { get; set; }
    public string? SubjectUserId { get; set; }
    public string? Details { get; set; }
}

/// <summary>A personal access token for the API. Only its SHA-256 hash is stored.</summary>
public sealed class PersonalAccessToken : Rules.IOwnedByUser
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>When the token stops working; tokens made before expiry dates existed end 90 days after creation.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset EffectiveExpiry => ExpiresAt ?? CreatedAt.AddDays(90);
}
