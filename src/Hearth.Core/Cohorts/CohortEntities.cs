namespace Hearth.Core.Cohorts;

/// <summary>
/// One running of a program by a facilitator for a group of participants: its own schedule (in its
/// own time zone), place or video link and capacity. The program's content stays in the catalog;
/// the cohort records the version it started with.
/// </summary>
public sealed class Cohort
{
    public int Id { get; set; }
    public required string ProgramId { get; set; }
    public required string ProgramVersion { get; set; }
    public required string Name { get; set; }
    /// <summary>Null only when the facilitator's account was deleted; an administrator can hand the cohort on.</summary>
    public string? FacilitatorId { get; set; }
    /// <summary>IANA time-zone id; session times keep their local wall-clock time across daylight-saving changes.</summary>
    public required string TimeZone { get; set; }
    public string? Place { get; set; }
    public string? VideoLink { get; set; }
    public int Capacity { get; set; }
    /// <summary>
    /// The language the cohort's sessions are read in (a translation the program ships), chosen by the
    /// facilitator; null for the program's own language.
    /// </summary>
    public string? Language { get; set; }
    /// <summary>A self-guided program one person runs on their own: no facilitator, no one else.</summary>
    public bool SelfGuided { get; set; }
    /// <summary>
    /// The person who runs a self-guided program (null for groups). Unique with the program, so one
    /// person follows a program once at a time; deleting their account deletes the run.
    /// </summary>
    public string? OwnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<CohortSession> Sessions { get; set; } = [];
    public List<CohortParticipant> Participants { get; set; } = [];
}

/// <summary>A meeting of a cohort. For an ongoing program, meeting N follows the program's repeating pattern.</summary>
public sealed class CohortSession
{
    public int Id { get; set; }
    public int CohortId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public int Minutes { get; set; }
    /// <summary>When the session is over (derived, not stored).</summary>
    public DateTimeOffset EndsAt => StartsAt.AddMinutes(Minutes);
    /// <summary>The facilitator's private notes, encrypted (Data Protection, per cohort).</summary>
    public string? NotesCiphertext { get; set; }
    /// <summary>Who presents the case (Balint groups).</summary>
    public string? PresenterId { get; set; }
}

/// <summary>A member of a cohort. Joining order (the id) is the roster order pairing and rota use.</summary>
public sealed class CohortParticipant : Rules.IOwnedByUser
{
    public int Id { get; set; }
    public int CohortId { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}

/// <summary>A participant at one meeting: attendance (null until the facilitator records it) and whether they offered a case.</summary>
public sealed class SessionParticipation : Rules.IOwnedByUser
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public required string UserId { get; set; }
    public bool? Present { get; set; }
    public bool Volunteered { get; set; }

    /// <summary>
    /// Who counts as present at one session: until the facilitator records attendance, everyone on the
    /// roster (pairs and the rota are planned for a full room); once recorded, those marked present.
    /// </summary>
    public static HashSet<string> PresentOf(IEnumerable<string> roster, IReadOnlyCollection<SessionParticipation> marks) =>
        marks.Any(m => m.Present is not null)
            ? [.. marks.Where(m => m.Present == true).Select(m => m.UserId)]
            : [.. roster];
}

/// <summary>A homework assignment of a session that a participant has ticked as done.</summary>
public sealed class HomeworkCompletion : Rules.IOwnedByUser
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public required string UserId { get; set; }
    /// <summary>Position of the assignment in the session's homework list (0-based).</summary>
    public int HomeworkIndex { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
}

/// <summary>
/// A journal entry its author chose to show their cohort's facilitator: a copy encrypted for that
/// cohort. Withdrawing the share deletes the copy; deleting the entry deletes it too.
/// </summary>
public sealed class SharedReflection
{
    public int Id { get; set; }
    public long JournalEntryId { get; set; }
    public int CohortId { get; set; }
    public required string Ciphertext { get; set; }
    public DateTimeOffset SharedAt { get; set; }
}

/// <summary>A personal calendar feed: the secret URL's token is shown once; only its hash is stored.</summary>
public sealed class CalendarFeed : Rules.IOwnedByUser
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// One reminder, keyed so that it exists once per database: an instance claims it (a unique key, then
/// a lease) before sending and marks it sent after. See <see cref="ReminderDispatcher"/>.
/// </summary>
public sealed class ReminderDelivery : Rules.IOwnedByUser
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset ClaimedUntil { get; set; }
    public required string ClaimedBy { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>
/// A questionnaire result its owner chose to show their cohort's facilitator (the scores and bands,
/// never the item answers or a safety flag). Withdrawing deletes the share.
/// </summary>
public sealed class SharedMeasurement
{
    public int Id { get; set; }
    public long MeasurementId { get; set; }
    public int CohortId { get; set; }
    public DateTimeOffset SharedAt { get; set; }
}
