namespace Hearth.Content.Groups;

/// <summary>
/// Who presents the case at the next Balint meeting. Fair rotation: nobody presents a second time
/// before every member has presented once; among those due, volunteers come first; ties go to the
/// person who presented longest ago (or never), then to roster order. If everyone due is absent, the
/// present member who has presented least is asked, so a meeting never lacks a case.
/// </summary>
public static class BalintRota
{
    /// <param name="roster">Members, in joining order.</param>
    /// <param name="presentations">Past presenters, oldest first.</param>
    /// <param name="present">Who is at this meeting.</param>
    /// <param name="volunteers">Who has offered a case for this meeting.</param>
    public static string? NextPresenter(IReadOnlyList<string> roster, IReadOnlyList<string> presentations, IReadOnlySet<string> present, IReadOnlySet<string> volunteers)
    {
        var here = roster.Where(present.Contains).ToList();
        if (here.Count == 0)
        {
            return null;
        }
        var counts = roster.ToDictionary(m => m, m => presentations.Count(p => p == m));
        var lowest = counts.Values.Min();
        var due = here.Where(m => counts[m] == lowest).ToList();
        if (due.Count == 0)
        {
            var lowestHere = here.Min(m => counts[m]);
            due = [.. here.Where(m => counts[m] == lowestHere)];
        }
        int LastTime(string m)
        {
            for (var i = presentations.Count - 1; i >= 0; i--)
            {
                if (presentations[i] == m)
                {
                    return i;
                }
            }
            return -1;
        }
        return due
            .OrderBy(m => volunteers.Contains(m) ? 0 : 1)
            .ThenBy(LastTime)
            .ThenBy(m => roster.ToList().IndexOf(m))
            .First();
    }
}
