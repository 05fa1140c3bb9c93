using Hearth.Core.Localization;
using Hearth.Core.Rules;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Practice;

public sealed record PracticeWeek(DateOnly Monday, int Minutes, int Sessions);

/// <summary>
/// A person's log of practice between sessions (the mindfulness program asks for daily practice):
/// minutes and kind per day, and weekly totals for the chart. Only the person themselves reads it.
/// </summary>
public sealed class PracticeLog(HearthDbContext db, TimeProvider clock)
{
    public const int MaxMinutesPerEntry = 600;

    public static readonly IReadOnlyList<string> Kinds =
        ["breathing", "body scan", "mindful movement", "kindness practice", "self-compassion break", "informal practice", "other"];

    public async Task<Outcome<PracticeLogEntry>> AddAsync(string userId, DateOnly date, int minutes, string? kind, CancellationToken cancellationToken = default)
    {
        if (minutes is < 1 or > MaxMinutesPerEntry)
        {
            return new FieldProblem("minutes", ProblemText.Get("Practice.MinutesRange", MaxMinutesPerEntry));
        }
        if (kind is null || !Kinds.Contains(kind))
        {
            return new FieldProblem("kind", ProblemText.Get("Practice.KindRequired"));
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (date > today.AddDays(1) || date < today.AddYears(-1))
        {
            return new FieldProblem("date", ProblemText.Get("Practice.DateOutOfRange"));
        }
        var entry = new PracticeLogEntry { UserId = userId, Date = date, Minutes = minutes, Kind = kind, LoggedAt = clock.GetUtcNow() };
        db.PracticeLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of(entry);
    }

    public async Task<IReadOnlyList<PracticeLogEntry>> RecentAsync(string userId, int days = 84, CancellationToken cancellationToken = default)
    {
        var from = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-days);
        return await db.PracticeLog.OwnedBy(userId).AsNoTracking().Where(p => p.Date >= from)
            .OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).ToListAsync(cancellationToken);
    }

    public async Task DeleteAsync(string userId, long id, CancellationToken cancellationToken = default) =>
        await db.PracticeLog.OwnedBy(userId).Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Minutes per ISO week (Monday first) for the last <paramref name="weeks"/> weeks, oldest first, empty weeks included.</summary>
    public static IReadOnlyList<PracticeWeek> Weekly(IEnumerable<PracticeLogEntry> entries, DateOnly today, int weeks = 12)
    {
        static DateOnly MondayOf(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
        var thisMonday = MondayOf(today);
        var byWeek = entries.GroupBy(e => MondayOf(e.Date)).ToDictionary(g => g.Key, g => (Minutes: g.Sum(e => e.Minutes), Count: g.Count()));
        return [.. Enumerable.Range(0, weeks).Select(i => thisMonday.AddDays(-7 * (weeks - 1 - i)))
            .Select(m => new PracticeWeek(m, byWeek.GetValueOrDefault(m).Minutes, byWeek.GetValueOrDefault(m).Count))];
    }
}
