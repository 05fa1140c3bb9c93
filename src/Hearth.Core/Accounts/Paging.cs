using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Accounts;

/// <summary>One page of a search, with how many match in all.</summary>
public sealed record Page<T>(IReadOnlyList<T> Rows, int Total, int Number, int Size)
{
    public int Pages => Paging.PagesFor(Total, Size);
}

public static class Paging
{
    public static int PagesFor(int total, int size) => Math.Max(1, (total + size - 1) / size);

    /// <summary>Counts the ordered query and reads one page of it in the database; a page number out of range reads the nearest page.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, int page, int size, CancellationToken cancellationToken = default)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var number = Math.Clamp(page, 1, PagesFor(total, size));
        var rows = await ordered.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<T>(rows, total, number, size);
    }
}
