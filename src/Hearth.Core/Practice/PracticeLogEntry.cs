namespace Hearth.Core.Practice;

/// <summary>One practice a person logged: on which day, for how long, of what kind.</summary>
public sealed class PracticeLogEntry : Rules.IOwnedByUser
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public DateOnly Date { get; set; }
    public int Minutes { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset LoggedAt { get; set; }
}
